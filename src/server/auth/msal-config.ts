import { readFileSync } from "node:fs";
import { z } from "zod";
import type { AppConfig } from "../../shared/api.ts";
import { ConfigError } from "../config-error.ts";

/** The management API scope a passthrough SPA asks for (note the double slash: resource + "/" + scope). */
export const MANAGEMENT_SCOPE = "https://management.core.windows.net//user_impersonation";
export const ARM_SCOPE = "https://management.azure.com//user_impersonation";

/** Sign-in settings for ROLECALL_AUTH=msal, one line each for --help. */
export const msalSettingsHelp: { name: string; help: string }[] = [
  { name: "ROLECALL_AUTH_CLIENT_ID", help: "application (client) id of the Rolecall SPA registration (msal mode)" },
  { name: "ROLECALL_AUTH_AUTHORITY", help: "https authority, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (msal mode)" },
  { name: "ROLECALL_AUTH_API_SCOPE", help: "the proxy's API scope the SPA requests, e.g. api://<api-id>/access (msal mode)" },
  { name: "ROLECALL_AUTH_AUDIENCE", help: "comma-separated accepted token audiences, e.g. api://<api-id>,<api-client-id> (msal mode)" },
  { name: "ROLECALL_AUTH_ISSUERS", help: "comma-separated accepted token issuers (default: the issuer of the authority's discovery document)" },
  { name: "ROLECALL_AUTH_JWKS_URL", help: "signing keys URL (default: jwks_uri of the authority's discovery document)" },
  { name: "ROLECALL_AUTH_READER_ROLE", help: "app role value that grants read access (default Rolecall.Reader)" },
  { name: "ROLECALL_AUTH_OPERATOR_ROLE", help: "app role value that grants actions; implies reader (default Rolecall.Operator)" },
  { name: "ROLECALL_AUTH_PROTOCOL", help: "AAD (Microsoft Entra ID, default) | OIDC (any other OpenID Connect provider)" },
  { name: "ROLECALL_AUTH_CA_PATH", help: "PEM CA to trust for the authority's HTTPS (private or test provider)" },
  { name: "ROLECALL_AUTH_RENEWAL_OFFSET_SEC", help: "the browser renews a token this many seconds before it expires (default 300, MSAL's)" },
];

// MSAL refuses non-HTTPS authorities, and keys fetched over plain HTTP could be swapped in transit.
const httpsUrl = z.string().refine((v) => URL.parse(v)?.protocol === "https:", "must be an https:// URL");

const list = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1, "must list at least one value"));

const schema = z.object({
  ROLECALL_AUTH_CLIENT_ID: z.string().trim().min(1),
  ROLECALL_AUTH_AUTHORITY: httpsUrl,
  ROLECALL_AUTH_API_SCOPE: z.string().trim().min(1).regex(/^\S+$/, "must be one scope, without spaces"),
  ROLECALL_AUTH_AUDIENCE: list,
  ROLECALL_AUTH_ISSUERS: list.pipe(z.array(httpsUrl)).optional(),
  ROLECALL_AUTH_JWKS_URL: httpsUrl.optional(),
  ROLECALL_AUTH_READER_ROLE: z.string().trim().min(1).default("Rolecall.Reader"),
  ROLECALL_AUTH_OPERATOR_ROLE: z.string().trim().min(1).default("Rolecall.Operator"),
  ROLECALL_AUTH_PROTOCOL: z.enum(["AAD", "OIDC"]).default("AAD"),
  ROLECALL_AUTH_CA_PATH: z.string().min(1).optional(),
  ROLECALL_AUTH_RENEWAL_OFFSET_SEC: z
    .string()
    .regex(/^\d+$/, "must be a whole number of seconds")
    .transform(Number)
    .pipe(z.number().int().min(0).max(3600))
    .optional(),
  ROLECALL_UPSTREAM_IDENTITY: z.enum(["passthrough", "certificate"]).default("passthrough"),
});

export interface MsalAuthSettings {
  clientId: string;
  /** Without a trailing slash. */
  authority: string;
  apiScope: string;
  audience: string[];
  /** Explicit issuers; when absent they come from the discovery document. */
  issuers?: string[];
  jwksUrl?: string;
  readerRole: string;
  operatorRole: string;
  protocol: "AAD" | "OIDC";
  caPem?: string;
  /** MSAL's tokenRenewalOffsetSeconds in the browser; unset = MSAL's default (300). */
  renewalOffsetSec?: number;
  upstreamIdentity: "passthrough" | "certificate";
}

