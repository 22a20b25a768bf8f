import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSigningKey, signToken } from "../auth/jwks-fixture.ts";
import { MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, SUB, type Stack } from "./harness.ts";
import { API_AUDIENCE, startTestAuthority, type TestAuthority } from "./test-authority.ts";

// ROLECALL_AUTH=msal against an authority whose key the test holds, the real proxy over HTTP and the
// real emulator behind it. Every forged or unfit token is refused with its own plain reason, and
// neither a read nor an action reaches the upstream or the audit log.

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const bob = { oid: "bob-oid", name: "Bob Reader", roles: ["Rolecall.Reader"] };

let authority: TestAuthority;
let s: Stack;
/** A management token for `oid` (the proxy checks only whose it is; Azure checks the rest). */
const management = (oid: string) => `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ oid, aud: "https://management.core.windows.net/" })}.sig`;

beforeAll(async () => {
  authority = await startTestAuthority();
  s = await startStack({ env: { ...authority.env, ROLECALL_UPSTREAM_IDENTITY: "passthrough" } });
});
afterAll(async () => {
  await s.close();
  await authority.close();
});

/** GET a deployment and POST a reimage with `token`; both must be refused alike, nothing upstream. */
async function refusedBoth(token: string | null, status: number, reason: string) {
  await s.clearUpstreamRequests();
  const headers: Record<string, string> = { [MANAGEMENT_TOKEN_HEADER]: management("bob-oid") };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  for (const res of [await s.get(DEP, headers), await s.post(actionPath("WebFrontend_IN_0"), {}, headers)]) {
    expect(res.status).toBe(status);
    expect(errorOf(res).message).toBe(`Sign-in refused: ${reason}.`);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // The reason never echoes the token.
    if (token) expect(JSON.stringify(res.body)).not.toContain(token.slice(-20));
  }
  expect(await s.upstreamRequests()).toEqual([]);
}

describe("msal mode refuses, before any upstream call", () => {
  it("no token", async () => {
    await refusedBoth(null, 401, "no bearer token");
  });

  it("a forged signature: another key under the authority's kid", async () => {
    const forger = await createSigningKey(authority.key.kid);
    await refusedBoth(await signToken({ key: forger, issuer: authority.issuer, audience: API_AUDIENCE, claims: { ...bob, scp: "access" } }), 401, "signature does not verify");
  });

  it("a payload edited after signing (reader promoted to operator)", async () => {
    const [header, , signature] = (await authority.token(bob)).split(".");
    const promoted = `${header}.${b64({ ...bob, roles: ["Rolecall.Operator"], scp: "access", iss: authority.issuer, aud: API_AUDIENCE, exp: now() + 600 })}.${signature}`;
    await refusedBoth(promoted, 401, "signature does not verify");
  });

  it("a wrong issuer (signed with the trusted key)", async () => {
    await refusedBoth(await authority.token(bob, { issuer: "https://login.example.test/other-tenant/v2.0" }), 401, "token issuer not accepted");
  });

  it("a wrong audience (a token for another API)", async () => {
    await refusedBoth(await authority.token(bob, { audience: "api://another-app" }), 401, "token audience is not this API");
  });

  it("an expired token (beyond the 60 s clock skew)", async () => {
    await refusedBoth(await authority.token(bob, { expiresIn: -120 }), 401, "token expired");
  });

  it("a token not valid yet", async () => {
    await refusedBoth(await authority.token(bob, { notBefore: 600 }), 401, "token not yet valid");
  });

  it('alg "none" (unsigned)', async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT", kid: authority.key.kid })}.${b64({ ...bob, scp: "access", iss: authority.issuer, aud: API_AUDIENCE, exp: now() + 600 })}.`;
    await refusedBoth(unsigned, 401, "algorithm not allowed");
  });

  it("HS256 signed with the public key as the secret (key confusion)", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(authority.key.publicJwk));
    const confused = await new SignJWT({ ...bob, scp: "access" })
      .setProtectedHeader({ alg: "HS256", kid: authority.key.kid })
      .setIssuer(authority.issuer)
      .setAudience(API_AUDIENCE)
      .setExpirationTime(now() + 600)
      .sign(secret);
    await refusedBoth(confused, 401, "algorithm not allowed");
  });

  it("an unknown kid", async () => {
    const stranger = await createSigningKey(`stranger-${randomBytes(3).toString("hex")}`);
    await refusedBoth(await signToken({ key: stranger, issuer: authority.issuer, audience: API_AUDIENCE, claims: { ...bob, scp: "access" } }), 401, "unknown signing key");
  });

  it("a token without the API scope (an ID token for the same audience)", async () => {
    await refusedBoth(await authority.token({ ...bob, scp: undefined }), 401, "token is not an access token for this API (scope missing)");
  });

  it("a signed-in user without a Rolecall role: 403", async () => {
    await refusedBoth(await authority.token({ ...bob, roles: ["Some.Other.Role"] }), 403, "no reader or operator role");
  });

  it("a valid API token with someone else's management token", async () => {
    await s.clearUpstreamRequests();
    const res = await s.get(DEP, { authorization: `Bearer ${await authority.token(bob)}`, [MANAGEMENT_TOKEN_HEADER]: management("ada-oid") });
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toBe("Sign-in refused: management token belongs to another user.");
    const missing = await s.get(DEP, { authorization: `Bearer ${await authority.token(bob)}` });
    expect(errorOf(missing).message).toBe("Sign-in refused: no management token (passthrough mode needs one).");
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("nothing refused was audited; /api/health and /api/config need no token and call nothing upstream", async () => {
    await s.clearUpstreamRequests();
    expect((await s.get("/api/health")).status).toBe(200);
    expect((await s.get("/api/config")).status).toBe(200);
    expect((await s.get("/api/me")).status).toBe(401);
    expect(await s.upstreamRequests()).toEqual([]);
    // Passthrough: the audit is filtered by the subscriptions Azure lists for bob (asked as bob).
    const audit = await s.get("/api/audit", { authorization: `Bearer ${await authority.token(bob)}`, [MANAGEMENT_TOKEN_HEADER]: management("bob-oid") });
    expect(audit).toMatchObject({ status: 200, body: [] });
    expect((await s.upstreamRequests()).map((r) => r.path)).toEqual(["/subscriptions"]);
  });
});

