import { Writable } from "node:stream";
import { request as httpRequest } from "node:http";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Authenticator } from "../auth/types.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { loggerOptions } from "../logger.ts";
import { actionPath, DEP, errorOf, startStack, type Stack } from "./harness.ts";

/** Sign-in on (MSAL), enough of it for the proxy's config to load. */
const msal = {
  ROLECALL_AUTH: "msal",
  ROLECALL_AUTH_CLIENT_ID: "spa",
  ROLECALL_AUTH_AUTHORITY: "https://login.microsoftonline.com/contoso.example/v2.0",
  ROLECALL_AUTH_API_SCOPE: "api://rolecall/access",
  ROLECALL_AUTH_AUDIENCE: "api://rolecall",
};

describe("security defaults", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it("sends strict security headers on pages and API replies", async () => {
    for (const path of ["/", "/api/health", DEP]) {
      const res = await s.get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("upgrade-insecure-requests");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      // Plain HTTP on loopback: HSTS would mean nothing here, and pin localhost to https if it did.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("refuses a POST from a foreign Origin (403), without forwarding", async () => {
    await s.clearUpstreamRequests();
    const res = await s.post(actionPath("WebFrontend_IN_0"), {}, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("CrossSiteRequest");
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("refuses a text/plain POST (a simple cross-site form post) with 415", async () => {
    const res = await s.post(actionPath("WebFrontend_IN_0"), "{}", { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("refuses a POST with neither Origin nor Sec-Fetch-Site: same-origin", async () => {
    const res = await fetch(s.url + actionPath("WebFrontend_IN_0"), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(403);
    const sameOrigin = await fetch(s.url + actionPath("WebFrontend_IN_0"), {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    expect(sameOrigin.status).toBe(202);
  });

  it("refuses requests for another Host name (DNS rebinding) with 421", async () => {
    const url = new URL(s.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: "/api/me", headers: { host: `rebind.evil.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it("answers a body that is not JSON with our envelope, not Fastify's internal code", async () => {
    const res = await s.post(actionPath("WebFrontend_IN_1"), "{not json");
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code: "InvalidJson", message: "The request body is not valid JSON. Send {} (or no body)." });
    expect(JSON.stringify(res.body)).not.toContain("FST_");
  });

  it("refuses bodies over 16 KB", async () => {
    const res = await s.post(actionPath("WebFrontend_IN_1"), JSON.stringify({ pad: "x".repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe("PayloadTooLarge");
  });

  it("never logs credentials", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions("info") as pino.LoggerOptions;
    const log = pino(options, sink);
    log.info({ req: { headers: { authorization: "Bearer SECRET1", cookie: "s=SECRET2", "x-rolecall-management-token": "SECRET3", "x-rolecall-arm-token": "SECRET5" } } }, "incoming");
    log.info({ identity: { kind: "bearer", token: "SECRET4", armToken: "SECRET6" } }, "upstream");
    expect(lines.join("")).not.toMatch(/SECRET/);
  });
});

describe("Strict-Transport-Security", () => {
  const signedIn: Authenticator = { mode: "test", authenticate: () => Promise.resolve({ name: "Ada", id: "ada", roles: ["reader", "operator"] }) };
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("max-age=31536000 on pages and API replies when every allowed origin is https, none when one is not", async () => {
    for (const [origins, expected] of [
      ["https://rolecall.example.com", "max-age=31536000"],
      ["https://rolecall.example.com,https://rolecall-dr.example.com", "max-age=31536000"],
      // One origin browsers reach over plain HTTP: a year of HTTPS-only would lock them out of it.
      ["https://rolecall.example.com,http://10.0.0.5:8080", null],
    ] as const) {
      s = await startStack({ authenticator: signedIn, env: { ...msal, ROLECALL_ALLOWED_ORIGINS: origins } });
      for (const path of ["/", "/api/health", DEP]) {
        expect((await s.get(path)).headers.get("strict-transport-security"), `${origins} ${path}`).toBe(expected);
      }
      await s.close();
      s = undefined;
    }
  });
});

describe("configuration", () => {
  const base = { ROLECALL_UPSTREAM_URL: "http://127.0.0.1:1" };

  it("refuses auth=none on a non-loopback address", () => {
    expect(() => loadConfig({ ...base, ROLECALL_HOST: "0.0.0.0" })).toThrow(/ROLECALL_HOST=0.0.0.0 is not a loopback address/);
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ ...base, ROLECALL_PORT: "eighty" })).toThrow(/ROLECALL_PORT must be a whole number/);
    expect(() => loadConfig({})).toThrow(/ROLECALL_UPSTREAM_URL is required/);
    expect(() => loadConfig({ ...base, ROLECALL_SUBSCRIPTIONS: "abc" })).toThrow(/ROLECALL_SUBSCRIPTIONS/);
    expect(() => loadConfig({ ...base, ROLECALL_UPSTREAM_IDENTITY: "certificate" })).toThrow(ConfigError);
  });

  it("ARM: https only, either upstream may be off but not both, the emulator's placeholder token only on loopback", () => {
    const arm = { ...base, ROLECALL_ARM_URL: "https://127.0.0.1:9443" };
    expect(loadConfig(base).arm).toBeUndefined();
    expect(loadConfig(arm).arm).toEqual({ url: "https://127.0.0.1:9443", identity: "passthrough" });
    expect(() => loadConfig({ ...base, ROLECALL_ARM_URL: "http://127.0.0.1:9443" })).toThrow(/ROLECALL_ARM_URL must be https:\/\//);
    expect(() => loadConfig({ ROLECALL_UPSTREAM_URL: "none", ROLECALL_ARM_URL: "none" })).toThrow(/both none/);
    expect(() => loadConfig({ ROLECALL_UPSTREAM_URL: "none", ROLECALL_ARM_URL: "https://127.0.0.1:9443" })).toThrow(/ROLECALL_SUBSCRIPTIONS is required/);
    expect(loadConfig({ ROLECALL_UPSTREAM_URL: "none", ROLECALL_ARM_URL: "https://127.0.0.1:9443", ROLECALL_SUBSCRIPTIONS: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f" }).upstream.enabled).toBe(false);
    expect(() => loadConfig({ ...base, ROLECALL_ARM_URL: "https://management.azure.com", ROLECALL_ARM_IDENTITY: "emulator" })).toThrow(/only for an emulator on this machine/);
    expect(() => loadConfig({ ...arm, ROLECALL_ARM_IDENTITY: "magic" })).toThrow(/ROLECALL_ARM_IDENTITY/);
    expect(loadConfig({ ROLECALL_UPSTREAM_URL: "none", ROLECALL_ARM_URL: "https://management.azure.com", ROLECALL_SUBSCRIPTIONS: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f" }).upstream.kind).toBe("azure");
  });

  it("the classic upstream: https://, or plain http:// only to this machine, whatever the identity or sign-in", () => {
    const refused = /ROLECALL_UPSTREAM_URL must be https:\/\/ unless on this machine: 127\.0\.0\.1, ::1 or localhost/;
    for (const env of [
      { ROLECALL_UPSTREAM_URL: "http://management.core.windows.net" },
      // Each signed-in person's management token would go to it in clear text.
      { ...msal, ROLECALL_UPSTREAM_URL: "http://10.0.0.5:9000", ROLECALL_UPSTREAM_IDENTITY: "passthrough" },
      { ROLECALL_UPSTREAM_URL: "http://127.0.0.1.example.com:9000" },
      { ROLECALL_UPSTREAM_URL: "http://localhost.example.com" },
    ]) {
      expect(() => loadConfig(env), env.ROLECALL_UPSTREAM_URL).toThrow(ConfigError);
      expect(() => loadConfig(env), env.ROLECALL_UPSTREAM_URL).toThrow(refused);
    }
    // The emulator on this machine keeps working over plain HTTP (npm start, tests), as does https anywhere.
    for (const u of ["http://127.0.0.1:7071", "http://127.9.8.7:7071", "http://localhost:7071", "http://[::1]:7071"]) {
      expect(loadConfig({ ROLECALL_UPSTREAM_URL: u }).upstream.url).toBe(u);
    }
    expect(loadConfig({ ...msal, ROLECALL_UPSTREAM_URL: "https://10.0.0.5:9443" }).upstream.url).toBe("https://10.0.0.5:9443");
    // A value that is no URL at all is named too, rather than crashing the start.
    expect(() => loadConfig({ ROLECALL_UPSTREAM_URL: "management.core.windows.net" })).toThrow(/ROLECALL_UPSTREAM_URL must be an absolute URL\./);
    expect(() => loadConfig({ ...base, ROLECALL_ARM_URL: "management.azure.com" })).toThrow(/ROLECALL_ARM_URL must be an absolute URL\./);
  });

  it("defaults: 127.0.0.1:8080, azure kind for the Azure host, emulator otherwise", () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ host: "127.0.0.1", port: 8080, cacheMs: 1000, readyCacheMs: 5000, upstream: { kind: "emulator", timeoutMs: 10_000 } });
    expect(loadConfig({ ROLECALL_UPSTREAM_URL: "https://management.core.windows.net" }).upstream.kind).toBe("azure");
  });
});
