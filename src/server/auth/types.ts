import type { FastifyRequest } from "fastify";

export type Role = "reader" | "operator";

/** Who is calling. The sign-in mode fills this from a verified token; `none` has a fixed actor. */
export interface Actor {
  name: string;
  id: string;
  roles: Role[];
  /** Management-API token to forward upstream in passthrough identity mode (never logged or stored). */
  upstreamToken?: string;
  /** The user's Azure Resource Manager token, likewise (extended cloud services). */
  armToken?: string;
}

/**
 * The seam for sign-in (issue 5): `authenticate` resolves the caller or throws a ProxyError (401 with
 * a plain reason). Routes never look at credentials themselves.
 */
export interface Authenticator {
  mode: string;
  authenticate(request: FastifyRequest): Promise<Actor>;
  /** Extra CSP connect-src origins the browser needs (e.g. the OIDC authority). */
  connectSrc?: string[];
}
