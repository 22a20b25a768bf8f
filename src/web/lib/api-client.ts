import { safeParse, type $ZodType } from "zod/v4/core";
import { apiErrorSchema, type ApiErrorBody } from "../../shared/api.ts";
import { targetPath, type TargetRef } from "../../shared/targets.ts";
import { authHeaders, currentAuth, markSignInRequired } from "./auth.ts";
import { benchMark } from "./bench.ts";

// The only place the SPA talks HTTP. Every reply is validated with the shared zod schema at this
// edge (classic zod or zod/mini alike: the SPA's own schemas use zod/mini, the lighter bundle), so
// the rest of the app can trust its types; every failure becomes an ApiCallError, which carries
// what lib/errors.ts needs to word it for a person.

/** `signInRequired`: the proxy refused an action's sign-in; only signing in again (then retrying) helps. */
export type ApiCallErrorKind = "network" | "http" | "invalid-reply" | "signInRequired";
export type ApiMethod = "GET" | "POST";

export interface ApiCallErrorDetails {
  method: ApiMethod;
  status?: number | undefined;
  body?: ApiErrorBody["error"] | undefined;
  /** The reply's Retry-After, in seconds. */
  retryAfterSeconds?: number | undefined;
  /** When the reply arrived (ms epoch); Retry-After counts from here. */
  receivedAt?: number | undefined;
}

/**
 * A failed call from the browser to the proxy (the proxy has its own ProxyError). `method` tells an
 * action (POST) from a read: only an action can have reached Azure and changed something.
 */
export class ApiCallError extends Error {
  override name = "ApiCallError";
  readonly kind: ApiCallErrorKind;
  readonly method: ApiMethod;
  readonly status: number | undefined;
  readonly body: ApiErrorBody["error"] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly receivedAt: number;

  constructor(kind: ApiCallErrorKind, message: string, details: ApiCallErrorDetails) {
    super(message);
    this.kind = kind;
    this.method = details.method;
    this.status = details.status;
    this.body = details.body;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.receivedAt = details.receivedAt ?? Date.now();
  }

  /** The envelope's error code, when the proxy sent one. */
  get code(): string | undefined {
    return this.body?.code;
  }

  get isAction(): boolean {
    return this.method === "POST";
  }

  /** When the person may try again (ms epoch), when the reply said. */
  get retryAt(): number | undefined {
    return this.retryAfterSeconds === undefined ? undefined : this.receivedAt + this.retryAfterSeconds * 1000;
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The proxy's RFC 6750 challenge for a token it no longer accepts (expired, revoked, rotated key). */
function tokenRefused(res: Response): boolean {
  return res.status === 401 && /error="invalid_token"/.test(res.headers.get("www-authenticate") ?? "");
}

async function send(method: ApiMethod, path: string, signal: AbortSignal | undefined, forceRefresh: boolean, body?: unknown): Promise<Response> {
  // Sign-in headers first: in msal mode this may renew a token (silently) before the request.
  const headers: Record<string, string> = { ...(await authHeaders({ forceRefresh })), accept: "application/json" };
  if (method === "POST") headers["content-type"] = "application/json";
  try {
    return await fetch(path, { method, headers, signal, body: method === "POST" ? JSON.stringify(body ?? {}) : undefined });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiCallError("network", "Cannot reach the Rolecall server. Check your connection and that the server is running.", { method });
  }
}

/** A reply's parsed JSON and its headers. */
interface Reply {
  json: unknown;
  headers: Headers;
}

async function request(method: ApiMethod, path: string, signal?: AbortSignal, body?: unknown): Promise<Reply> {
  let res = await send(method, path, signal, false, body);
  // A token refused mid-session (revoked, or MSAL's cache ahead of the proxy's clock): a read is
  // renewed and asked once more; an action never is (mutations are never retried automatically).
  if (tokenRefused(res) && method === "GET" && currentAuth().mode === "msal") {
    res = await send(method, path, signal, true);
    if (tokenRefused(res)) {
      // Even a fresh token is refused: only signing in again can help; the deep link is kept.
      await currentAuth().signIn();
      return new Promise<never>(() => undefined);
    }
  }
  benchMark("rolecall:response", path);
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const parsed = safeParse(apiErrorSchema, json);
    const body = parsed.success ? parsed.data.error : undefined;
    const receivedAt = Date.now();
    const details = { method, status: res.status, body, receivedAt, retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after"), receivedAt) };
    if (tokenRefused(res) && method === "POST" && currentAuth().mode === "msal") {
      // Not retried: the person decides, after signing in again, whether to act once more. The
      // shell offers "Sign in again" (auth.ts) next to this message.
      markSignInRequired();
      throw new ApiCallError("signInRequired", `${body?.message ?? "Your sign-in was refused."} Sign in again, then retry the action; it was not carried out.`, details);
    }
    throw new ApiCallError("http", body?.message ?? `The server answered ${res.status} ${res.statusText}.`, details);
  }
  return { json, headers: res.headers };
}

function validate<T>(schema: $ZodType<T>, value: unknown, method: ApiMethod, path: string): T {
  const parsed = safeParse(schema, value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? ` at ${first.path.join(".")}` : "";
    throw new ApiCallError("invalid-reply", `The server sent a reply Rolecall does not understand (${path}${where}).`, { method });
  }
  return parsed.data;
}

export async function apiGet<T>(path: string, schema: $ZodType<T>, signal?: AbortSignal): Promise<T> {
  return validate(schema, (await request("GET", path, signal)).json, "GET", path);
}

/**
 * A read with the reply's headers, for a header that outranks the body. The browser revalidates
 * /api reads by itself (ETag, `private, no-cache`): after a 304, fetch hands back the cached body
 * with the 304's fresh headers.
 */
export async function apiGetWithHeaders<T>(path: string, schema: $ZodType<T>, signal?: AbortSignal): Promise<{ data: T; headers: Headers }> {
  const reply = await request("GET", path, signal);
  return { data: validate(schema, reply.json, "GET", path), headers: reply.headers };
}

/** An action; `body` is sent as JSON (an empty object when there is none). */
export async function apiPost<T>(path: string, schema: $ZodType<T>, body?: unknown): Promise<T> {
  return validate(schema, (await request("POST", path, undefined, body)).json, "POST", path);
}

/** Path segments are validated by the proxy; encoding keeps odd input from changing the path. */
export function apiPath(...segments: string[]): string {
  return "/api/" + segments.map(encodeURIComponent).join("/");
}

/** A target's /api path (`{T}`, shared `targetPath`), then more segments, every name encoded as `apiPath` does. */
export function targetApiPath(t: TargetRef, ...segments: string[]): string {
  // Names are encoded before targetPath joins them, so that none can add a segment of its own.
  const encoded = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, k === "kind" ? v : encodeURIComponent(v)])) as TargetRef;
  return [targetPath(encoded), ...segments.map(encodeURIComponent)].join("/");
}
