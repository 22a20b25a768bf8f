import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { refreshTokens, signInWithCodeFlow } from "../../../e2e/oidc/code-flow.ts";
import { startOidcProvider, type OidcProvider } from "../../../e2e/oidc/provider.ts";
import { actionAcceptedSchema, appConfigSchema } from "../../shared/api.ts";
import { openAuditStore } from "../audit/store.ts";
import { MANAGEMENT_SCOPE } from "../auth/msal-config.ts";
import { MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, waitFor, type Stack } from "./harness.ts";
import { startUpstreamRecorder, type UpstreamRecorder } from "./upstream-recorder.ts";

// ROLECALL_AUTH=msal end to end without a browser: the local OpenID provider issues real tokens
// (authorization code + PKCE, refresh for the management API), the proxy verifies them against the
// provider's published keys, and the emulator (requiring a bearer token) sits behind a recorder
// that shows which token was forwarded.

const CLIENT_ID = "rolecall-spa";
const REDIRECT = "http://127.0.0.1:5173/";
const MANAGEMENT_AUDIENCE = "https://management.core.windows.net/";

let op: OidcProvider;
let recorder: UpstreamRecorder;
let s: Stack;
let caDir: string;

interface Session {
  api: string;
  management: string;
  headers: Record<string, string>;
}

/** Signs `user` in like the SPA does: one sign-in, then the management token from the refresh token. */
async function signIn(user: string): Promise<Session> {
  const scope = `openid profile offline_access ${op.apiScope}`;
  const tokens = await signInWithCodeFlow({ issuer: op.issuer, caPem: op.caPem, clientId: CLIENT_ID, redirectUri: REDIRECT, username: user, scope: `${scope} ${MANAGEMENT_SCOPE}` });
  const management = await refreshTokens({ issuer: op.issuer, caPem: op.caPem, clientId: CLIENT_ID, refreshToken: tokens.refresh_token ?? "", scope: MANAGEMENT_SCOPE });
  return {
    api: tokens.access_token,
    management: management.access_token,
    headers: { authorization: `Bearer ${tokens.access_token}`, [MANAGEMENT_TOKEN_HEADER]: management.access_token },
  };
}

