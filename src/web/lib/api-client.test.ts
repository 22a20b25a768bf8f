import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { ApiCallError, apiGet, apiPost, parseRetryAfter } from "./api-client.ts";
import type { AuthProvider } from "./auth.ts";

// A token the proxy refuses mid-session: a read renews it once and retries once; an action is never
// retried; a token refused even when fresh sends the person to sign in again.

const provider = {
  mode: "msal",
  user: { name: "Ada", id: "ada" },
  headers: vi.fn<AuthProvider["headers"]>((o) => Promise.resolve({ authorization: o?.forceRefresh ? "Bearer fresh" : "Bearer stale" })),
  signIn: vi.fn<AuthProvider["signIn"]>(() => Promise.resolve()),
  signOut: vi.fn<AuthProvider["signOut"]>(() => Promise.resolve()),
} satisfies AuthProvider;

const markSignInRequired = vi.fn<() => void>();

vi.mock("./auth.ts", () => ({
  authHeaders: (o?: { forceRefresh?: boolean }) => provider.headers(o),
  currentAuth: () => provider,
  markSignInRequired: () => markSignInRequired(),
}));

const refused = () =>
  new Response(JSON.stringify({ error: { code: "Unauthenticated", message: "Sign-in refused: token expired." } }), {
    status: 401,
    headers: { "www-authenticate": 'Bearer error="invalid_token"', "content-type": "application/json" },
  });
const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200 });
const fetchMock = vi.fn<typeof fetch>();
const okSchema = z.object({ ok: z.boolean() });

beforeEach(() => {
  fetchMock.mockReset();
  provider.headers.mockClear();
  provider.signIn.mockClear();
  markSignInRequired.mockClear();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const authorizationOf = (call: number) => (fetchMock.mock.calls[call]?.[1]?.headers as Record<string, string>).authorization;

describe("a token refused mid-session", () => {
  it("GET: renews the token once and retries once", async () => {
    fetchMock.mockResolvedValueOnce(refused()).mockResolvedValueOnce(ok());
    await expect(apiGet("/api/me", okSchema)).resolves.toEqual({ ok: true });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect([authorizationOf(0), authorizationOf(1)]).toEqual(["Bearer stale", "Bearer fresh"]);
    expect(provider.signIn).not.toHaveBeenCalled();
  });

  it("GET refused again with a fresh token: sign in again (no third request, no error shown)", async () => {
    fetchMock.mockResolvedValueOnce(refused()).mockResolvedValueOnce(refused());
    const settled = vi.fn();
    void apiGet("/api/me", okSchema).then(settled, settled);
    await vi.waitFor(() => expect(provider.signIn).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(settled).not.toHaveBeenCalled();
  });

  it("POST: never retried; the error says to sign in again and that nothing was done", async () => {
    fetchMock.mockResolvedValueOnce(refused());
    const error = await apiPost("/api/x/reimage", okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(401);
    expect((error as ApiCallError).message).toMatch(/Sign in again, then retry the action; it was not carried out\.$/);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(provider.signIn).not.toHaveBeenCalled();
    // Marked for the shell's "Sign in again" button (the person chooses to leave, not the app).
    expect((error as ApiCallError).kind).toBe("signInRequired");
    expect(markSignInRequired).toHaveBeenCalledTimes(1);
  });

  it("a 401 without the invalid_token challenge (or a 403) is shown as is", async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: "Forbidden", message: "Sign-in refused: no reader or operator role." } }), { status: 403 }));
    await expect(apiGet("/api/me", okSchema)).rejects.toThrow("Sign-in refused: no reader or operator role.");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(markSignInRequired).not.toHaveBeenCalled();
  });
});

describe("a refused call", () => {
  it("carries the envelope's code, the method and the Retry-After seconds", async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: "TooManyActions", message: "Too many actions." } }), { status: 429, headers: { "retry-after": "40" } }),
    );
    const error = (await apiPost("/api/x/reboot", okSchema).catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect([error.code, error.method, error.isAction, error.retryAfterSeconds]).toEqual(["TooManyActions", "POST", true, 40]);
    expect(error.retryAt).toBe(error.receivedAt + 40_000);
  });

  it("reads Retry-After as an HTTP date too, and leaves it unset when absent", () => {
    const now = Date.parse("2025-01-01T10:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
