/** How an instance status reads at a glance; only `ok` counts as ready. */
export const statusTones = ["ok", "transitional", "stopped", "failed", "unknown"] as const;
export type StatusTone = (typeof statusTones)[number];

export interface StatusInfo {
  /** The raw upstream value. */
  value: string;
  tone: StatusTone;
  label: string;
  meaning: string;
  /** True for values the catalog knows; unknown values still render, labelled with the raw text. */
  known: boolean;
}

type Entry = Omit<StatusInfo, "value" | "known">;

// Every InstanceStatus from the Service Management reference (A4), including legacy short forms.
const catalog: Record<string, Entry> = {
  ReadyRole: { tone: "ok", label: "Ready", meaning: "Started and taking traffic." },
  Ready: { tone: "ok", label: "Ready", meaning: "Started and taking traffic (legacy status name)." },
  CreatingVM: { tone: "transitional", label: "Creating VM", meaning: "Resources are being created for the virtual machine." },
  StartingVM: { tone: "transitional", label: "Starting VM", meaning: "The virtual machine is booting." },
  CreatingRole: { tone: "transitional", label: "Creating role", meaning: "Resources are being created for the role instance." },
  StartingRole: { tone: "transitional", label: "Starting role", meaning: "The role code is starting." },
  BusyRole: { tone: "transitional", label: "Busy", meaning: "Running but not taking traffic (for example while starting up or stopping)." },
  Busy: { tone: "transitional", label: "Busy", meaning: "Running but not taking traffic (legacy status name)." },
  Initializing: { tone: "transitional", label: "Initializing", meaning: "The instance is starting (legacy status name)." },
  StoppingRole: { tone: "transitional", label: "Stopping role", meaning: "The role code is being stopped; the instance is out of the load balancer." },
  Stopping: { tone: "transitional", label: "Stopping", meaning: "The instance is stopping (legacy status name)." },
  StoppingVM: { tone: "transitional", label: "Stopping VM", meaning: "The virtual machine is shutting down." },
  DeletingVM: { tone: "transitional", label: "Deleting VM", meaning: "The virtual machine is being deleted." },
  RestartingRole: { tone: "transitional", label: "Restarting", meaning: "The role stopped unexpectedly or failed to start and is being restarted." },
  Preparing: { tone: "transitional", label: "Preparing", meaning: "The disk image is being copied from its source." },
  Provisioning: { tone: "transitional", label: "Provisioning", meaning: "The virtual machine is being provisioned." },
  StoppingAndDeallocating: { tone: "transitional", label: "Stopping and deallocating", meaning: "The virtual machine is stopping and releasing its resources." },
  StoppedVM: { tone: "stopped", label: "Stopped", meaning: "The virtual machine is not running." },
  Stopped: { tone: "stopped", label: "Stopped", meaning: "The instance is not running (legacy status name)." },
  StoppedDeallocated: { tone: "stopped", label: "Stopped (deallocated)", meaning: "Stopped, and its compute resources were released." },
  CyclingRole: { tone: "failed", label: "Cycling", meaning: "The role keeps crashing after it starts." },
  FailedStartingRole: { tone: "failed", label: "Failed to start", meaning: "The role repeatedly fails to start." },
  FailedStartingVM: { tone: "failed", label: "VM failed to start", meaning: "The platform cannot start the virtual machine." },
  UnresponsiveRole: { tone: "failed", label: "Unresponsive", meaning: "The instance stopped reporting its status and is not answering." },
  Unresponsive: { tone: "failed", label: "Unresponsive", meaning: "The instance is not answering (legacy status name)." },
  ProvisioningFailed: { tone: "failed", label: "Provisioning failed", meaning: "The virtual machine could not be provisioned." },
  ProvisioningTimeout: { tone: "failed", label: "Provisioning timed out", meaning: "The virtual machine did not finish provisioning in time." },
  RoleStateUnknown: { tone: "unknown", label: "State unknown", meaning: "Azure does not currently know the state of this instance." },
  Unknown: { tone: "unknown", label: "State unknown", meaning: "Azure does not currently know the state of this instance." },
  // Cloud Services (extended support): role instance view codes (reference B1/B2; the CSES states page).
  "RoleState/RoleStateStarted": { tone: "ok", label: "Started", meaning: "Started and taking traffic." },
  "RoleState/RoleStateStarting": { tone: "transitional", label: "Starting", meaning: "The role is starting; not taking traffic yet." },
  "RoleState/RoleStateStopping": { tone: "transitional", label: "Stopping", meaning: "The role is being stopped; the instance is out of the load balancer." },
  "RoleState/RoleStateBusy": { tone: "transitional", label: "Busy", meaning: "Running but not responding or not taking traffic." },
  "RoleState/RoleStateStopped": { tone: "stopped", label: "Stopped", meaning: "The role is not running." },
  "RoleState/RoleStateDestroyed": { tone: "stopped", label: "Destroyed", meaning: "The role instance was removed." },
  "RoleState/RoleStateUnknown": { tone: "unknown", label: "State unknown", meaning: "Azure does not currently know the state of this role instance." },
  "ProvisioningState/updating": { tone: "transitional", label: "Updating", meaning: "Azure is applying an operation to this instance." },
  "ProvisioningState/creating": { tone: "transitional", label: "Creating", meaning: "The instance is being created." },
  "ProvisioningState/deleting": { tone: "transitional", label: "Deleting", meaning: "The instance is being deleted." },
  "ProvisioningState/failed": { tone: "failed", label: "Provisioning failed", meaning: "Azure could not apply the last operation to this instance." },
  // Alone, it says nothing about whether the instance runs: not ready, and said so.
  "ProvisioningState/succeeded": { tone: "unknown", label: "Provisioned", meaning: "Provisioning succeeded, but Azure reports no power or role state, so whether it runs is not known." },
  // Scale sets (Uniform): a virtual machine's power and health states (reference C2).
  "PowerState/running": { tone: "ok", label: "Running", meaning: "The virtual machine is running (no health probe reports on it)." },
  "PowerState/starting": { tone: "transitional", label: "Starting", meaning: "The virtual machine is booting." },
  "PowerState/stopping": { tone: "transitional", label: "Stopping", meaning: "The virtual machine is shutting down." },
  "PowerState/deallocating": { tone: "transitional", label: "Deallocating", meaning: "The virtual machine is stopping and releasing its compute resources." },
  "PowerState/stopped": { tone: "stopped", label: "Stopped", meaning: "The virtual machine is stopped; it keeps its compute resources." },
  "PowerState/deallocated": { tone: "stopped", label: "Stopped (deallocated)", meaning: "The virtual machine is stopped, and its compute resources were released." },
  "PowerState/unknown": { tone: "unknown", label: "Power state unknown", meaning: "Azure does not currently know whether this virtual machine runs." },
  "HealthState/healthy": { tone: "ok", label: "Healthy", meaning: "Running, and its health probe reports it healthy." },
  "HealthState/initializing": { tone: "transitional", label: "Health initializing", meaning: "Running, but its health probe has not reported yet (its grace period)." },
  "HealthState/unhealthy": { tone: "failed", label: "Unhealthy", meaning: "Running, but its health probe reports it unhealthy." },
  "HealthState/unknown": { tone: "unknown", label: "Health unknown", meaning: "Its health probe's verdict is not known." },
};