beforeAll(async () => {
  op = await startOidcProvider({
    clients: [{ client_id: CLIENT_ID, redirect_uris: [REDIRECT] }],
    users: [
      { id: "ada", name: "Ada Operator", roles: ["Rolecall.Operator"] },
      { id: "bob", name: "Bob Reader", roles: ["Rolecall.Reader"] },
      { id: "eve", name: "Eve Nobody", roles: [] },
    ],
    audience: "api://rolecall",
    extraResources: [{ audience: MANAGEMENT_AUDIENCE, scope: MANAGEMENT_SCOPE }],
  });
  caDir = mkdtempSync(join(tmpdir(), "rolecall-sign-in-"));
  writeFileSync(join(caDir, "ca.pem"), op.caPem);
  recorder = await startUpstreamRecorder();
  s = await startStack({
    emulator: { requireAuth: true },
    emulatorUrl: recorder.url,
    env: {
      ROLECALL_AUTH: "msal",
      ROLECALL_AUTH_CLIENT_ID: CLIENT_ID,
      ROLECALL_AUTH_AUTHORITY: op.issuer,
      ROLECALL_AUTH_API_SCOPE: op.apiScope,
      ROLECALL_AUTH_AUDIENCE: "api://rolecall",
      ROLECALL_AUTH_PROTOCOL: "OIDC",
      ROLECALL_AUTH_CA_PATH: join(caDir, "ca.pem"),
      ROLECALL_UPSTREAM_IDENTITY: "passthrough",
      // Long enough that a second read within a test is served from the cache.
      ROLECALL_CACHE_MS: "60000",
    },
  });
  recorder.forwardTo(s.emu.url);
});
afterAll(async () => {
  await s.close();
  await recorder.close();
  await op.close();
  rmSync(caDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await s.control("POST", "reset", { scenario: "demo" });
  await s.clearUpstreamRequests();
  recorder.clear();
});

describe("ROLECALL_AUTH=msal with the local OpenID provider", () => {
  it("/api/config carries what MSAL needs and no secret; CSP lets the browser reach the authority", async () => {
    const res = await s.get("/api/config");
    const config = appConfigSchema.parse(res.body);
    expect(config.auth).toEqual({
      mode: "msal",
      clientId: CLIENT_ID,
      authority: op.issuer,
      apiScope: op.apiScope,
      knownAuthorities: [new URL(op.issuer).host],
      protocolMode: "OIDC",
      upstreamIdentity: "passthrough",
      managementScope: MANAGEMENT_SCOPE,
    });
    const text = JSON.stringify(res.body);
    for (const secret of ["BEGIN", "PRIVATE", caDir, "caPem", "audience"]) expect(text).not.toContain(secret);
    expect(res.headers.get("content-security-policy")).toContain(`connect-src 'self' ${op.issuer}`);
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("/api/me reports the verified user and roles", async () => {
    expect((await s.get("/api/me", (await signIn("bob")).headers)).body).toEqual({ name: "Bob Reader", id: "bob", roles: ["reader"] });
    expect((await s.get("/api/me", (await signIn("ada")).headers)).body).toEqual({ name: "Ada Operator", id: "ada", roles: ["reader", "operator"] });
  });

  it("a reader reads (the management token goes upstream, not the API token) but may not act", async () => {
    const bob = await signIn("bob");
    expect((await s.get(DEP, bob.headers)).status).toBe(200);
    expect(recorder.authorizations()).toEqual([`Bearer ${bob.management}`]);
    expect((await s.upstreamRequests()).map(({ authorization: { present, scheme } }) => ({ present, scheme }))).toEqual([{ present: true, scheme: "Bearer" }]);

    const action = await s.post(actionPath("WebFrontend_IN_0"), {}, bob.headers);
    expect(action.status).toBe(403);
    expect(errorOf(action)).toMatchObject({ code: "NotAnOperator", message: "Your role is Reader; only Operators can reimage." });
    expect((await s.upstreamRequests()).filter((r) => r.method === "POST")).toEqual([]);
    expect((await s.get("/api/audit", bob.headers)).body).toEqual([]);
  });

  it("a user without a Rolecall role is refused (403) before anything upstream", async () => {
    const res = await s.get(DEP, (await signIn("eve")).headers);
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toBe("Sign-in refused: no reader or operator role.");
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("an operator's action is audited with the verified name and object id, never the token", async () => {
    const ada = await signIn("ada");
    const res = await s.post(actionPath("WebFrontend_IN_1"), {}, ada.headers);
    expect(res.status).toBe(202);
    expect(actionAcceptedSchema.parse(res.body).requestedBy).toBe("Ada Operator");
    const posts = (await s.upstreamRequests()).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(recorder.authorizations()).toContain(`Bearer ${ada.management}`);

    const audit = await s.get("/api/audit?instance=WebFrontend_IN_1", ada.headers);
    expect(audit.body).toMatchObject([{ actor: "Ada Operator", action: "reimage", instances: ["WebFrontend_IN_1"] }]);
    const store = openAuditStore(join(s.dataDir, "audit.sqlite"));
    try {
      const rows = store.list({ limit: 10, instance: "WebFrontend_IN_1" });
      expect(rows[0]).toMatchObject({ actor: "Ada Operator", actorId: "ada" });
      expect(JSON.stringify(rows)).not.toContain(ada.management.slice(-20));
      expect(JSON.stringify(rows)).not.toContain(ada.api.slice(-20));
    } finally {
      store.close();
    }
    // Let the tracker see the operation end, so the next test starts from a quiet proxy.
    await s.control("POST", "clock/advance", { ms: 20 * 60_000 });
    await waitFor(async () => ((await s.get("/api/audit?instance=WebFrontend_IN_1", ada.headers)).body as { outcome: string }[])[0]?.outcome === "Succeeded", "the reimage to finish");
  });

  it("passthrough caches per user: renewed tokens share the user's entry, another user gets their own", async () => {
    // A deployment no other test reads, so nothing is cached yet.
    const staging = DEP.replace(/production$/, "staging");
    const bob = await signIn("bob");
    await s.get(staging, bob.headers);
    // Bob's tokens renewed (what MSAL does silently): still Bob, still his cache entry.
    const renewed = await signIn("bob");
    expect(renewed.api).not.toBe(bob.api);
    expect((await s.get(staging, renewed.headers)).status).toBe(200);
    expect(recorder.authorizations()).toEqual([`Bearer ${bob.management}`]);
    // Ada's request is Ada's own upstream read, with her token.
    const ada = await signIn("ada");
    expect((await s.get(staging, ada.headers)).status).toBe(200);
    expect(recorder.authorizations()).toEqual([`Bearer ${bob.management}`, `Bearer ${ada.management}`]);
  });
});
