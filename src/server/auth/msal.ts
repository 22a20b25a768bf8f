import type { FastifyRequest } from "fastify";
import { decodeJwt } from "jose";
import { ARM_TOKEN_HEADER, MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { ProxyError } from "../errors.ts";
import type { JwtVerifier } from "./jwt-verifier.ts";
import type { Actor, Authenticator } from "./types.ts";

const codes = { 401: "Unauthenticated", 403: "Forbidden", 503: "AuthUnavailable" } as const;
// RFC 6750 tells clients what went wrong without a body; no description, so nothing is echoed.
const challenges = { 401: 'Bearer error="invalid_token"', 403: 'Bearer error="insufficient_scope"', 503: "Bearer" } as const;

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refusal(status: 401 | 403 | 503, reason: string): ProxyError {
  const message = status === 503 ? `Sign-in cannot be checked right now: ${reason}.` : `Sign-in refused: ${reason}.`;
  return new ProxyError(codes[status], message, {}, { "www-authenticate": challenges[status] });
}

/**
 * The refusal when a route must call the upstream as the user (passthrough) and no management token
 * came: only such routes ask (see routes/context.ts identityOf), so /api/me and the audit work
 * without one.
 */
export function noManagementToken(): ProxyError {
  return refusal(401, "no management token (passthrough mode needs one)");
}

/** Likewise for Azure Resource Manager (ROLECALL_ARM_IDENTITY=passthrough). */
export function noArmToken(): ProxyError {
  return refusal(401, "no ARM token (passthrough to Azure Resource Manager needs one)");
}

/**
 * A forwarded token (management or ARM), when sent, must belong to the verified user, so that the
 * audit's actor is the identity Azure acted for. Its signature is Azure's to check; here only its
 * `oid`/`sub` is compared. A missing one is not refused here (see noManagementToken).
 */
function forwardedTokenOf(request: FastifyRequest, actor: Actor, header: string, what: string): string | undefined {
  const token = headerValue(request.headers[header]);
  if (!token) return undefined;
  let subject: unknown;
  try {
    const claims = decodeJwt(token);
    subject = claims.oid ?? claims.sub;
  } catch {
    throw refusal(401, `${what} is malformed`);
  }
  if (subject !== actor.id) throw refusal(401, `${what} belongs to another user`);
  return token;
}

/** ROLECALL_AUTH=msal: every request carries a bearer token, verified against the authority's keys. */
export function msalAuthenticator(options: {
  verifier: JwtVerifier;
  upstreamIdentity: "passthrough" | "certificate";
  /** Absent when ARM is off. */
  armIdentity?: "passthrough" | "service" | "emulator";
  connectSrc: string[];
}): Authenticator {
  return {
    mode: "msal",
    connectSrc: options.connectSrc,
    async authenticate(request) {
      const result = await options.verifier.verify(headerValue(request.headers.authorization));
      if (!result.ok) throw refusal(result.status, result.reason);
      const actor: Actor = { ...result.actor };
      if (options.upstreamIdentity === "passthrough") actor.upstreamToken = forwardedTokenOf(request, actor, MANAGEMENT_TOKEN_HEADER, "management token");
      if (options.armIdentity === "passthrough") actor.armToken = forwardedTokenOf(request, actor, ARM_TOKEN_HEADER, "ARM token");
      return actor;
    },
  };
}
