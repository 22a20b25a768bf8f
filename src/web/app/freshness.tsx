import { explainError } from "../lib/errors.ts";
import { formatAgo, formatTime } from "../lib/format.ts";
import { useNow } from "../lib/use-now.ts";

export interface FreshnessState {
  /** ms epoch of the last successful fetch; 0 when none yet. */
  updatedAt: number;
  error: unknown;
  /** True when the last fetch failed (we may still hold older data). */
  failed: boolean;
  paused: boolean;
  /** The page keeps showing older data on purpose (an open dialog). */
  held?: boolean;
  /**
   * The proxy answered with its last good copy (read at `at`, ms epoch) because Azure did not answer:
   * Azure's error when the reply says it (a target's read), else since when (ms epoch; a list's read).
   */
  stale?: { at: number; reason: string } | { at: number; since: number } | undefined;
}

/** "updated 3 s ago", or a plain stale notice with the last good time when polling fails. */
export function Freshness({ state }: { state: FreshnessState }) {
  const now = useNow(1_000);
  const { updatedAt, failed, paused } = state;
  if (!updatedAt) return <span className="text-sm">{failed ? "Could not load data" : "Loading…"}</span>;
  const ago = formatAgo(updatedAt, now);
  if (failed) {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50">
        Stale · last good {formatTime(updatedAt)} ({ago})
      </span>
    );
  }
  return (
    <span className="text-sm text-slate-700 dark:text-slate-300">
      {paused ? "Paused · " : ""}updated <time dateTime={new Date(updatedAt).toISOString()}>{ago}</time>
      {state.held ? " · table held while the dialog is open" : ""}
    </span>
  );
}

/** The in-page stale banner: keeps the last data on screen and says why it may be out of date. */
export function StaleBanner({ state, what }: { state: FreshnessState; what: string }) {
  if (state.stale && !state.failed) {
    return (
      <div role="status" aria-live="polite">
        <p className="rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm font-semibold text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
          Data is stale: showing {what} from {formatTime(state.stale.at)};{" "}
          {"reason" in state.stale ? `Azure did not answer: ${state.stale.reason}` : `Azure has not answered since ${formatTime(state.stale.since)}.`} Rolecall keeps trying.
        </p>
      </div>
    );
  }
  if (!state.failed || !state.updatedAt) return <div role="status" aria-live="polite" />;
  return (
    <div role="status" aria-live="polite">
      <div className="rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
        <p className="font-semibold">
          Data is stale: showing {what} from {formatTime(state.updatedAt)}. Rolecall keeps trying.
        </p>
        <p className="mt-1">{explainError(state.error)}</p>
      </div>
    </div>
  );
}
