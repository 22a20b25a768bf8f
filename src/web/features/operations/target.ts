import type { Operation } from "../../../shared/api.ts";
import { isProductionTarget, parseTargetPath, targetLabel } from "../../../shared/targets.ts";

/** How an operation's target reads ("contoso-web · production"), and whether it is production. */
export function operationTarget(op: Pick<Operation, "target">): { label: string; production: boolean } | undefined {
  const ref = op.target ? parseTargetPath(op.target) : undefined;
  return ref ? { label: targetLabel(ref), production: isProductionTarget(ref) } : undefined;
}
