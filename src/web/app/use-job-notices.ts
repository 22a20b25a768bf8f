import { useEffect, useRef } from "react";
import type { Deployment, Job } from "../../shared/api.ts";
import { jobProgress } from "../features/jobs/progress.ts";
import { isReadyInstance } from "../features/deployment/view.ts";
import { actionVerbs } from "../lib/format.ts";
import { desktopNotify } from "../lib/notify.ts";

/** How many of the job's instances the latest read shows ready: a job that ended is not yet "healthy". */
function readyLine(job: Job, live: Deployment | undefined): string {
  const names = new Set(job.steps.flatMap((s) => s.instances));
  if (!live) return "";
  const ready = live.instances.filter((i) => names.has(i.name) && isReadyInstance(i)).length;
  return ` ${ready} of ${names.size} instance${names.size === 1 ? "" : "s"} ready now.`;
}

/**
 * A browser notification (when they are on) when the target's job stops running: it ended, or it
 * paused (a failure pauses a job). A job first seen already stopped is not announced.
 */
export function useJobNotices(job: Job | undefined, live: Deployment | undefined): void {
  const states = useRef(new Map<string, Job["state"]>());
  const latest = useRef(live);
  useEffect(() => {
    latest.current = live;
  }, [live]);
  useEffect(() => {
    if (!job) return;
    const before = states.current.get(job.id);
    states.current.set(job.id, job.state);
    if (before !== "running" || job.state === "running") return;
    const title = `${actionVerbs[job.action]} job ${job.state}`;
    const why = job.pausedReason ? ` ${job.pausedReason}` : "";
    const p = jobProgress(job);
    desktopNotify(title, `${p.stepsDone} of ${p.steps} steps and ${p.instancesDone} of ${p.instances} instances done.${why}${readyLine(job, latest.current)}`, `job:${job.id}:${job.state}`);
  }, [job]);
}
