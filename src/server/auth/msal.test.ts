import { describe, expect, it } from "vitest";
import type { FastifyRequest } from "fastify";
import { base64url } from "jose";
import { ProxyError } from "../errors.ts";
import type { JwtVerifier, VerifyResult } from "./jwt-verifier.ts";
import { MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { msalAuthenticator } from "./msal.ts";

const ada = { name: "Ada", id: "oid-ada", roles: ["reader", "operator"] as ("reader" | "operator")[] };
const fixed = (result: VerifyResult): JwtVerifier => ({ verify: () => Promise.resolve(result) });
const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
const unsignedJwt = (claims: object) => `${base64url.encode('{"alg":"RS256"}')}.${base64url.encode(JSON.stringify(claims))}.sig`;

async function refusal(promise: Promise<unknown>): Promise<ProxyError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

describe("msalAuthenticator", () => {
  it("certificate mode: the verified actor, no upstream token", async () => {
    const auth = msalAuthenticator({ verifier: fixed({ ok: true, actor: ada }), upstreamIdentity: "certificate", connectSrc: [] });
    expect(await auth.authenticate(request({ authorization: "Bearer x" }))).toEqual(ada);
  });

  it("maps refusals to 401/403/503 with a plain message and an RFC 6750 challenge", async () => {
    const e401 = await refusal(msalAuthenticator({ verifier: fixed({ ok: false, status: 401, reason: "token expired" }), upstreamIdentity: "certificate", connectSrc: [] }).authenticate(request({})));
    expect([e401.status, e401.code, e401.message, e401.headers["www-authenticate"]]).toEqual([401, "Unauthenticated", "Sign-in refused: token expired.", 'Bearer error="invalid_token"']);
    const e403 = await refusal(msalAuthenticator({ verifier: fixed({ ok: false, status: 403, reason: "no reader or operator role" }), upstreamIdentity: "certificate", connectSrc: [] }).authenticate(request({})));
    expect([e403.status, e403.code]).toEqual([403, "Forbidden"]);
    const e503 = await refusal(msalAuthenticator({ verifier: fixed({ ok: false, status: 503, reason: "keys unavailable" }), upstreamIdentity: "certificate", connectSrc: [] }).authenticate(request({})));
    expect(e503.status).toBe(503);
  });

  it("passthrough: forwards the management token of the same user only", async () => {
    const auth = msalAuthenticator({ verifier: fixed({ ok: true, actor: ada }), upstreamIdentity: "passthrough", connectSrc: [] });
    const mine = unsignedJwt({ oid: "oid-ada", aud: "https://management.core.windows.net/" });
    expect(await auth.authenticate(request({ authorization: "Bearer x", [MANAGEMENT_TOKEN_HEADER]: mine }))).toEqual({ ...ada, upstreamToken: mine });

    const theirs = unsignedJwt({ oid: "oid-mallory" });
    expect((await refusal(auth.authenticate(request({ [MANAGEMENT_TOKEN_HEADER]: theirs })))).message).toBe("Sign-in refused: management token belongs to another user.");
    expect((await refusal(auth.authenticate(request({ [MANAGEMENT_TOKEN_HEADER]: "garbage" })))).message).toBe("Sign-in refused: management token is malformed.");
    // Missing is no refusal here: only routes that call the upstream as the user need one.
    expect(await auth.authenticate(request({ authorization: "Bearer x" }))).toEqual(ada);
  });
});
