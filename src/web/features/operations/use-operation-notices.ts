import { useEffect, useRef } from "react";
import type { Operation } from "../../../shared/api.ts";
import { useToast } from "../../components/ui/toast.tsx";
import { desktopNotify } from "../../lib/notify.ts";
import { actionCopy } from "./copy.ts";
import { operationKey, outcomeUnknown, UNKNOWN_FINAL } from "./key.ts";
import { startedHere } from "./queries.ts";
import { operationTarget } from "./target.ts";

/**
 * Announces operations that end while this page watches (toast + live region), and tells the
 * caller so it can refresh what the operation changed. Operations already finished when first seen
 * are announced only if this browser started them.
 */
export function useOperationNotices(operations: Operation[] | undefined, onFinished: (op: Operation) => void) {
  const { notify } = useToast();
  const seen = useRef<Map<string, Operation["status"]> | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    if (!operations) return;
    const known = (seen.current ??= new Map<string, Operation["status"]>());
    for (const op of operations) {
      const key = operationKey(op);
      const before = known.get(key);
      known.set(key, op.status);
      if (op.status === "InProgress" || before === op.status) continue;
      const watched = before === "InProgress" || (before === undefined && startedHere.has(op.id));
      if (!watched) continue;
      startedHere.delete(op.id);
      const what = `${actionCopy[op.action].verb} of ${op.instances.join(", ")}`;
      const production = operationTarget(op)?.production ?? false;
      const [tone, title, detail] =
        op.status === "Succeeded"
          ? (["success", `${what} succeeded`, "Azure finished the operation; the instance may take a little longer to report Ready."] as const)
          : outcomeUnknown(op)
            ? (["error", `${what}: ${UNKNOWN_FINAL.toLowerCase()}`, "Rolecall never learnt how it ended, and no longer holds the target. Check the instance before acting on it again."] as const)
            : (["error", `${what} failed`, op.error ? `Azure said: ${op.error.message} (${op.error.code})` : "Azure reported the operation as failed."] as const);
      notify(tone, title, detail, production);
      desktopNotify(title, detail, `op:${key}`);
      onFinishedRef.current(op);
    }
  }, [operations, notify]);
}
