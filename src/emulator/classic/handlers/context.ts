import type { EmulatorState } from "../../model/state.ts";

/** What a Service Management handler gets: the state, path parameters, query and its request id. */
export interface RequestContext {
  state: EmulatorState;
  params: Record<string, string>;
  /** Query parameters, names lower-cased, first value wins. */
  query: Record<string, string>;
  /** The x-ms-request-id of this response (also the operation id of an accepted action). */
  requestId: string;
}

export interface Reply {
  status: number;
  /** XML body, whole or as pieces made while it is sent (wire.ts sendXml); absent for 202 Accepted. */
  body?: string | Iterable<string>;
}

export type Handler = (ctx: RequestContext) => Reply;

export const ok = (body: string | Iterable<string>): Reply => ({ status: 200, body });