/** Reads the msal-mode variables; throws ConfigError naming each wrong or missing variable. */
export function loadMsalAuthSettings(env: Record<string, string | undefined>): MsalAuthSettings {
  const present = Object.fromEntries(
    [...msalSettingsHelp.map((s) => s.name), "ROLECALL_UPSTREAM_IDENTITY"].map((n) => [n, env[n] === "" ? undefined : env[n]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "configuration");
      return `${name} ${present[name] === undefined ? "is required when ROLECALL_AUTH=msal" : issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}.`);
  }
  const e = parsed.data;
  if (e.ROLECALL_AUTH_READER_ROLE === e.ROLECALL_AUTH_OPERATOR_ROLE) {
    throw new ConfigError("Invalid configuration: ROLECALL_AUTH_READER_ROLE and ROLECALL_AUTH_OPERATOR_ROLE must differ.");
  }
  let caPem: string | undefined;
  if (e.ROLECALL_AUTH_CA_PATH) {
    try {
      caPem = readFileSync(e.ROLECALL_AUTH_CA_PATH, "utf8");
    } catch (error) {
      throw new ConfigError(`Invalid configuration: ROLECALL_AUTH_CA_PATH cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
    }
    if (!caPem.includes("-----BEGIN CERTIFICATE-----")) {
      throw new ConfigError("Invalid configuration: ROLECALL_AUTH_CA_PATH is not a PEM certificate.");
    }
  }
  return {
    clientId: e.ROLECALL_AUTH_CLIENT_ID,
    authority: e.ROLECALL_AUTH_AUTHORITY.replace(/\/+$/, ""),
    apiScope: e.ROLECALL_AUTH_API_SCOPE,
    audience: e.ROLECALL_AUTH_AUDIENCE,
    issuers: e.ROLECALL_AUTH_ISSUERS || undefined,
    jwksUrl: e.ROLECALL_AUTH_JWKS_URL || undefined,
    readerRole: e.ROLECALL_AUTH_READER_ROLE,
    operatorRole: e.ROLECALL_AUTH_OPERATOR_ROLE,
    protocol: e.ROLECALL_AUTH_PROTOCOL,
    caPem: caPem || undefined,
    renewalOffsetSec: e.ROLECALL_AUTH_RENEWAL_OFFSET_SEC,
    upstreamIdentity: e.ROLECALL_UPSTREAM_IDENTITY,
  };
}

/** The `auth` block of GET /api/config: everything MSAL needs in the browser, nothing secret. */
export function publicAuthConfig(s: MsalAuthSettings, armIdentity?: "passthrough" | "service" | "emulator"): Extract<AppConfig["auth"], { mode: "msal" }> {
  return {
    mode: "msal",
    clientId: s.clientId,
    authority: s.authority,
    apiScope: s.apiScope,
    // MSAL trusts Microsoft hosts by itself; any other authority must be listed (host[:port]).
    knownAuthorities: s.protocol === "OIDC" ? [new URL(s.authority).host] : [],
    protocolMode: s.protocol,
    upstreamIdentity: s.upstreamIdentity,
    // Left out entirely in certificate mode: /api/config names no management scope there at all.
    ...(s.upstreamIdentity === "passthrough" ? { managementScope: MANAGEMENT_SCOPE } : {}),
    ...(armIdentity === "passthrough" ? { armScope: ARM_SCOPE } : {}),
    tokenRenewalOffsetSec: s.renewalOffsetSec,
  };
}

/** Origins the browser must be allowed to reach (CSP connect-src): discovery, token and keys endpoints. */
export function authConnectSrc(s: MsalAuthSettings): string[] {
  const origins = new Set([new URL(s.authority).origin]);
  // Entra ID's discovery document points the browser at login.microsoftonline.com even for other
  // authority aliases; allowing it costs nothing when the authority already is that host.
  if (s.protocol === "AAD") origins.add("https://login.microsoftonline.com");
  return [...origins];
}
