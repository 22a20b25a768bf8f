import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Deployment, Job } from "../../shared/api.ts";
import { targetPath } from "../../shared/targets.ts";
import { targetParam } from "../features/audit/filter.ts";
import { auditQueryOptions } from "../features/audit/queries.ts";
import { configQueryOptions } from "../features/config/queries.ts";
import { jobLine } from "../features/jobs/progress.ts";
import { targetJobsQueryOptions } from "../features/jobs/queries.ts";
import type { Outcome } from "../features/operations/outcome.ts";
import { storyOf } from "../features/share/story.ts";
import { deploymentSummary } from "../features/share/summary.ts";
import { explainError } from "../lib/errors.ts";
import type { PageTarget, TargetHeading } from "../lib/targets.ts";
import { usePoll } from "./live.tsx";
import { stringifySearch } from "./search.ts";

/** How far back "Copy summary" tells what was done. */
export const STORY_HOURS = 12;

interface SummaryParts {
  target: PageTarget;
  heading: TargetHeading;
  deployment: Deployment | undefined;
  /** The job the panel shows. */
  job: Job | undefined;
  /** operation id → what the page saw it do to each instance. */
  outcomes: ReadonlyMap<string, readonly { instance: string; outcome: Outcome }[]>;
}

/** The target's audit page, as a link to paste. */
export function auditHref(target: PageTarget): string {
  return `/s/${target.subscription}/audit${stringifySearch({ target: targetParam(target) })}`;
}

/**
 * "Copy summary" of a target: what is on screen, and the story of the last hours from the audit log
 * and the target's jobs. Both are read ahead (the audit log slowly, and again when an operation
 * ends), so the click copies at once: a clipboard write must follow the click without waiting.
 */
export function useTargetSummary({ target, heading, deployment, job, outcomes }: SummaryParts): () => string {
  const poll = usePoll();
  const config = useQuery(configQueryOptions()).data;
  const audit = useQuery(auditQueryOptions({ target: targetPath(target), limit: "200" }, poll.paused ? false : poll.slowMs));
  const jobs = useQuery(targetJobsQueryOptions(target, poll));
  const sub = target.subscription;
  return useCallback(() => {
    const seen = new Map([...outcomes].map(([id, list]) => [id, list.map((o) => (list.length > 1 ? `${o.instance}: ${o.outcome.summary}` : o.outcome.summary)).join("; ")]));
    const story = storyOf({
      audit: audit.data ?? { error: audit.isError ? explainError(audit.error) : "it is still loading" },
      jobs: jobs.data ?? [],
      now: Date.now(),
      hours: STORY_HOURS,
      seen,
    });
    return deploymentSummary({
      target: heading,
      mode: config?.mode ?? "emulator",
      subscriptionName: config?.subscriptions.find((s) => s.id === sub)?.name ?? sub,
      roles: deployment?.roles.map((r) => r.name) ?? [],
      instances: deployment?.instances ?? [],
      inFlight: deployment?.inFlight ?? [],
      asOf: deployment?.fetchedAt ?? "",
      url: window.location.href,
      job: job ? jobLine(job) : undefined,
      story,
      auditUrl: new URL(auditHref(target), window.location.origin).href,
    });
  }, [outcomes, audit.data, audit.isError, audit.error, jobs.data, heading, config, sub, deployment, job, target]);
}
