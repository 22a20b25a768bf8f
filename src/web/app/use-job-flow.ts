import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Action } from "../../shared/names.ts";
import { isProductionTarget, type TargetRef } from "../../shared/targets.ts";
import { useToast } from "../components/ui/toast.tsx";
import { deploymentKeys } from "../features/deployment/queries.ts";
import { useStartJob } from "../features/jobs/queries.ts";
import type { JobPlanChoice } from "../features/operations/components/JobPlanDialog.tsx";
import { actionCopy } from "../features/operations/copy.ts";
import { actionMayHaveStarted, explainError } from "../lib/errors.ts";
import type { SetTargetSearch } from "./use-target-search.ts";

export interface PendingJob {
  action: Action;
  /** The explicit list the job will act on, fixed when the plan opened. */
  instances: readonly string[];
  /** dataUpdatedAt of the target when the plan opened: only newer data is "fresh". */
  since: number;
}

/**
 * Plan-then-start of a rolling job on one target's page: which plan is open, starting it once, and
 * opening the job in the panel (`job=` in the URL) when the proxy accepts it.
 */
export function useJobFlow(target: TargetRef, setSearch: SetTargetSearch) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [planning, setPlanning] = useState<PendingJob | null>(null);
  const mutation = useStartJob();
  const production = isProductionTarget(target);

  const open = useCallback(
    (action: Action, instances: readonly string[]) => {
      const key = deploymentKeys.detail(target);
      setPlanning({ action, instances, since: queryClient.getQueryState(key)?.dataUpdatedAt ?? 0 });
      // The plan and its floors must be computed on statuses fetched now, not on the last poll.
      void queryClient.refetchQueries({ queryKey: key, exact: true });
    },
    [queryClient, target],
  );
  const cancel = useCallback(() => setPlanning(null), []);
  const confirm = useCallback(
    (choice: JobPlanChoice) => {
      if (!planning) return;
      const verb = actionCopy[planning.action].verb;
      const n = planning.instances.length;
      mutation.mutate(
        { target, request: { action: planning.action, instances: [...planning.instances], ...choice } },
        {
          onSuccess: (job) => {
            notify("info", `${verb} job started on ${n} instance${n === 1 ? "" : "s"}`, `Job ${job.id} runs ${job.steps.length} step(s); follow it in the job panel.`, production);
            setSearch({ job: job.id, sel: undefined });
            void queryClient.invalidateQueries({ queryKey: deploymentKeys.detail(target) });
          },
          onError: (err) => notify("error", `${verb} job ${actionMayHaveStarted(err) ? "may have started" : "was not started"}`, explainError(err), production),
          onSettled: () => setPlanning(null),
        },
      );
    },
    [planning, mutation, target, notify, production, setSearch, queryClient],
  );
  return { planning, open, cancel, confirm };
}
