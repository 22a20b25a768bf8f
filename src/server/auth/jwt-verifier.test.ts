import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64url, SignJWT } from "jose";
import { createJwtVerifier, type JwtVerifierOptions } from "./jwt-verifier.ts";
import { createSigningKey, signToken, startJwksFixture, type JwksFixture, type SigningKey } from "./jwks-fixture.ts";

const ISSUER = "https://login.example.test/tenant-1/v2.0";
const AUDIENCE = "api://rolecall";
const roleNames = { readerRole: "Rolecall.Reader", operatorRole: "Rolecall.Operator" };
const operatorClaims = { oid: "oid-ada", name: "Ada Lovelace", roles: ["Rolecall.Operator"] };

let jwks: JwksFixture;
let keyA: SigningKey;
let keyB: SigningKey;
let stranger: SigningKey;

beforeAll(async () => {
  [keyA, keyB, stranger] = await Promise.all([createSigningKey("key-a"), createSigningKey("key-b"), createSigningKey("key-a")]);
  jwks = await startJwksFixture([keyA]);
});
afterAll(() => jwks.close());

function verifier(extra: Partial<JwtVerifierOptions> = {}) {
  return createJwtVerifier({ issuers: [ISSUER], audience: AUDIENCE, jwksUri: jwks.url, ...roleNames, ...extra });
}

function token(spec: Partial<Parameters<typeof signToken>[0]> = {}) {
  return signToken({ key: keyA, issuer: ISSUER, audience: AUDIENCE, claims: operatorClaims, ...spec });
}

async function expectRefusal(header: string | undefined, status: number, reason: string, extra: Partial<JwtVerifierOptions> = {}) {
  const result = await verifier(extra).verify(header);
  expect(result).toEqual({ ok: false, status, reason });
  // The reason is safe to send back and to log: it never contains the token.
  if (header && !result.ok) expect(result.reason).not.toContain(header.slice(7, 40));
}

describe("createJwtVerifier: accepted tokens", () => {
  it("maps an operator to reader + operator with name and oid", async () => {
    const result = await verifier().verify(`Bearer ${await token()}`);
    expect(result).toEqual({ ok: true, actor: { name: "Ada Lovelace", id: "oid-ada", roles: ["reader", "operator"] } });
  });

  it("maps a reader to reader only", async () => {
    const t = await token({ claims: { oid: "oid-bob", name: "Bob", roles: ["Rolecall.Reader"] } });
    expect(await verifier().verify(`Bearer ${t}`)).toEqual({ ok: true, actor: { name: "Bob", id: "oid-bob", roles: ["reader"] } });
  });

  it("falls back to sub and preferred_username, and honours configured role names", async () => {
    const t = await token({ claims: { sub: "sub-1", preferred_username: "cy@example.test", roles: ["Ops"] } });
    const result = await verifier({ operatorRole: "Ops" }).verify(`bearer ${t}`);
    expect(result).toEqual({ ok: true, actor: { name: "cy@example.test", id: "sub-1", roles: ["reader", "operator"] } });
  });

  it("accepts any of several issuers and audiences", async () => {
    const t = await token({ issuer: "https://other.example.test/", audience: "client-guid" });
    const result = await verifier({ issuers: [ISSUER, "https://other.example.test/"], audience: [AUDIENCE, "client-guid"] }).verify(`Bearer ${t}`);
    expect(result.ok).toBe(true);
  });

  it("tolerates small clock skew on expiry", async () => {
    const result = await verifier().verify(`Bearer ${await token({ expiresIn: -30 })}`);
    expect(result.ok).toBe(true);
  });

  it("accepts the API scope in full or short form when a scope is required", async () => {
    const v = verifier({ requiredScope: "api://rolecall/access" });
    expect((await v.verify(`Bearer ${await token({ claims: { ...operatorClaims, scp: "access" } })}`)).ok).toBe(true);
    expect((await v.verify(`Bearer ${await token({ claims: { ...operatorClaims, scope: "openid api://rolecall/access" } })}`)).ok).toBe(true);
  });
});

