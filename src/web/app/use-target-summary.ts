import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Deployment, Job } from "../../shared/api.ts";
import { targetPath } from "../../shared/targets.ts";
import { targetParam } from "../features/audit/filter.ts";
import { auditQueryOptions } from "../features/audit/queries.ts";
import { configQueryOptions } from "../features/config/queries.ts";
import { targetJobsQueryOptions } from "../features/jobs/queries.ts";
import type { Outcome } from "../features/operations/outcome.ts";
import { explainError } from "../lib/errors.ts";
import { href, type Href } from "../lib/paths.ts";
import type { PageTarget, TargetHeading } from "../lib/targets.ts";
import { usePoll } from "./live.tsx";

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
export function auditHref(target: PageTarget): Href {
  return href("audit", { sub: target.subscription }, { target: targetParam(target) });
}

// The code that writes the summary loads on demand (summary-text.ts): when the pointer or focus comes
// near the button, so that it is there by the click; a click before that waits for it.
type SummaryModule = typeof import("./summary-text.ts");
let loaded: SummaryModule | undefined;
let loading: Promise<SummaryModule> | undefined;

function loadSummary(): Promise<SummaryModule> {
  loading ??= import("./summary-text.ts").then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** For pointer and focus events around "Copy summary". */
export function preloadSummary(): void {
  loadSummary().catch(() => undefined);
}

/**
 * "Copy summary" of a target: what is on screen, and the story of the last hours from the audit log
 * and the target's jobs. Both are read ahead (the audit log slowly, and again when an operation
 * ends), so the click copies at once: a clipboard write must follow the click without waiting. The
 * text comes as a string once its code is loaded (preloadSummary), else as a promise.
 */
export function useTargetSummary({ target, heading, deployment, job, outcomes }: SummaryParts): () => string | Promise<string> {
  const poll = usePoll();
  const config = useQuery(configQueryOptions()).data;
  const audit = useQuery(auditQueryOptions({ target: targetPath(target), limit: "200" }, poll.paused ? false : poll.slowMs));
  const jobs = useQuery(targetJobsQueryOptions(target, poll));
  const sub = target.subscription;
  return useCallback(() => {
    const input = {
      heading,
      config,
      sub,
      deployment,
      job,
      audit: audit.data ?? { error: audit.isError ? explainError(audit.error) : "it is still loading" },
      jobs: jobs.data ?? [],
      outcomes,
      hours: STORY_HOURS,
      now: Date.now(),
      url: window.location.href,
      auditUrl: new URL(auditHref(target), window.location.origin).href,
    };
    return loaded ? loaded.summaryText(input) : loadSummary().then((m) => m.summaryText(input));
  }, [outcomes, audit.data, audit.isError, audit.error, jobs.data, heading, config, sub, deployment, job, target]);
}
