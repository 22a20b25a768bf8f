import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { targetPath, type TargetRef } from "../../shared/targets.ts";
import { auditKeys } from "../features/audit/queries.ts";
import { meQueryOptions } from "../features/config/queries.ts";
import { deploymentKeys } from "../features/deployment/queries.ts";
import { jobOfTarget, jobProgress } from "../features/jobs/progress.ts";
import { jobQueryOptions, targetJobsQueryOptions } from "../features/jobs/queries.ts";
import { explainError } from "../lib/errors.ts";
import { lazyPart } from "./lazy-part.tsx";
import { usePoll } from "./live.tsx";

/**
 * The target's rolling job: the one the URL opened (`job=`), else its running or paused one, else
 * the latest; and the target's other recent jobs. When a step ends the instances are read again, so
 * rows and counts follow the job without waiting for a slow poll.
 */
export function useTargetJob(target: TargetRef, openedId: string | undefined) {
  const poll = usePoll();
  const sub = target.subscription;
  const path = targetPath(target);
  const jobs = useQuery(targetJobsQueryOptions(target, poll));
  const inList = jobs.data?.some((j) => j.id === openedId) ?? false;
  const opened = useQuery({ ...jobQueryOptions(sub, openedId ?? "", poll), enabled: !!openedId && jobs.isFetched && !inList });
  const job = useMemo(() => jobOfTarget([...(opened.data && !inList ? [opened.data] : []), ...(jobs.data ?? [])], path, openedId), [opened.data, inList, jobs.data, path, openedId]);

  const queryClient = useQueryClient();
  const mark = job ? `${job.id}:${job.state}:${jobProgress(job).stepsDone}:${job.steps.map((s) => s.state).join(",")}` : "";
  useEffect(() => {
    if (!mark) return;
    void queryClient.invalidateQueries({ queryKey: deploymentKeys.detail(target) });
    void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  }, [mark, queryClient, target]);

  const others = useMemo(() => (jobs.data ?? []).filter((j) => j.id !== job?.id), [jobs.data, job]);
  return { job, others, error: jobs.isError ? explainError(jobs.error) : opened.isError ? explainError(opened.error) : null };
}

/** The job panel with its controls, and the target's other jobs: loaded when a job is shown. */
export const JobSection = lazyPart(() => import("./job-section.tsx").then((m) => m.JobSection), "job panel");

/** Readers see the job's controls off, with why (the proxy would refuse them). */
export function useJobControlReason(): string | null {
  const me = useQuery(meQueryOptions());
  if (me.isError) return `Could not check your permissions: ${explainError(me.error)}`;
  if (!me.data) return "Checking your permissions…";
  return me.data.roles.includes("operator") ? null : "Your role is Reader; only Operators can pause, resume or cancel a job.";
}
