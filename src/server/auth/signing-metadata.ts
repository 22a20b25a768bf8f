import { z } from "zod";
import { ConfigError } from "../config-error.ts";
import { createJwtVerifier, type JwtVerifier } from "./jwt-verifier.ts";
import type { MsalAuthSettings } from "./msal-config.ts";
import { fetchFor, type FetchLike } from "./trusting-fetch.ts";

const discoverySchema = z.object({ issuer: z.string().min(1), jwks_uri: z.string().min(1) });

export interface SigningMetadata {
  issuers: string[];
  jwksUri: string;
}

/**
 * Issuers and key URL for the verifier: the explicit settings when given, else the authority's
 * OpenID discovery document (fetched once, at start, so a wrong authority fails loudly then).
 */
export async function resolveSigningMetadata(s: MsalAuthSettings, fetchImpl: FetchLike = fetchFor(s.caPem)): Promise<SigningMetadata> {
  if (s.issuers && s.jwksUrl) return { issuers: s.issuers, jwksUri: s.jwksUrl };

  const discoveryUrl = `${s.authority}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const res = await fetchImpl(discoveryUrl, { method: "GET", headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (error) {
    throw new ConfigError(
      `Cannot read the discovery document of ROLECALL_AUTH_AUTHORITY (${discoveryUrl}): ${(error as Error).message}. ` +
        "Check the authority, or set ROLECALL_AUTH_ISSUERS and ROLECALL_AUTH_JWKS_URL.",
    );
  }
  const doc = discoverySchema.safeParse(body);
  if (!doc.success) throw new ConfigError(`The discovery document of ROLECALL_AUTH_AUTHORITY (${discoveryUrl}) has no issuer or jwks_uri.`);

  // Multi-tenant authorities (common, organizations) publish a templated issuer: accepting it
  // would mean accepting every tenant, so the operator must name the tenant issuer(s) explicitly.
  if (!s.issuers && doc.data.issuer.includes("{tenantid}")) {
    throw new ConfigError(
      "ROLECALL_AUTH_ISSUERS is required: the authority is multi-tenant (its issuer is a template). Name your tenant's issuer, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.",
    );
  }
  return { issuers: s.issuers ?? [doc.data.issuer], jwksUri: s.jwksUrl ?? doc.data.jwks_uri };
}

/** The verifier for msal mode, built from settings (discovery included). */
export async function createVerifierFromSettings(s: MsalAuthSettings): Promise<JwtVerifier> {
  const { issuers, jwksUri } = await resolveSigningMetadata(s);
  return createJwtVerifier({
    issuers,
    audience: s.audience,
    jwksUri,
    readerRole: s.readerRole,
    operatorRole: s.operatorRole,
    requiredScope: s.apiScope,
    caPem: s.caPem || undefined,
  });
}
