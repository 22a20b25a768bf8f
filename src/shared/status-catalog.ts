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
};

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
