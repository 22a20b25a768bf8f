import type { ZodType } from "zod";
import { apiErrorSchema } from "../../shared/api-schemas.ts";
import type { ApiErrorBody } from "../../shared/domain.ts";
import { authHeaders, currentAuth, markSignInRequired } from "./auth.ts";
import { benchMark } from "./bench.ts";

// The only place the SPA talks HTTP. Every reply is validated with the shared zod schema at this
// edge, so the rest of the app can trust its types; every failure becomes an ApiError whose
// `message` a person can act on.

/** `signInRequired`: the proxy refused an action's sign-in; only signing in again (then retrying) helps. */
export type ApiErrorKind = "network" | "http" | "invalid-reply" | "signInRequired";

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly body: ApiErrorBody["error"] | undefined;

  constructor(kind: ApiErrorKind, message: string, status?: number, body?: ApiErrorBody["error"]) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.body = body;
  }
}

/** The proxy's RFC 6750 challenge for a token it no longer accepts (expired, revoked, rotated key). */
function tokenRefused(res: Response): boolean {
  return res.status === 401 && /error="invalid_token"/.test(res.headers.get("www-authenticate") ?? "");
}

async function send(method: "GET" | "POST", path: string, signal: AbortSignal | undefined, forceRefresh: boolean): Promise<Response> {
  // Sign-in headers first: in msal mode this may renew a token (silently) before the request.
  const headers: Record<string, string> = { ...(await authHeaders(forceRefresh ? { forceRefresh } : undefined)), accept: "application/json" };
  if (method === "POST") headers["content-type"] = "application/json";
  try {
    return await fetch(path, { method, headers, signal, body: method === "POST" ? "{}" : undefined });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError("network", "Cannot reach the Rolecall server. Check your connection and that the server is running.");
  }
}

async function request(method: "GET" | "POST", path: string, signal?: AbortSignal): Promise<unknown> {
  let res = await send(method, path, signal, false);
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
    const parsed = apiErrorSchema.safeParse(json);
    const body = parsed.success ? parsed.data.error : undefined;
    if (tokenRefused(res) && method === "POST" && currentAuth().mode === "msal") {
      // Not retried: the person decides, after signing in again, whether to act once more. The
      // shell offers "Sign in again" (auth.ts) next to this message.
      markSignInRequired();
      throw new ApiError("signInRequired", `${body?.message ?? "Your sign-in was refused."} Sign in again, then retry the action; it was not carried out.`, 401, body);
    }
    throw new ApiError("http", body?.message ?? `The server answered ${res.status} ${res.statusText}.`, res.status, body);
  }
  return json;
}

function validate<T>(schema: ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? ` at ${first.path.join(".")}` : "";
    throw new ApiError("invalid-reply", `The server sent a reply Rolecall does not understand (${path}${where}).`);
  }
  return parsed.data;
}

export async function apiGet<T>(path: string, schema: ZodType<T>, signal?: AbortSignal): Promise<T> {
  return validate(schema, await request("GET", path, signal), path);
}

export async function apiPost<T>(path: string, schema: ZodType<T>): Promise<T> {
  return validate(schema, await request("POST", path), path);
}

/** Path segments are validated by the proxy; encoding keeps odd input from changing the path. */
export function apiPath(...segments: string[]): string {
  return "/api/" + segments.map(encodeURIComponent).join("/");
}
