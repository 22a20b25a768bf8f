import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";

/** Response framing shared by every Service Management reply (reference A0). */
export const SERVER_HEADER = "1.0.6198.2303 (rd_rdfe_stable.241105-1820) Microsoft-HTTPAPI/2.0";

/** 32 lowercase hex characters, no dashes. */
export function newRequestId(): string {
  return randomBytes(16).toString("hex");
}

/** Pieces of a streamed body are sent in writes of about this many characters. */
const STREAM_PIECE = 64 * 1024;

function writeXmlHead(res: ServerResponse, status: number, requestId: string, length: number | undefined, hasBody: boolean, extra: Record<string, string>): void {
  res.writeHead(status, {
    "Cache-Control": "no-cache",
    ...(hasBody ? { "Content-Type": "application/xml; charset=utf-8" } : {}),
    ...(length === undefined ? {} : { "Content-Length": String(length) }),
    Server: SERVER_HEADER,
    "x-ms-servedbyregion": "ussouth2",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "x-ms-request-id": requestId,
    ...extra,
  });
}

export function sendXml(res: ServerResponse, status: number, requestId: string, body?: string, extra: Record<string, string> = {}): void {
  const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
  writeXmlHead(res, status, requestId, payload?.length ?? 0, payload !== undefined, extra);
  res.end(payload);
}

/**
 * A body made of pieces (a big list generated as it is sent) goes out chunked, as it is made, the
 * way a server that does not build its whole reply first sends it: the client reads the start while
 * the rest is still being made. Each write is given to the socket before the next piece is made
 * (Node corks a chunked reply until the event loop turns).
 */
export async function sendXmlPieces(res: ServerResponse, status: number, requestId: string, pieces: Iterable<string>): Promise<void> {
  writeXmlHead(res, status, requestId, undefined, true, {});
  let piece = "";
  try {
    for (const part of pieces) {
      piece += part;
      if (piece.length < STREAM_PIECE) continue;
      res.write(piece);
      piece = "";
      await nextTurn();
      if (res.destroyed) return; // the client went away: stop making what nobody reads
    }
  } catch (err) {
    // The status is sent already: cut the reply off rather than end it looking whole.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    return;
  }
  res.end(piece);
}

export function sendJson(res: ServerResponse, status: number, json?: unknown): void {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json), "utf8");
  res.writeHead(status, {
    "Cache-Control": "no-cache",
    ...(payload ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    "Content-Length": String(payload?.length ?? 0),
  });
  res.end(payload);
}
