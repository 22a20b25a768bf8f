import { Badge, type BadgeTone } from "./badge.tsx";

// Deployment (not instance) status: Running, Suspended, RunningTransitioning, … (reference S8).
function toneOf(status: string): BadgeTone {
  if (status === "Running") return "ok";
  if (status === "Suspended") return "stopped";
  if (/Transitioning$|^(Starting|Suspending|Deploying|Deleting)$/.test(status)) return "transitional";
  if (status === "Unavailable") return "failed";
  return "unknown";
}

const labels: Record<string, string> = {
  Running: "Running",
  RunningTransitioning: "Running · changing",
  SuspendedTransitioning: "Suspended · changing",
};

export function DeploymentStatus({ status }: { status: string }) {
  return <Badge tone={toneOf(status)}>{labels[status] ?? status}</Badge>;
}
