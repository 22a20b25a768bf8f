import type { z } from "zod";
import { jobListSchema, jobSchema, type Job, type jobRequestSchema } from "../../../shared/api.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGet, apiPath, apiPost, targetApiPath } from "../../lib/api-client.ts";

export type JobControl = "pause" | "resume" | "cancel";

/** One target's jobs, newest first. */
export function fetchTargetJobs(target: TargetRef, signal?: AbortSignal): Promise<Job[]> {
  const query = new URLSearchParams({ target: targetApiPath(target), limit: "10" });
  return apiGet(`${apiPath("subscriptions", target.subscription, "jobs")}?${query.toString()}`, jobListSchema, signal);
}

/** A subscription's jobs (or one target's, by its /api path), newest first, up to `limit` (the proxy allows 200). */
export function fetchJobs(sub: string, opts: { target?: string | undefined; limit: number }, signal?: AbortSignal): Promise<Job[]> {
  const query = new URLSearchParams({ ...(opts.target ? { target: opts.target } : {}), limit: String(opts.limit) });
  return apiGet(`${apiPath("subscriptions", sub, "jobs")}?${query.toString()}`, jobListSchema, signal);
}

export function fetchJob(sub: string, id: string, signal?: AbortSignal): Promise<Job> {
  return apiGet(apiPath("subscriptions", sub, "jobs", id), jobSchema, signal);
}

/** The body as sent: the proxy fills in what is left out (readyTimeoutSec, soakSec). */
export type JobRequestBody = z.input<typeof jobRequestSchema>;

export interface StartJob {
  target: TargetRef;
  /** Always the explicit list of instances: an empty list would mean every instance to Azure. */
  request: JobRequestBody;
}

/** `POST {T}/jobs`. */
export function postJob({ target, request }: StartJob): Promise<Job> {
  return apiPost(targetApiPath(target, "jobs"), jobSchema, request);
}

export function postJobControl({ sub, id, what }: { sub: string; id: string; what: JobControl }): Promise<Job> {
  return apiPost(apiPath("subscriptions", sub, "jobs", id, what), jobSchema);
}
