import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { ActionAccepted, Deployment, Operation } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import { isProductionTarget, targetPath, type TargetRef } from "../../shared/targets.ts";
import { useToast } from "../components/ui/toast.tsx";
import { deploymentKeys } from "../features/deployment/queries.ts";
import type { ActionChoice } from "../features/operations/components/ConfirmDialog.tsx";
import { actionCopy } from "../features/operations/copy.ts";
import { operationKeys, useRunAction } from "../features/operations/queries.ts";
import { actionMayHaveStarted, explainError } from "../lib/errors.ts";

export interface PendingAction {
  action: Action;
  instance: string;
  /** dataUpdatedAt of the target when the dialog opened: only data newer than this is "fresh". */
  since: number;
}

/**
 * The confirm-then-send flow of one target's page: which action awaits confirmation, sending it
 * once, showing it on the row at once, and announcing the result of the request.
 */
export function useActionFlow(target: TargetRef) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const sub = target.subscription;
  const production = isProductionTarget(target);

  const onAccepted = useCallback(
    (accepted: ActionAccepted) => {
      const op: Operation = {
        id: accepted.operationId,
        status: "InProgress",
        action: accepted.action,
        instances: accepted.instances,
        requestedBy: accepted.requestedBy,
        requestedAt: accepted.requestedAt,
        target: targetPath(target),
      };
      const key = deploymentKeys.detail(target);
      // Show "Reimage requested by …" on the row now, before the next poll confirms it.
      queryClient.setQueryData<Deployment>(key, (d) => (d && !d.inFlight.some((o) => o.id === op.id) ? { ...d, inFlight: [...d.inFlight, op] } : d));
      queryClient.setQueryData<Operation[]>(operationKeys.list(sub), (list) => (list && !list.some((o) => o.id === op.id) ? [op, ...list] : list));
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: operationKeys.list(sub) });
    },
    [queryClient, target, sub],
  );

  const mutation = useRunAction(onAccepted);

  const open = useCallback(
    (instance: string, action: Action) => {
      const key = deploymentKeys.detail(target);
      setPending({ instance, action, since: queryClient.getQueryState(key)?.dataUpdatedAt ?? 0 });
      // The dialog must not act on what the table last polled: fetch once more now (cancelling a
      // poll already on its way, which may predate the click) and keep Confirm off until it lands.
      void queryClient.refetchQueries({ queryKey: key, exact: true });
    },
    [queryClient, target],
  );
  const cancel = useCallback(() => setPending(null), []);
  const confirm = useCallback(
    ({ reason }: ActionChoice) => {
      if (!pending) return;
      const { instance, action } = pending;
      const verb = actionCopy[action].verb;
      mutation.mutate(
        { target, instance, action, reason },
        {
          onSuccess: (a) => notify("info", `${verb} of ${instance} requested`, `Operation ${a.operationId} is running; follow it in the Operations tray.`, production),
          onError: (err) => notify("error", `${verb} of ${instance} ${actionMayHaveStarted(err) ? "may have started" : "was not started"}`, explainError(err), production),
          onSettled: () => setPending(null),
        },
      );
    },
    [pending, mutation, target, production, notify],
  );

  return { pending, open, cancel, confirm, sending: mutation.isPending };
}
