import type { OperationStatus } from "../../../../shared/api.ts";
import { Badge } from "../../../components/ui/badge.tsx";

export function OperationStatusBadge({ status }: { status: OperationStatus }) {
  if (status === "Succeeded") return <Badge tone="ok">✓ Succeeded</Badge>;
  if (status === "Failed") return <Badge tone="failed">✕ Failed</Badge>;
  return (
    <Badge tone="transitional">
      <span aria-hidden="true" className="inline-block motion-safe:animate-spin">◌</span> In progress
    </Badge>
  );
}
