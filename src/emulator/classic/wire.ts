import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

/** Response framing shared by every Service Management reply (reference A0). */
export const SERVER_HEADER = "1.0.6198.2303 (rd_rdfe_stable.241105-1820) Microsoft-HTTPAPI/2.0";

/** 32 lowercase hex characters, no dashes. */
export function newRequestId(): string {
  return randomBytes(16).toString("hex");
}

export function sendXml(res: ServerResponse, status: number, requestId: string, body?: string, extra: Record<string, string> = {}): void {
  const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
  res.writeHead(status, {
    "Cache-Control": "no-cache",
    ...(payload ? { "Content-Type": "application/xml; charset=utf-8" } : {}),
    "Content-Length": String(payload?.length ?? 0),
    Server: SERVER_HEADER,
    "x-ms-servedbyregion": "ussouth2",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "x-ms-request-id": requestId,
    ...extra,
  });
  res.end(payload);
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
