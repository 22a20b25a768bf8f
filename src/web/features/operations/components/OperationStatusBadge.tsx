import type { OperationStatus } from "../../../../shared/api.ts";
import { Badge } from "../../../components/ui/badge.tsx";

/** `unknown`: a Failed operation whose outcome was never learnt (key.ts outcomeUnknown): not said to have failed. */
export function OperationStatusBadge({ status, unknown = false }: { status: OperationStatus; unknown?: boolean }) {
  if (unknown) return <Badge tone="unknown"><span aria-hidden="true">?</span> Outcome unknown</Badge>;
  if (status === "Succeeded") return <Badge tone="ok">✓ Succeeded</Badge>;
  if (status === "Failed") return <Badge tone="failed">✕ Failed</Badge>;
  return (
    <Badge tone="transitional">
      <span aria-hidden="true" className="inline-block motion-safe:animate-spin">◌</span> In progress
    </Badge>
  );
}
