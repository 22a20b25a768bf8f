import { describeStatus } from "../../../shared/status-catalog.ts";
import { formatDuration, formatTime } from "../../lib/format.ts";
import { actionCopy } from "./copy.ts";
import { UNKNOWN_FINAL } from "./key.ts";
import type { Watch } from "./watch.ts";

// What an operation did to its instance, in words, from what the page saw (watch.ts). The rule:
// - Failed: Azure says the action did not complete, so the instance was not reimaged (rebooted,
//   rebuilt); the statuses seen tell whether it was touched: "stayed Ready" when every read showed
//   it ready, else "went through Stopping role, …", then "back to Ready" or "now <status>".
// - Succeeded: done is not healthy. "Ready at 10:31:28 (1 min 13 s)" once a read made after the end
//   shows it ready, the time counted from the request; until then "not ready after <time so far>".
// - Outcome unknown: Azure never confirmed the request and Rolecall let the target go. What the page
//   saw of the instance is all there is to go on, so it is told, and the words end by saying to check it.
// - Still running, or the end not known yet: nothing beyond what the row already says.

export type OutcomeTone = "ok" | "warn" | "failed";

export interface Outcome {
  /** One line for the tray: "Reimage done · Ready at 10:31:28 (1 min 13 s)". */
  summary: string;
  /** The same, shorter, for the row's narrow cell (the status column beside it says where it is). */
  short: string;
  /** The longer sentence: every status seen, the error. */
  detail: string;
  tone: OutcomeTone;
  /** Set while waiting for ready: `summary` ends with the time since this (ms epoch), to be ticked. */
  waitingSince?: number;
  /** The operation failed: the page offers to try it again. */
  failed: boolean;
}

const label = (status: string) => describeStatus(status).label;

/** The statuses seen that were not ready, in order, each once. */
function movedThrough(w: Watch): string[] {
  const out: string[] = [];
  for (const s of w.seen) if (s.tone !== "ok" && !out.includes(label(s.status))) out.push(label(s.status));
  return out;
}

/** "went through Stopping role, Stopped, back to Ready" / "stayed Ready" / "now Failed starting role". */
export function whatHappened(w: Watch): string {
  const last = w.seen[w.seen.length - 1];
  const moved = movedThrough(w);
  if (!last) return "not seen by this page";
  if (moved.length === 0) return `stayed ${label(last.status)} in every read`;
  if (last.tone === "ok") return `went through ${moved.join(", ")}, back to ${label(last.status)}`;
  const before = moved.filter((m) => m !== label(last.status));
  return before.length ? `went through ${before.join(", ")}, now ${label(last.status)}` : `now ${label(last.status)}`;
}

/** For the tray: the first and last of a long list of statuses. */
function shortHappened(w: Watch): string {
  const moved = movedThrough(w);
  if (moved.length <= 3) return whatHappened(w);
  const last = w.seen[w.seen.length - 1];
  if (last?.tone === "ok") return `went through ${moved[0]} … ${moved[moved.length - 1]}, back to ${label(last.status)}`;
  return `went through ${moved[0]} … ${moved[moved.length - 2]}, now ${label(last?.status ?? "")}`;
}

/** For the row: touched or not, and whether it came back. */
function briefHappened(w: Watch): string {
  const last = w.seen[w.seen.length - 1];
  if (!last || movedThrough(w).length === 0) return `stayed ${label(last?.status ?? "ReadyRole")}`;
  return last.tone === "ok" ? `went down and back to ${label(last.status)}` : `now ${label(last.status)}`;
}

/** The summary as it reads at `now` (a wait for ready grows). */
export function outcomeText(o: Outcome, now: number): string {
  return o.waitingSince === undefined ? o.summary : `${o.summary}${formatDuration((now - o.waitingSince) / 1000)}`;
}

export function outcomeOf(w: Watch): Outcome | undefined {
  if (!w.end) return undefined;
  const copy = actionCopy[w.action];
  const requested = Date.parse(w.requestedAt);
  if (w.end.unknown) {
    const why = w.end.error ? ` ${w.end.error.message}` : "";
    return {
      // The tray's entry says the outcome is unknown just above: this line adds only what was seen.
      summary: `Seen here: ${shortHappened(w)}`,
      // The final words first: the row's cell is narrow, and they are what must not be cut off.
      short: `${copy.verb}: ${UNKNOWN_FINAL.toLowerCase()} · ${briefHappened(w)}`,
      detail: `Rolecall could not confirm whether Azure got the ${copy.verb.toLowerCase()} of ${w.instance}, and no longer holds the target; ${w.instance} ${whatHappened(w)}. Check it before acting again.${why}`,
      tone: "warn",
      failed: false,
    };
  }
  if (w.end.status === "Failed") {
    const error = w.end.error ? ` Azure said: ${w.end.error.message} (${w.end.error.code})` : "";
    return {
      summary: `${copy.verb} failed · ${shortHappened(w)} · not ${copy.past}`,
      short: `${copy.verb} failed · ${briefHappened(w)} · not ${copy.past}`,
      detail: `${w.instance} ${whatHappened(w)}; it was not ${copy.past} (Azure reported the operation failed).${error}`,
      tone: "failed",
      failed: true,
    };
  }
  if (w.readyAt !== undefined) {
    const took = Number.isNaN(requested) ? "" : ` (${formatDuration((w.readyAt - requested) / 1000)})`;
    const summary = `${copy.verb} done · Ready at ${formatTime(w.readyAt)}${took}`;
    return {
      summary,
      short: summary,
      detail: `${w.instance} was ${copy.past} and ${whatHappened(w)}; ready${took ? `${took.slice(1, -1)} after the request` : ""}.`,
      tone: "ok",
      failed: false,
    };
  }
  const now = w.seen[w.seen.length - 1];
  return {
    summary: `${copy.verb} done · not ready after `,
    short: `${copy.verb} done · not ready after `,
    detail: `Azure finished the ${copy.verb.toLowerCase()}; ${w.instance} is not ready yet${now ? ` (now ${label(now.status)})` : ""}.`,
    tone: "warn",
    waitingSince: Number.isNaN(requested) ? w.end.at : requested,
    failed: false,
  };
}
