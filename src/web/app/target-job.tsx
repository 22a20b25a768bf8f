import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { Job } from "../../shared/api.ts";
import { parseTargetPath, targetPath, type TargetRef } from "../../shared/targets.ts";
import { useToast } from "../components/ui/toast.tsx";
import { auditKeys } from "../features/audit/queries.ts";
import { meQueryOptions } from "../features/config/queries.ts";
import { deploymentKeys } from "../features/deployment/queries.ts";
import type { JobControl } from "../features/jobs/api.ts";
import { JobPanel } from "../features/jobs/components/JobPanel.tsx";
import { OtherJobs } from "../features/jobs/components/OtherJobs.tsx";
import { jobOfTarget, jobProgress } from "../features/jobs/progress.ts";
import { jobQueryOptions, targetJobsQueryOptions, useJobControl } from "../features/jobs/queries.ts";
import { explainError } from "../lib/errors.ts";
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

/** The view as it is, with job `id` open: built on render, so it follows the filters. */
function jobLink(id: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set("job", id);
  return url.pathname + url.search;
}

interface JobSectionProps {
  job: Job;
  /** The target's other recent jobs. */
  others: readonly Job[];
  listError: string | null;
  /** Why a person may not steer the job, or null. */
  controlDisabledReason: string | null;
  /** Opens another job of the target in the panel (`job=` in the URL). */
  onOpenJob: (id: string) => void;
}

/** The job panel with its controls, and the target's other jobs. */
export function JobSection({ job, others, listError, controlDisabledReason, onOpenJob }: JobSectionProps) {
  const control = useJobControl();
  const { notify } = useToast();
  const sub = parseTargetPath(job.target)?.subscription ?? "";
  const onControl = (what: JobControl) =>
    control.mutate({ sub, id: job.id, what }, { onError: (err) => notify("error", `The job could not ${what}`, explainError(err)) });
  return (
    <>
      <JobPanel
        job={job}
        controlDisabledReason={control.isPending ? "Sending…" : controlDisabledReason}
        onControl={onControl}
        link={jobLink(job.id)}
        error={control.isError ? explainError(control.error) : listError}
      />
      <OtherJobs jobs={others} linkTo={jobLink} onOpen={onOpenJob} />
    </>
  );
}

/** Readers see the job's controls off, with why (the proxy would refuse them). */
export function useJobControlReason(): string | null {
  const me = useQuery(meQueryOptions());
  if (me.isError) return `Could not check your permissions: ${explainError(me.error)}`;
  if (!me.data) return "Checking your permissions…";
  return me.data.roles.includes("operator") ? null : "Your role is Reader; only Operators can pause, resume or cancel a job.";
}
