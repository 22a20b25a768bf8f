import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Job } from "../../../shared/api.ts";
import { targetPath, type TargetRef } from "../../../shared/targets.ts";
import { fetchJob, fetchJobs, fetchTargetJobs, postJob, postJobControl } from "./api.ts";
import { jobMoving } from "./progress.ts";

export const jobKeys = {
  all: ["jobs"] as const,
  subscription: (sub: string) => [...jobKeys.all, sub] as const,
  ofTarget: (target: TargetRef) => [...jobKeys.subscription(target.subscription), "target", targetPath(target).toLowerCase()] as const,
  detail: (sub: string, id: string) => [...jobKeys.all, sub, "detail", id] as const,
  list: (sub: string, target: string | undefined, limit: number) => [...jobKeys.subscription(sub), "list", target?.toLowerCase() ?? "", limit] as const,
};

export interface JobsPoll {
  fastMs: number;
  slowMs: number;
  paused: boolean;
}

/**
 * Running jobs move step by step: follow them fast. So does a paused or cancelled one until what it
 * sent has ended: that frees its target, and the page offers actions again.
 */
const moving = (jobs: readonly Job[] | undefined) => (jobs ?? []).some(jobMoving);

export function targetJobsQueryOptions(target: TargetRef, poll: JobsPoll) {
  return queryOptions({
    queryKey: jobKeys.ofTarget(target),
    queryFn: ({ signal }) => fetchTargetJobs(target, signal),
    refetchInterval: (q) => (poll.paused ? false : moving(q.state.data) ? poll.fastMs : poll.slowMs),
    refetchOnWindowFocus: !poll.paused,
  });
}

/** A subscription's recent jobs (or a target's, by its /api path): the tray's jobs, the audit page's reasons. */
export function jobListQueryOptions(sub: string, target: string | undefined, limit: number, poll: JobsPoll) {
  return queryOptions({
    queryKey: jobKeys.list(sub, target, limit),
    queryFn: ({ signal }) => fetchJobs(sub, { target, limit }, signal),
    refetchInterval: (q) => (poll.paused ? false : moving(q.state.data) ? poll.fastMs : poll.slowMs),
    refetchOnWindowFocus: !poll.paused,
  });
}

export function jobQueryOptions(sub: string, id: string, poll: JobsPoll) {
  return queryOptions({
    queryKey: jobKeys.detail(sub, id),
    queryFn: ({ signal }) => fetchJob(sub, id, signal),
    refetchInterval: (q) => (poll.paused ? false : q.state.data && !jobMoving(q.state.data) ? poll.slowMs : poll.fastMs),
  });
}

/** Starts a job. Never retried: one click, at most one job. */
export function useStartJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postJob,
    retry: 0,
    onSuccess: (job, { target }) => {
      // The panel shows the job at once, before the next poll lists it.
      queryClient.setQueryData<Job[]>(jobKeys.ofTarget(target), (list) => (list ? [job, ...list.filter((j) => j.id !== job.id)] : [job]));
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

/** Pause, resume or cancel; the answer is the job as it now is. */
export function useJobControl() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postJobControl,
    retry: 0,
    onSuccess: (job, { sub }) => {
      queryClient.setQueriesData<Job[]>({ queryKey: jobKeys.subscription(sub) }, (list) => (Array.isArray(list) ? list.map((j) => (j.id === job.id ? job : j)) : list));
      queryClient.setQueryData(jobKeys.detail(sub, job.id), job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}
