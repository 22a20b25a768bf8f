import { createHash } from "node:crypto";

/**
 * Who the proxy is when it calls the upstream. `bearer` forwards the caller's management token
 * (passthrough mode); `certificate` presents Rolecall's management certificate over TLS; `anonymous`
 * is passthrough with no token (an emulator that does not require auth).
 */
export type UpstreamIdentity = (
  /** `user`: the verified user the token belongs to (sign-in mode), which partitions the cache. */
  | { kind: "bearer"; token: string; user?: string }
  | { kind: "certificate"; user?: string }
  | { kind: "anonymous"; user?: string }
) & {
  /** The caller's Azure Resource Manager token (passthrough to ARM), whatever the classic identity is. */
  armToken?: string;
};

const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22);

/**
 * The cache partition of an identity. Data fetched for one user is never served to another, so the
 * user (or, when the proxy cannot tell who sent a token, the token itself) is part of every cache
 * key, hashed because keys may be logged. Keying by the verified user rather than the token keeps a
 * user's cache across silent token renewals. The certificate is one identity shared by every caller:
 * its cache is per subscription (the rest of the key), whoever asks.
 */
export function identityKey(identity: UpstreamIdentity): string {
  switch (identity.kind) {
    case "bearer":
      return identity.user ? `user:${digest(identity.user)}` : `bearer:${digest(identity.token)}`;
    case "certificate":
      return "cert";
    case "anonymous":
      return "anon";
  }
}

/**
 * Identity for a request: certificate mode ignores the caller's token, passthrough forwards it.
 * `verifiedUser` only when sign-in has proved the token is that user's (never in `none` mode, where
 * every caller is "local" whatever token they send).
 */
export function identityFor(mode: "passthrough" | "certificate", token: string | undefined, verifiedUser?: string, armToken?: string): UpstreamIdentity {
  const extra = { user: verifiedUser, armToken };
  if (mode === "certificate") return { kind: "certificate", ...extra };
  return token ? { kind: "bearer", token, ...extra } : { kind: "anonymous", ...extra };
}

/**
 * The cache partition for reads from Azure Resource Manager: per user (or token) when the caller's
 * ARM token is passed through, one shared partition when Rolecall calls ARM as itself.
 */
export function armIdentityKey(mode: "passthrough" | "service" | "emulator", identity: UpstreamIdentity): string {
  if (mode !== "passthrough") return "arm-service";
  if (identity.user) return `user:${digest(identity.user)}`;
  return identity.armToken ? `arm:${digest(identity.armToken)}` : "anon";
}

/** `Authorization: Bearer X` → X (anything else → undefined). */
export function bearerFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
