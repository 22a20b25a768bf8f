import type { EmulatorState } from "../../model/state.ts";

/** What an ARM handler gets: the state, path parameters, query, body and where the listener is. */
export interface ArmContext {
  state: EmulatorState;
  params: Record<string, string>;
  /** Query parameters, names lower-cased (`api-version`, `$expand`, `$skiptoken`), first value wins. */
  query: Record<string, string>;
  /** The request's api-version, already checked against the operation's; links handed out carry it. */
  apiVersion: string;
  body: string;
  /** The request path as sent (still percent-encoded), for `nextLink`. */
  rawPath: string;
  /** The ARM listener's own origin, e.g. `https://127.0.0.1:8443`: every URL handed out is absolute on it. */
  origin: string;
  /** Items per page of a list (`value` + `nextLink`). */
  pageSize: number;
  /** The emulator's time multiplier, to scale `Retry-After` with the emulated durations. */
  speed: number;
}

export interface ArmReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export type ArmHandler = (ctx: ArmContext) => ArmReply;

export const ok = (json: unknown): ArmReply => ({ status: 200, json });
