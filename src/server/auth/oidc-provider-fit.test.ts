import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { refreshTokens, send, signInWithCodeFlow } from "../../../e2e/oidc/code-flow.ts";
import { startOidcProvider, type OidcProvider } from "../../../e2e/oidc/provider.ts";
import { createJwtVerifier, type JwtVerifier } from "./jwt-verifier.ts";
import { loadMsalAuthSettings, MANAGEMENT_SCOPE } from "./msal-config.ts";
import { createVerifierFromSettings, resolveSigningMetadata } from "./signing-metadata.ts";
import { createTrustingFetch } from "./trusting-fetch.ts";

// The proof that the two halves fit: the local OpenID provider issues tokens through the real
// authorization-code + PKCE flow over HTTPS, and the proxy's verifier, configured only from the
// environment variables an operator would set, accepts them.

const SPA = "http://127.0.0.1:5173";
const CLIENT_ID = "rolecall-spa";
const MANAGEMENT = "https://management.core.windows.net/";
const LOGIN_SCOPE = `openid profile offline_access api://rolecall/access ${MANAGEMENT_SCOPE}`;

let op: OidcProvider;
let verifier: JwtVerifier;
let env: Record<string, string>;

beforeAll(async () => {
  op = await startOidcProvider({
    clients: [{ client_id: CLIENT_ID, redirect_uris: [`${SPA}/`] }],
    users: [
      { id: "ada", name: "Ada Operator", roles: ["Rolecall.Operator"] },
      { id: "bob", name: "Bob Reader", roles: ["Rolecall.Reader"] },
      { id: "eve", name: "Eve Nobody", roles: [] },
    ],
    audience: "api://rolecall",
    extraResources: [{ audience: MANAGEMENT, scope: MANAGEMENT_SCOPE }],
  });
  const caPath = join(mkdtempSync(join(tmpdir(), "rolecall-oidc-")), "ca.pem");
  writeFileSync(caPath, op.caPem);
  env = {
    ROLECALL_AUTH_CLIENT_ID: CLIENT_ID,
    ROLECALL_AUTH_AUTHORITY: op.issuer,
    ROLECALL_AUTH_API_SCOPE: op.apiScope,
    ROLECALL_AUTH_AUDIENCE: "api://rolecall",
    ROLECALL_AUTH_PROTOCOL: "OIDC",
    ROLECALL_AUTH_CA_PATH: caPath,
  };
  verifier = await createVerifierFromSettings(loadMsalAuthSettings(env));
});
afterAll(() => op.close());

const signIn = (username: string, scope = LOGIN_SCOPE) =>
  signInWithCodeFlow({ issuer: op.issuer, caPem: op.caPem, clientId: CLIENT_ID, redirectUri: `${SPA}/`, username, scope });

