import { describe, expect, it } from "vitest";
import { ConfigError, helpText, loadConfig } from "../config.ts";

// ROLECALL_AUTH as the proxy reads it: `none` stays local, `msal` names every missing variable.

const base = { ROLECALL_UPSTREAM_URL: "http://127.0.0.1:7071" };
const msal = {
  ...base,
  ROLECALL_AUTH: "msal",
  ROLECALL_AUTH_CLIENT_ID: "spa",
  ROLECALL_AUTH_AUTHORITY: "https://login.microsoftonline.com/contoso.example/v2.0",
  ROLECALL_AUTH_API_SCOPE: "api://rolecall/access",
  ROLECALL_AUTH_AUDIENCE: "api://rolecall",
};

describe("ROLECALL_AUTH", () => {
  it("none is the default and refuses a non-loopback host", () => {
    expect(loadConfig(base).auth).toEqual({ mode: "none" });
    expect(() => loadConfig({ ...base, ROLECALL_HOST: "0.0.0.0" })).toThrow(/ROLECALL_AUTH=none has no sign-in/);
  });

  it("none refuses an outside origin (a reverse proxy in front of loopback), naming the variable", () => {
    expect(() => loadConfig({ ...base, ROLECALL_ALLOWED_ORIGINS: "https://rolecall.corp" })).toThrow(/ROLECALL_ALLOWED_ORIGINS lists https:\/\/rolecall\.corp, which is not a loopback origin/);
    expect(() => loadConfig({ ...base, ROLECALL_ALLOWED_ORIGINS: "http://localhost:5173,http://10.0.0.5:8080" })).toThrow(/ROLECALL_ALLOWED_ORIGINS lists http:\/\/10\.0\.0\.5:8080/);
    // The Vite dev server and other local origins stay allowed.
    expect(loadConfig({ ...base, ROLECALL_ALLOWED_ORIGINS: "http://localhost:5173,http://127.0.0.1:4000,http://[::1]:5173" }).allowedOrigins).toHaveLength(3);
    expect(loadConfig({ ...msal, ROLECALL_ALLOWED_ORIGINS: "https://rolecall.corp" }).allowedOrigins).toEqual(["https://rolecall.corp"]);
  });

  it("msal may listen on any address and puts the authority in connect-src", () => {
    const config = loadConfig({ ...msal, ROLECALL_HOST: "0.0.0.0", ROLECALL_ALLOWED_ORIGINS: "https://rolecall.example.com" });
    expect(config.auth.mode).toBe("msal");
    expect(config.connectSrc).toEqual(["https://login.microsoftonline.com"]);
  });

  it("a wildcard host without ROLECALL_ALLOWED_ORIGINS fails at start, naming the variable", () => {
    // Otherwise every request would be answered 421 (no origin matches 0.0.0.0).
    for (const host of ["0.0.0.0", "::"]) expect(() => loadConfig({ ...msal, ROLECALL_HOST: host })).toThrow(/Set ROLECALL_ALLOWED_ORIGINS/);
    expect(loadConfig({ ...msal, ROLECALL_HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
  });

  it("msal names each missing variable", () => {
    const { ROLECALL_AUTH_CLIENT_ID: _c, ROLECALL_AUTH_AUDIENCE: _a, ...partial } = msal;
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/ROLECALL_AUTH_CLIENT_ID is required when ROLECALL_AUTH=msal; ROLECALL_AUTH_AUDIENCE is required/);
    expect(() => loadConfig({ ...msal, ROLECALL_AUTH_AUTHORITY: "http://login.example" })).toThrow(/ROLECALL_AUTH_AUTHORITY must be an https:\/\/ URL/);
    expect(() => loadConfig({ ...base, ROLECALL_AUTH: "entra" })).toThrow(/ROLECALL_AUTH/);
  });

  it("--help lists the sign-in variables", () => {
    for (const name of ["ROLECALL_AUTH ", "ROLECALL_AUTH_CLIENT_ID", "ROLECALL_AUTH_AUDIENCE", "ROLECALL_AUTH_RENEWAL_OFFSET_SEC"]) expect(helpText()).toContain(name);
  });
});
