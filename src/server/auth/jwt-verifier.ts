import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from "jose";
import { actorFromClaims, type RoleNames, type VerifiedActor } from "./actor-from-claims.ts";
import { fetchFor } from "./trusting-fetch.ts";

export interface JwtVerifierOptions extends RoleNames {
  /** Accepted `iss` values, exactly (e.g. "https://login.microsoftonline.com/<tenant>/v2.0"). */
  issuers: string[];
  /** Accepted `aud` values: this API's application id URI and/or client id. */
  audience: string | string[];
  /** Where the authority publishes its signing keys. */
  jwksUri: string;
  /** Signature algorithms allowed; anything else (none, HS*) is refused before keys are looked at. */
  algorithms?: string[];
  /** Allowed clock skew between us and the authority, in seconds. */
  clockToleranceSec?: number;
  /**
   * The API scope a token must carry (`scp` in Entra ID tokens, `scope` in RFC 9068 tokens), either
   * in full ("api://x/access") or as its last segment ("access"). Guards against an ID token being
   * presented as an access token when the SPA and API share one app registration (same `aud`).
   */
  requiredScope?: string;
  /** PEM of a private CA that signs the authority's HTTPS certificate (test or on-premises providers). */
  caPem?: string;
  /** How long fetched keys are trusted before a refresh; jose's default is 10 minutes. */
  jwksCacheMaxAgeMs?: number;
  /** Minimum time between refetches triggered by an unknown `kid` (rotation); jose's default is 30 s. */
  jwksCooldownMs?: number;
}

export type VerifyResult =
  | { ok: true; actor: VerifiedActor }
  // 503 only when the authority's keys cannot be fetched: not the caller's fault, so not a 401.
  | { ok: false; status: 401 | 403 | 503; reason: string };

export interface JwtVerifier {
  verify(authorizationHeader: string | undefined): Promise<VerifyResult>;
}

// Real access tokens are 1–4 KB; a huge header is refused before any parsing work.
const MAX_TOKEN_LENGTH = 16 * 1024;
const BEARER = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i;

function refuse(reason: string): VerifyResult {
  return { ok: false, status: 401, reason };
}

const keysUnavailable: VerifyResult = { ok: false, status: 503, reason: "signing keys of the authority are unavailable" };

/** Maps a jose failure to one plain reason. The token itself never appears in a reason. */
function reasonFor(error: unknown): VerifyResult {
  // jwtVerify itself only throws JOSE errors; anything else comes from fetching the key set
  // (connection refused, TLS failure, DNS), which is the authority's or our configuration's fault.
  if (!(error instanceof errors.JOSEError)) return keysUnavailable;
  if (error instanceof errors.JWTExpired) return refuse("token expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return refuse("token issuer not accepted");
      case "aud":
        return refuse("token audience is not this API");
      case "nbf":
        return refuse("token not yet valid");
      case "exp":
        return refuse("token has no expiry");
      default:
        return refuse(`token claim "${error.claim}" is invalid`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse("algorithm not allowed");
  if (error instanceof errors.JWSSignatureVerificationFailed) return refuse("signature does not verify");
  if (error instanceof errors.JWKSNoMatchingKey) return refuse("unknown signing key");
  if (error instanceof errors.JWKSMultipleMatchingKeys) return refuse("ambiguous signing key");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return keysUnavailable;
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return refuse("token is malformed");
  if (error instanceof errors.JOSENotSupported) return refuse("algorithm not allowed");
  // A failed key fetch surfaces as a generic JOSEError ("Expected 200 OK ...").
  return keysUnavailable;
}

function carriesScope(payload: JWTPayload, required: string): boolean {
  const shortName = required.slice(required.lastIndexOf("/") + 1);
  const granted = [payload.scp, payload.scope]
    .filter((v): v is string => typeof v === "string")
    .flatMap((v) => v.split(" "));
  return granted.includes(required) || granted.includes(shortName);
}

/**
 * Verifies bearer access tokens issued by one authority. Keys come from its JWKS endpoint, cached,
 * and refetched (rate-limited by the cooldown) when a token names a `kid` we have not seen: that is
 * how key rotation at the authority is followed without a restart.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const algorithms = options.algorithms ?? ["RS256"];
  const clockTolerance = options.clockToleranceSec ?? 60;
  const keys = createRemoteJWKSet(new URL(options.jwksUri), {
    [customFetch]: fetchFor(options.caPem),
    ...(options.jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.jwksCacheMaxAgeMs }),
    ...(options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs }),
  });

  return {
    async verify(authorizationHeader) {
      if (!authorizationHeader) return refuse("no bearer token");
      if (authorizationHeader.length > MAX_TOKEN_LENGTH) return refuse("token too large");
      const token = BEARER.exec(authorizationHeader)?.[1];
      if (!token) return refuse("authorization header is not a bearer token");

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuers,
          audience: options.audience,
          algorithms,
          clockTolerance,
          // Without this a token lacking `exp` would never expire.
          requiredClaims: ["exp"],
        }));
      } catch (error) {
        return reasonFor(error);
      }

      if (options.requiredScope && !carriesScope(payload, options.requiredScope)) {
        return refuse("token is not an access token for this API (scope missing)");
      }
      return actorFromClaims(payload, options);
    },
  };
}
