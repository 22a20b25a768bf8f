import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { generateTestTls } from "../../../e2e/oidc/tls.ts";
import { deploymentSchema } from "../../shared/api.ts";
import { errorOf, SHOP, startStack, type Stack } from "./harness.ts";

// ROLECALL_ARM_IDENTITY=service: Rolecall calls ARM as itself through DefaultAzureCredential. Here a
// service principal from AZURE_* variables gets its token from a local OpenID Connect token endpoint
// (client-credentials grant) over HTTPS; nothing reaches a Microsoft host.

const TENANT = "11111111-2222-4333-8444-555555555555";
const CLIENT = "rolecall-service";
const SECRET = "s3cret";

interface TokenRequest {
  grantType: string | null;
  clientId: string | null;
  scope: string | null;
}

async function startTokenEndpoint() {
  const tls = await generateTestTls();
  const requests: TokenRequest[] = [];
  let base = "";
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const tenantBase = `${base}/${TENANT}`;
    if (req.method === "GET" && req.url?.startsWith(`/${TENANT}/v2.0/.well-known/openid-configuration`)) {
      return json(200, {
        issuer: `${tenantBase}/v2.0`,
        authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
        token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
        jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
        end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (req.method === "POST" && req.url?.startsWith(`/${TENANT}/oauth2/v2.0/token`)) {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        requests.push({ grantType: form.get("grant_type"), clientId: form.get("client_id"), scope: form.get("scope") });
        if (form.get("client_id") !== CLIENT || form.get("client_secret") !== SECRET) return json(401, { error: "invalid_client" });
        json(200, { token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, access_token: `service-token-${requests.length}` });
      });
      return;
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    caPem: tls.caPem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const saved = { ...process.env };
let s: Stack | undefined;
let endpoint: Awaited<ReturnType<typeof startTokenEndpoint>> | undefined;
afterEach(async () => {
  await s?.close();
  await endpoint?.close();
  process.env = { ...saved };
});

async function stackWithServicePrincipal(secret: string): Promise<Stack> {
  endpoint = await startTokenEndpoint();
  Object.assign(process.env, { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: secret, AZURE_AUTHORITY_HOST: endpoint.base });
  // One CA file (ROLECALL_CA_PATH) for both the emulator's ARM face and the token endpoint.
  return startStack({ arm: true, extraCaPem: endpoint.caPem, env: { ROLECALL_ARM_IDENTITY: "service", ROLECALL_CACHE_MS: "0" } });
}

it("a service principal gets its token with the client-credentials grant, and ARM gets a bearer token", async () => {
  s = await stackWithServicePrincipal(SECRET);
  const res = await s.get(SHOP);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(deploymentSchema.parse(res.body).kind).toBe("extended");
  const arm = s.emu.arm;
  const asked = endpoint?.requests ?? [];
  expect(asked.length).toBeGreaterThan(0);
  for (const r of asked) expect(r).toEqual({ grantType: "client_credentials", clientId: CLIENT, scope: `${new URL(arm?.url ?? "").origin}/.default` });
  expect((await s.upstreamRequests()).filter((r) => r.face === "arm").every((r) => r.authorization.scheme === "Bearer")).toBe(true);
  // The credential keeps its token: a later read (Rolecall's read cache is off here) asks for none.
  const before = asked.length;
  expect((await s.get(SHOP)).status).toBe(200);
  expect(endpoint?.requests).toHaveLength(before);
});

it("a refused service principal is said plainly, and no request reaches ARM without a token", async () => {
  s = await stackWithServicePrincipal("wrong");
  const res = await s.get(SHOP);
  expect(res.status).toBe(502);
  expect(errorOf(res)).toMatchObject({ code: "UpstreamUnreachable" });
  expect(errorOf(res).message).toMatch(/no Azure credential/);
  expect((await s.upstreamRequests()).filter((r) => r.face === "arm")).toEqual([]);
});