describe("createJwtVerifier: refusals (attacks tried)", () => {
  it("no header, a non-bearer header, an oversized header", async () => {
    await expectRefusal(undefined, 401, "no bearer token");
    await expectRefusal("Basic dXNlcjpwYXNz", 401, "authorization header is not a bearer token");
    await expectRefusal(`Bearer ${"a".repeat(20_000)}`, 401, "token too large");
  });

  it("garbage that is not a JWT", async () => {
    await expectRefusal("Bearer not.a.jwt", 401, "token is malformed");
  });

  it("forged signature: same kid, someone else's private key", async () => {
    await expectRefusal(`Bearer ${await token({ key: stranger })}`, 401, "signature does not verify");
  });

  it("tampered payload: roles edited after signing", async () => {
    const [h, , s] = (await token({ claims: { oid: "x", roles: ["Rolecall.Reader"] } })).split(".");
    const forgedPayload = base64url.encode(JSON.stringify({ oid: "x", roles: ["Rolecall.Operator"], iss: ISSUER, aud: AUDIENCE, exp: 9e9 }));
    await expectRefusal(`Bearer ${h}.${forgedPayload}.${s}`, 401, "signature does not verify");
  });

  it("wrong issuer", async () => {
    await expectRefusal(`Bearer ${await token({ issuer: "https://evil.example.test/v2.0" })}`, 401, "token issuer not accepted");
  });

  it("wrong audience (a token minted for another API)", async () => {
    await expectRefusal(`Bearer ${await token({ audience: "https://management.core.windows.net/" })}`, 401, "token audience is not this API");
  });

  it("expired beyond the clock tolerance", async () => {
    await expectRefusal(`Bearer ${await token({ expiresIn: -120 })}`, 401, "token expired");
  });

  it("not yet valid beyond the clock tolerance", async () => {
    await expectRefusal(`Bearer ${await token({ notBefore: 300 })}`, 401, "token not yet valid");
  });

  it("no exp claim at all", async () => {
    const t = await new SignJWT({ ...operatorClaims }).setProtectedHeader({ alg: "RS256", kid: keyA.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(keyA.privateKey);
    await expectRefusal(`Bearer ${t}`, 401, "token has no expiry");
  });

  it('alg "none" (unsigned token)', async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
    const payload = base64url.encode(JSON.stringify({ ...operatorClaims, iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 }));
    await expectRefusal(`Bearer ${header}.${payload}.`, 401, "algorithm not allowed");
  });

  it("HS256 signed with the published public key as the HMAC secret (key confusion)", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keyA.publicJwk));
    const t = await new SignJWT({ ...operatorClaims })
      .setProtectedHeader({ alg: "HS256", kid: keyA.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("10m")
      .sign(secret);
    await expectRefusal(`Bearer ${t}`, 401, "algorithm not allowed");
  });

  it("unknown kid", async () => {
    const unknown = await createSigningKey("key-unknown");
    await expectRefusal(`Bearer ${await token({ key: unknown })}`, 401, "unknown signing key");
  });

  it("missing role → 403, not 401", async () => {
    await expectRefusal(`Bearer ${await token({ claims: { oid: "oid-eve", name: "Eve", roles: ["Some.Other.App"] } })}`, 403, "no reader or operator role");
    await expectRefusal(`Bearer ${await token({ claims: { oid: "oid-eve", name: "Eve" } })}`, 403, "no reader or operator role");
  });

  it("a token naming no user", async () => {
    await expectRefusal(`Bearer ${await token({ claims: { roles: ["Rolecall.Reader"] } })}`, 401, "token names no user (no oid or sub claim)");
  });

  it("an ID token (no API scope) when a scope is required", async () => {
    await expectRefusal(`Bearer ${await token()}`, 401, "token is not an access token for this API (scope missing)", { requiredScope: "api://rolecall/access" });
  });

  it("keys unreachable → 503 (the caller's token is not to blame)", async () => {
    const result = await verifier({ jwksUri: "http://127.0.0.1:1/keys" }).verify(`Bearer ${await token()}`);
    expect(result).toMatchObject({ ok: false, status: 503 });
  });
});

describe("createJwtVerifier: key rotation", () => {
  it("caches the key set, and refetches when a new kid appears", async () => {
    const fixture = await startJwksFixture([keyA]);
    try {
      const v = verifier({ jwksUri: fixture.url, jwksCooldownMs: 0 });
      expect((await v.verify(`Bearer ${await token()}`)).ok).toBe(true);
      expect((await v.verify(`Bearer ${await token()}`)).ok).toBe(true);
      expect(fixture.fetchCount()).toBe(1);

      // The authority rotates: B is published beside A and starts signing.
      fixture.publish([keyA, keyB]);
      expect((await v.verify(`Bearer ${await token({ key: keyB })}`)).ok).toBe(true);
      expect(fixture.fetchCount()).toBe(2);

      // A retired key stops working once the set without it is fetched.
      fixture.publish([keyB]);
      await expectRefusalWith(v, `Bearer ${await token({ key: await createSigningKey("key-c") })}`, "unknown signing key");
      expect((await v.verify(`Bearer ${await token()}`)).ok).toBe(false);
    } finally {
      await fixture.close();
    }
  });

  it("does not hammer the authority: unknown kids within the cooldown do not refetch", async () => {
    const fixture = await startJwksFixture([keyA]);
    try {
      const v = verifier({ jwksUri: fixture.url, jwksCooldownMs: 60_000 });
      await v.verify(`Bearer ${await token()}`);
      const unknown = await createSigningKey("key-zzz");
      for (let i = 0; i < 5; i += 1) await v.verify(`Bearer ${await token({ key: unknown })}`);
      expect(fixture.fetchCount()).toBe(1);
    } finally {
      await fixture.close();
    }
  });
});

async function expectRefusalWith(v: ReturnType<typeof verifier>, header: string, reason: string) {
  expect(await v.verify(header)).toEqual({ ok: false, status: 401, reason });
}
