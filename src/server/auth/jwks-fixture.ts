import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

/**
 * Test support: a real HTTP JWKS endpoint whose key set the test can change (rotation) and that
 * counts how often it was fetched. Lives beside the verifier because only its tests use it.
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicJwk };
}

export interface JwksFixture {
  url: string;
  /** Replaces the published key set (simulates rotation at the authority). */
  publish(keys: SigningKey[]): void;
  fetchCount(): number;
  close(): Promise<void>;
}

export async function startJwksFixture(initial: SigningKey[]): Promise<JwksFixture> {
  let published = initial.map((k) => k.publicJwk);
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== "/keys") {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/keys`,
    publish(keys) {
      published = keys.map((k) => k.publicJwk);
    },
    fetchCount: () => fetches,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export interface TokenSpec {
  key: SigningKey;
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number;
  /** Seconds from now when the token becomes valid. */
  notBefore?: number;
}

export async function signToken(spec: TokenSpec): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...spec.claims })
    .setProtectedHeader({ alg: "RS256", kid: spec.key.kid, typ: "JWT" })
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (spec.expiresIn ?? 600));
  if (spec.issuer !== undefined) jwt.setIssuer(spec.issuer);
  if (spec.audience !== undefined) jwt.setAudience(spec.audience);
  if (spec.notBefore !== undefined) jwt.setNotBefore(now + spec.notBefore);
  return jwt.sign(spec.key.privateKey);
}
