import { targetPath } from "../shared/targets.ts";
import type { TargetReadObserver } from "./reads.ts";

/**
 * When this process first read each instance as not ready, per target, from any read of the target
 * (a target page, a confirmation, the triage view; any viewer). Azure says what state an instance is
 * in, not since when, so this is the best Rolecall can honestly offer: "first seen by Rolecall". It
 * lives in memory, so it is per replica and starts over on a restart; an instance read as ready (or
 * gone) is forgotten, so a relapse starts a new time.
 */
export interface FirstSeen {
  /**
   * Records one read of a target taken at `fetchedAt` (ms epoch) and answers, for each instance not
   * ready in it, when it was first seen so. Reads older than one already recorded for the target
   * (a slow request answered after a newer one) change nothing.
   */
  observe(target: string, fetchedAt: number, notReady: readonly string[]): Map<string, number>;
  /** What is remembered for a target without recording anything (a stale copy says nothing new). */
  recall(target: string): ReadonlyMap<string, number>;
}

interface Seen {
  fetchedAt: number;
  since: Map<string, number>;
}

/** `maxTargets`: targets remembered at most; the least recently read go first. */
export function createFirstSeen(maxTargets = 10_000): FirstSeen {
  const targets = new Map<string, Seen>();
  const empty: ReadonlyMap<string, number> = new Map();
  return {
    observe(target, fetchedAt, notReady) {
      const key = target.toLowerCase();
      const known = targets.get(key);
      // The same read again (served from the cache to another viewer) says nothing new.
      if (known && fetchedAt <= known.fetchedAt) return known.since;
      const since = new Map<string, number>();
      for (const name of notReady) since.set(name, known?.since.get(name) ?? fetchedAt);
      // Re-inserted so the map's order is by last read: the oldest go first when it is full.
      targets.delete(key);
      targets.set(key, { fetchedAt, since });
      if (targets.size > maxTargets) targets.delete(targets.keys().next().value as string);
      return since;
    },
    recall(target) {
      return targets.get(target.toLowerCase())?.since ?? empty;
    },
  };
}

/** Feeds `seen` from every fresh read of a target (createReads' observer). */
export function observeTargetReads(seen: FirstSeen): TargetReadObserver {
  return (t, read) => {
    seen.observe(targetPath(t), read.fetchedAt, read.value.instances.filter((i) => i.tone !== "ok").map((i) => i.name));
  };
}