/** One entry of an ARM instance view's `statuses`. */
export interface ArmStatus {
  code: string;
  level?: string;
  message?: string;
}

/**
 * The status that speaks for an ARM instance (cloud service role instance or scale-set virtual
 * machine), from its instance view's statuses (a scale set's `vmHealth.status` among them), and its
 * tone. In order: a status at level Error (tone failed, whatever its code says); a provisioning
 * state other than succeeded; the role state (cloud services: it alone says whether the role takes
 * traffic); a power state other than running; for a running machine, its health state where one
 * is reported, else the power state; else the first status that is not a health verdict. So a
 * scale-set instance is ready (ok) only when provisioning succeeded, it runs, and it is healthy
 * where health is reported (reference C2). No statuses at all is unknown, not ready.
 */
export function armInstanceStatus(statuses: readonly ArmStatus[]): { status: string; tone: StatusTone; message?: string } {
  const error = statuses.find((s) => s.level?.toLowerCase() === "error");
  if (error) return { status: error.code, tone: "failed", message: error.message || undefined };
  const family = (prefix: string) => statuses.find((s) => s.code.startsWith(prefix));
  const provisioning = statuses.find((s) => s.code.startsWith("ProvisioningState/") && s.code.toLowerCase() !== "provisioningstate/succeeded");
  const power = family("PowerState/");
  // Health speaks only for a running machine: a healthy verdict never makes anything else ready.
  const running = power?.code.toLowerCase() === "powerstate/running";
  const fallback = statuses.find((s) => !s.code.startsWith("HealthState/"));
  const speaking = provisioning ?? family("RoleState/") ?? (running ? (family("HealthState/") ?? power) : power) ?? fallback;
  if (!speaking) return { status: "Unknown", tone: "unknown" };
  return { status: speaking.code, tone: statusTone(speaking.code), message: speaking.message || undefined };
}

export function describeStatus(value: string): StatusInfo {
  const entry = Object.hasOwn(catalog, value) ? catalog[value] : undefined;
  if (entry) return { value, known: true, ...entry };
  return {
    value,
    known: false,
    tone: "unknown",
    label: `Unknown (${value})`,
    meaning: `Azure reported "${value}", a status Rolecall does not recognise.`,
  };
}

export function statusTone(value: string): StatusTone {
  return describeStatus(value).tone;
}

export function isReady(value: string): boolean {
  return statusTone(value) === "ok";
}

export function isTransitional(value: string): boolean {
  return statusTone(value) === "transitional";
}
