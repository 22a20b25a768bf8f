import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

// Live updates: the poll intervals from /api/config and the user's pause switch.
export interface Live {
  paused: boolean;
  setPaused: (p: boolean) => void;
  /** A page holds its data on screen (a dialog is open); the header's freshness says so. */
  held: boolean;
  setHeld: (h: boolean) => void;
  fastMs: number;
  slowMs: number;
}

const LiveContext = createContext<Live>({ paused: false, setPaused: () => undefined, held: false, setHeld: () => undefined, fastMs: 2_000, slowMs: 15_000 });

export function LiveProvider({ fastMs, slowMs, children }: { fastMs: number; slowMs: number; children: ReactNode }) {
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(false);
  const value = useMemo(() => ({ paused, setPaused, held, setHeld, fastMs, slowMs }), [paused, held, fastMs, slowMs]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}

/** The poll settings a query factory needs. */
export function usePoll(): { fastMs: number; slowMs: number; paused: boolean } {
  const { fastMs, slowMs, paused } = useLive();
  return useMemo(() => ({ fastMs, slowMs, paused }), [fastMs, slowMs, paused]);
}
