import type { z } from "zod";
import { jobListSchema, jobSchema, type Job, type jobRequestSchema } from "../../../shared/api.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGet, apiPath, apiPost, targetApiPath } from "../../lib/api-client.ts";

export type JobControl = "pause" | "resume" | "cancel";

/** The subscription's jobs, newest first (the proxy has no target filter: the caller picks). */
export function fetchJobs(sub: string, signal?: AbortSignal): Promise<Job[]> {
  return apiGet(`${apiPath("subscriptions", sub, "jobs")}?limit=50`, jobListSchema, signal);
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
