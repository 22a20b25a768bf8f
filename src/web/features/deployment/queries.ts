import { queryOptions } from "@tanstack/react-query";
import type { Deployment } from "../../../shared/api.ts";
import { targetPath, type TargetRef } from "../../../shared/targets.ts";
import { fetchDeployment } from "./api.ts";

export const deploymentKeys = {
  all: ["deployment"] as const,
  ofSubscription: (sub: string) => [...deploymentKeys.all, sub] as const,
  detail: (target: TargetRef) => [...deploymentKeys.ofSubscription(target.subscription), targetPath(target)] as const,
};

export interface PollSettings {
  fastMs: number;
  slowMs: number;
  paused: boolean;
}

/**
 * Something is moving: poll fast so the operator sees each step. A running job counts even while
 * its instances still read Ready (its step just sent, or waiting on the floor or a soak): its
 * operations are not in `inFlight`, which lists what holds the target for single actions.
 */
export function isActive(d: Deployment | undefined): boolean {
  if (!d) return false;
  return d.inFlight.length > 0 || d.job?.state === "running" || d.instances.some((i) => i.tone === "transitional");
}

/** `watching`: someone is about to act on the target (a dialog is open): poll fast whatever it shows. */
export function deploymentQueryOptions(target: TargetRef, poll: PollSettings, watching = false) {
  return queryOptions({
    queryKey: deploymentKeys.detail(target),
    queryFn: ({ signal }) => fetchDeployment(target, signal),
    // Structural sharing (on by default) keeps unchanged instances the same objects between polls,
    // which is what lets memoized rows skip re-rendering.
    refetchInterval: (query) => (poll.paused ? false : watching || isActive(query.state.data) ? poll.fastMs : poll.slowMs),
    refetchIntervalInBackground: false,
    // Paused means paused: not even a refetch when the window regains focus.
    refetchOnWindowFocus: !poll.paused,
  });
}