describe("local OpenID provider over HTTPS", () => {
  it("serves discovery and keys to a client trusting the generated CA, and to no one else", async () => {
    const trusting = createTrustingFetch(op.caPem);
    const discovery = (await (await trusting(`${op.issuer}/.well-known/openid-configuration`, {})).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(op.issuer);
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    const jwks = (await (await trusting(String(discovery.jwks_uri), {})).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA" });

    await expect(fetch(`${op.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    expect(await resolveSigningMetadata(loadMsalAuthSettings(env))).toEqual({ issuers: [op.issuer], jwksUri: discovery.jwks_uri });
  });

  it("lets the SPA origin, and only it, call the token endpoint (CORS)", async () => {
    // The preflight is answered for any origin; the real POST carries the per-client decision.
    const preflight = await send(`${op.issuer}/token`, op.caPem, "OPTIONS", { origin: SPA, "access-control-request-method": "POST" });
    expect(preflight.status).toBe(204);
    const post = (origin: string) =>
      send(`${op.issuer}/token`, op.caPem, "POST", { origin, "content-type": "application/x-www-form-urlencoded" }, `grant_type=refresh_token&client_id=${CLIENT_ID}&refresh_token=nope`);
    const fromSpa = await post(SPA);
    expect(fromSpa.status).toBe(400);
    expect(fromSpa.headers["access-control-allow-origin"]).toBe(SPA);
    const fromElsewhere = await post("https://evil.example.test");
    expect(fromElsewhere.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses an authorization request without PKCE", async () => {
    const trusting = createTrustingFetch(op.caPem);
    const url = `${op.issuer}/auth?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent(`${SPA}/`)}&response_type=code&scope=openid`;
    const reply = await trusting(url, { redirect: "manual" });
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toContain("error=invalid_request");
  });
});

describe("provider tokens through the proxy's verifier", () => {
  it("an operator signs in with code + PKCE; the access token verifies as reader + operator", async () => {
    const tokens = await signIn("ada");
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: op.issuer, aud: "api://rolecall", oid: "ada", roles: ["Rolecall.Operator"] });
    expect(await verifier.verify(`Bearer ${tokens.access_token}`)).toEqual({
      ok: true,
      actor: { name: "Ada Operator", id: "ada", roles: ["reader", "operator"] },
    });
    // The ID token carries name and roles too: the SPA shows them before calling the API.
    expect(decodeJwt(tokens.id_token ?? "")).toMatchObject({ aud: CLIENT_ID, name: "Ada Operator", roles: ["Rolecall.Operator"] });
  });

  it("a reader verifies as reader only; a user without a role gets 403", async () => {
    expect(await verifier.verify(`Bearer ${(await signIn("bob")).access_token}`)).toMatchObject({ ok: true, actor: { roles: ["reader"] } });
    expect(await verifier.verify(`Bearer ${(await signIn("eve")).access_token}`)).toEqual({ ok: false, status: 403, reason: "no reader or operator role" });
  });

  it("the ID token is not accepted as an access token", async () => {
    const { id_token } = await signIn("ada");
    expect(await verifier.verify(`Bearer ${id_token ?? ""}`)).toMatchObject({ ok: false, status: 401 });
  });

  it("a refresh token renews the API token, and yields a management token the API refuses", async () => {
    const first = await signIn("ada");
    const renewed = await refreshTokens({ issuer: op.issuer, caPem: op.caPem, clientId: CLIENT_ID, refreshToken: first.refresh_token ?? "", scope: `openid profile offline_access ${op.apiScope}` });
    expect(renewed.access_token).not.toBe(first.access_token);
    expect((await verifier.verify(`Bearer ${renewed.access_token}`)).ok).toBe(true);

    const management = await refreshTokens({ issuer: op.issuer, caPem: op.caPem, clientId: CLIENT_ID, refreshToken: renewed.refresh_token ?? "", scope: `openid profile offline_access ${MANAGEMENT_SCOPE}` });
    expect(decodeJwt(management.access_token)).toMatchObject({ aud: MANAGEMENT, oid: "ada" });
    expect(await verifier.verify(`Bearer ${management.access_token}`)).toEqual({ ok: false, status: 401, reason: "token audience is not this API" });
  });

  it("short-lived tokens expire (TTL option)", async () => {
    const shortOp = await startOidcProvider({
      clients: [{ client_id: CLIENT_ID, redirect_uris: [`${SPA}/`] }],
      users: [{ id: "ada", name: "Ada", roles: ["Rolecall.Operator"] }],
      audience: "api://rolecall",
      accessTokenTtlSec: 1,
    });
    try {
      const tokens = await signInWithCodeFlow({ issuer: shortOp.issuer, caPem: shortOp.caPem, clientId: CLIENT_ID, redirectUri: `${SPA}/`, username: "ada", scope: `openid offline_access ${shortOp.apiScope}` });
      expect(tokens.expires_in).toBe(1);
      const strict = createJwtVerifier({
        issuers: [shortOp.issuer],
        audience: "api://rolecall",
        jwksUri: `${shortOp.issuer}/jwks`,
        caPem: shortOp.caPem,
        clockToleranceSec: 0,
        readerRole: "Rolecall.Reader",
        operatorRole: "Rolecall.Operator",
      });
      // Wait on the condition itself (bounded), not a fixed sleep: the verifier refuses once the
      // one-second lifetime has passed.
      await expect
        .poll(() => strict.verify(`Bearer ${tokens.access_token}`), { timeout: 10_000, interval: 100 })
        .toEqual({ ok: false, status: 401, reason: "token expired" });
    } finally {
      await shortOp.close();
    }
  });
});
