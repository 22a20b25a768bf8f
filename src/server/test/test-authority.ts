import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JWTPayload } from "jose";
import { generateTestTls } from "../../../e2e/oidc/tls.ts";
import { createSigningKey, signToken, type SigningKey, type TokenSpec } from "../auth/jwks-fixture.ts";

// An HTTPS "authority" serving only discovery and keys, whose private key the test holds: it can
// sign any token (wrong issuer, wrong audience, expired…) with a key the proxy trusts, which a real
// provider never would. The proxy finds it exactly as it finds Entra ID: ROLECALL_AUTH_AUTHORITY.

export const API_AUDIENCE = "api://rolecall";
export const API_SCOPE = "api://rolecall/access";

export interface TestAuthority {
  issuer: string;
  key: SigningKey;
  /** The proxy's msal-mode settings for this authority. */
  env: Record<string, string>;
  /** A valid access token for this API, with `claims` added (or overridden) and `spec` applied. */
  token(claims?: JWTPayload, spec?: Partial<TokenSpec>): Promise<string>;
  close(): Promise<void>;
}

export async function startTestAuthority(): Promise<TestAuthority> {
  const tls = await generateTestTls();
  const key = await createSigningKey("authority-key-1");
  let issuer = "";
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/.well-known/openid-configuration") return json({ issuer, jwks_uri: `${issuer}/keys` });
    if (req.url === "/keys") return json({ keys: [key.publicJwk] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), "rolecall-authority-"));
  const caPath = join(dir, "ca.pem");
  writeFileSync(caPath, tls.caPem);

  return {
    issuer,
    key,
    env: {
      ROLECALL_AUTH: "msal",
      ROLECALL_AUTH_CLIENT_ID: "rolecall-spa",
      ROLECALL_AUTH_AUTHORITY: issuer,
      ROLECALL_AUTH_API_SCOPE: API_SCOPE,
      ROLECALL_AUTH_AUDIENCE: API_AUDIENCE,
      ROLECALL_AUTH_PROTOCOL: "OIDC",
      ROLECALL_AUTH_CA_PATH: caPath,
    },
    token: (claims = {}, spec = {}) =>
      signToken({ key, issuer, audience: API_AUDIENCE, ...spec, claims: { scp: "access", ...claims } }),
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(dir, { recursive: true, force: true });
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