/**
 * A request whose path goes on the wire byte for byte: fetch() and `new URL` would resolve `%2e%2e`
 * and collapse nothing else, so they cannot send the spellings an attacker would.
 */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(s.url + "/", { method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("msal mode: another spelling of an /api path is no way around sign-in", () => {
  const dep = `subscriptions/${SUB}/services/contoso-web/deployments/production`;
  const reimage = `${dep}/instances/WebFrontend_IN_0/reimage`;
  // Each is one of the protected routes spelt so that a check on the raw URL would miss it.
  const spellings = [
    `/%61pi/${dep}`,
    "/%61pi/audit",
    `/%61pi/subscriptions/${SUB}/operations`,
    "/%61pi/me",
    "/%61pi/subscriptions",
    "/a%70i/audit",
    `/API/${dep}`,
    "/Api/audit",
    "/api/%2e%2e/api/audit",
    `/api/%2E%2E/api/${dep}`,
    "/api/health/../audit",
    "/api/health/%2e%2e/audit",
    "//api/audit",
    `//api/${dep}`,
    "/%2fapi/audit",
    "/%2561pi/audit",
    `/%2561pi/${dep}`,
    "/api/%252e%252e/api/audit",
    "/api/audit%3f",
    "/api/audit;x",
  ];

  it.each(spellings)("GET %s: refused, no data, nothing upstream", async (path) => {
    await s.clearUpstreamRequests();
    const res = await rawRequest("GET", path);
    expect([400, 401, 404]).toContain(res.status);
    // No deployment, audit list or identity: an error envelope or the SPA's page at most.
    expect(res.text).not.toMatch(/"instances"|"roles"|^\[/);
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it.each([`/%61pi/${reimage}`, `/API/${reimage}`, `//api/${reimage}`, `/api/%2e%2e/api/${reimage}`])("POST %s: refused, nothing audited or sent upstream", async (path) => {
    await s.clearUpstreamRequests();
    const res = await rawRequest("POST", path, { "content-type": "application/json", origin: s.url });
    expect([400, 401, 404]).toContain(res.status);
    expect(res.text).not.toContain("operationId");
    expect(await s.upstreamRequests()).toEqual([]);
    const audit = await s.get("/api/audit", { authorization: `Bearer ${await authority.token(bob)}`, [MANAGEMENT_TOKEN_HEADER]: management("bob-oid") });
    expect(audit.body).toEqual([]);
  });
});
