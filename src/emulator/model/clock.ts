/**
 * The emulator's sense of time. Everything time-driven (instance statuses, operation completion) is
 * computed lazily from `now()`, so advancing the clock moves every instance exactly as that much
 * elapsed time would.
 */
export type ClockMode = "real" | "manual";

export interface Clock {
  readonly mode: ClockMode;
  /** Epoch milliseconds. */
  now(): number;
  /** Moves time forward by `ms` (both modes: in real mode it adds an offset). */
  advance(ms: number): void;
}

export function createClock(mode: ClockMode, realNow: () => number = Date.now): Clock {
  // Manual clocks start on a whole second so that rendered timestamps are stable within a test.
  let manualNow = Math.floor(realNow() / 1000) * 1000;
  let offset = 0;
  return {
    mode,
    now: () => (mode === "manual" ? manualNow : realNow() + offset),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("clock can only move forward by a finite number of ms");
      if (mode === "manual") manualNow += ms;
      else offset += ms;
    },
  };
}

/** `2012-11-11T18:14:12Z`: UTC, second precision, trailing Z (reference A0). */
export function wireDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
