import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authConnectSrc, loadMsalAuthSettings, MANAGEMENT_SCOPE, publicAuthConfig } from "./msal-config.ts";
import { resolveSigningMetadata } from "./signing-metadata.ts";
import type { FetchLike } from "./trusting-fetch.ts";

const base = {
  ROLECALL_AUTH_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  ROLECALL_AUTH_AUTHORITY: "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/",
  ROLECALL_AUTH_API_SCOPE: "api://rolecall-api/access",
  ROLECALL_AUTH_AUDIENCE: "api://rolecall-api, 99999999-0000-0000-0000-000000000000",
};

const jsonFetch = (body: unknown, status = 200): FetchLike => () => Promise.resolve(new Response(JSON.stringify(body), { status }));

describe("loadMsalAuthSettings", () => {
  it("applies the defaults and normalises lists and the authority", () => {
    expect(loadMsalAuthSettings(base)).toEqual({
      clientId: base.ROLECALL_AUTH_CLIENT_ID,
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
      apiScope: "api://rolecall-api/access",
      audience: ["api://rolecall-api", "99999999-0000-0000-0000-000000000000"],
      readerRole: "Rolecall.Reader",
      operatorRole: "Rolecall.Operator",
      protocol: "AAD",
      upstreamIdentity: "passthrough",
    });
  });

  it("names every missing variable", () => {
    expect(() => loadMsalAuthSettings({})).toThrow(
      /ROLECALL_AUTH_CLIENT_ID is required.*ROLECALL_AUTH_AUTHORITY is required.*ROLECALL_AUTH_API_SCOPE is required.*ROLECALL_AUTH_AUDIENCE is required/,
    );
  });

  it("names the variable that is wrong", () => {
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_AUTHORITY: "http://login.example.test" })).toThrow(/ROLECALL_AUTH_AUTHORITY must be an https:\/\/ URL/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_PROTOCOL: "SAML" })).toThrow(/ROLECALL_AUTH_PROTOCOL/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_ISSUERS: "https://a.test/, not a url" })).toThrow(/ROLECALL_AUTH_ISSUERS/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_API_SCOPE: "a b" })).toThrow(/ROLECALL_AUTH_API_SCOPE must be one scope/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_UPSTREAM_IDENTITY: "magic" })).toThrow(/ROLECALL_UPSTREAM_IDENTITY/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_READER_ROLE: "X", ROLECALL_AUTH_OPERATOR_ROLE: "X" })).toThrow(/must differ/);
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_CA_PATH: "/nonexistent/ca.pem" })).toThrow(/ROLECALL_AUTH_CA_PATH cannot be read \(ENOENT\)/);
  });

  it("reads a CA file and refuses one that is not PEM", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolecall-ca-"));
    writeFileSync(join(dir, "ok.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    writeFileSync(join(dir, "bad.pem"), "hello");
    expect(loadMsalAuthSettings({ ...base, ROLECALL_AUTH_CA_PATH: join(dir, "ok.pem") }).caPem).toContain("BEGIN CERTIFICATE");
    expect(() => loadMsalAuthSettings({ ...base, ROLECALL_AUTH_CA_PATH: join(dir, "bad.pem") })).toThrow(/not a PEM certificate/);
  });
});

describe("publicAuthConfig and authConnectSrc", () => {
  it("Entra ID in passthrough: management scope, no extra known authorities", () => {
    const s = loadMsalAuthSettings(base);
    expect(publicAuthConfig(s)).toEqual({
      mode: "msal",
      clientId: base.ROLECALL_AUTH_CLIENT_ID,
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
      apiScope: "api://rolecall-api/access",
      knownAuthorities: [],
      protocolMode: "AAD",
      upstreamIdentity: "passthrough",
      managementScope: MANAGEMENT_SCOPE,
    });
    expect(authConnectSrc(s)).toEqual(["https://login.microsoftonline.com"]);
  });

  it("a local OIDC provider in certificate mode: listed as known, no management scope", () => {
    const s = loadMsalAuthSettings({ ...base, ROLECALL_AUTH_AUTHORITY: "https://127.0.0.1:8443", ROLECALL_AUTH_PROTOCOL: "OIDC", ROLECALL_UPSTREAM_IDENTITY: "certificate" });
    const pub = publicAuthConfig(s);
    expect(pub).toMatchObject({ knownAuthorities: ["127.0.0.1:8443"], protocolMode: "OIDC", upstreamIdentity: "certificate" });
    expect(pub).not.toHaveProperty("managementScope");
    expect(authConnectSrc(s)).toEqual(["https://127.0.0.1:8443"]);
  });

  it("never exposes the audience, issuers, role names or CA", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolecall-ca-"));
    writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const text = JSON.stringify(publicAuthConfig(loadMsalAuthSettings({ ...base, ROLECALL_AUTH_CA_PATH: join(dir, "ca.pem") })));
    expect(text).not.toMatch(/BEGIN CERTIFICATE|Rolecall\.Operator|99999999/);
  });
});

describe("resolveSigningMetadata", () => {
  it("uses explicit issuers and keys URL without any network call", async () => {
    const s = loadMsalAuthSettings({ ...base, ROLECALL_AUTH_ISSUERS: "https://i.test/", ROLECALL_AUTH_JWKS_URL: "https://i.test/keys" });
    const noNetwork: FetchLike = () => Promise.reject(new Error("must not fetch"));
    expect(await resolveSigningMetadata(s, noNetwork)).toEqual({ issuers: ["https://i.test/"], jwksUri: "https://i.test/keys" });
  });

  it("fills the gaps from the discovery document", async () => {
    const s = loadMsalAuthSettings({ ...base, ROLECALL_AUTH_JWKS_URL: "https://i.test/keys" });
    expect(await resolveSigningMetadata(s, jsonFetch({ issuer: "https://disc.test/v2.0", jwks_uri: "https://disc.test/keys" }))).toEqual({
      issuers: ["https://disc.test/v2.0"],
      jwksUri: "https://i.test/keys",
    });
  });

  it("refuses a multi-tenant authority unless the issuers are named", async () => {
    const doc = { issuer: "https://login.microsoftonline.com/{tenantid}/v2.0", jwks_uri: "https://login.microsoftonline.com/common/discovery/v2.0/keys" };
    await expect(resolveSigningMetadata(loadMsalAuthSettings(base), jsonFetch(doc))).rejects.toThrow(/ROLECALL_AUTH_ISSUERS is required/);
    const named = loadMsalAuthSettings({ ...base, ROLECALL_AUTH_ISSUERS: "https://login.microsoftonline.com/t1/v2.0" });
    expect((await resolveSigningMetadata(named, jsonFetch(doc))).issuers).toEqual(["https://login.microsoftonline.com/t1/v2.0"]);
  });

  it("explains an unreachable or odd discovery document", async () => {
    await expect(resolveSigningMetadata(loadMsalAuthSettings(base), jsonFetch({}, 404))).rejects.toThrow(/ROLECALL_AUTH_AUTHORITY.*HTTP 404/);
    await expect(resolveSigningMetadata(loadMsalAuthSettings(base), jsonFetch({ hello: 1 }))).rejects.toThrow(/no issuer or jwks_uri/);
  });
});
