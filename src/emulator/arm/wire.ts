import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * Response framing shared by every ARM reply, and the api-versions each resource type speaks: the
 * ones Rolecall and the generated SDKs send (reference B0, C0). Azure also accepts older published
 * ones, but a client that sends another is a bug the tests should catch.
 */
export const CLOUD_SERVICES_API_VERSIONS = ["2024-11-04"] as const;
/** 2026-04-01 is what @azure/arm-compute 25.x sends; 2025-04-01 is 23.x's. */
export const SCALE_SETS_API_VERSIONS = ["2026-04-01", "2025-04-01"] as const;
/** The Compute operation status URLs serve both resource types' operations. */
export const COMPUTE_API_VERSIONS = [...CLOUD_SERVICES_API_VERSIONS, ...SCALE_SETS_API_VERSIONS] as const;

export type RateKind = "reads" | "writes";

/** What ARM reports as left of the subscription's budget; fixed, except 0 on an injected throttle. */
export const REMAINING: Record<RateKind, string> = { reads: "11999", writes: "1199" };

export const rateKind = (method: string): RateKind => (method === "GET" || method === "HEAD" ? "reads" : "writes");

export const newRequestId = (): string => randomUUID();

export function sendArm(
  res: ServerResponse,
  status: number,
  r: { requestId: string; kind: RateKind },
  json?: unknown,
  extra: Record<string, string> = {},
): void {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json), "utf8");
  res.writeHead(status, {
    "Cache-Control": "no-cache",
    Pragma: "no-cache",
    Expires: "-1",
    ...(payload ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    "Content-Length": String(payload?.length ?? 0),
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "x-ms-request-id": r.requestId,
    "x-ms-correlation-request-id": r.requestId,
    [`x-ms-ratelimit-remaining-subscription-${r.kind}`]: REMAINING[r.kind],
    ...extra,
  });
  res.end(payload);
}

/** Writes a raw body as it is (the malformed-reply fault). */
export function sendRaw(res: ServerResponse, status: number, requestId: string, body: string): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "x-ms-request-id": requestId,
  });
  res.end(body);
}

/** ISO 8601 in UTC, as ARM's `time`, `startTime` and `endTime` fields. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
