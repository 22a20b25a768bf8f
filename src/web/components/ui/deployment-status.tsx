import { Badge, type BadgeTone } from "./badge.tsx";

// A target's own status (not an instance's): a classic deployment's Running, Suspended,
// RunningTransitioning, … (reference S8); an ARM resource's provisioningState (Succeeded, Updating, …).
function toneOf(status: string): BadgeTone {
  if (status === "Running" || status === "Succeeded") return "ok";
  if (status === "Suspended") return "stopped";
  if (/Transitioning$|^(Starting|Suspending|Deploying|Deleting|Updating|Creating|Migrating)$/.test(status)) return "transitional";
  if (status === "Unavailable" || status === "Failed") return "failed";
  return "unknown";
}

const labels: Record<string, string> = {
  Running: "Running",
  RunningTransitioning: "Running · changing",
  SuspendedTransitioning: "Suspended · changing",
  Succeeded: "Provisioned",
};

export function DeploymentStatus({ status }: { status: string }) {
  return <Badge tone={toneOf(status)}>{labels[status] ?? status}</Badge>;
}
