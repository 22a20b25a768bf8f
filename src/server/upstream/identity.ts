import { createHash } from "node:crypto";

/**
 * Who the proxy is when it calls the upstream. `bearer` forwards the caller's management token
 * (passthrough mode); `certificate` presents Rolecall's management certificate over TLS; `anonymous`
 * is passthrough with no token (an emulator that does not require auth).
 */
export type UpstreamIdentity = { kind: "bearer"; token: string } | { kind: "certificate" } | { kind: "anonymous" };

/**
 * The cache partition of an identity. Data fetched with one token is never served to a caller with
 * another token, so the token (hashed: keys may be logged) is part of every cache key.
 */
export function identityKey(identity: UpstreamIdentity): string {
  switch (identity.kind) {
    case "bearer":
      return `bearer:${createHash("sha256").update(identity.token).digest("base64url").slice(0, 22)}`;
    case "certificate":
      return "cert";
    case "anonymous":
      return "anon";
  }
}

/** Identity for a request: certificate mode ignores the caller's token, passthrough forwards it. */
export function identityFor(mode: "passthrough" | "certificate", token: string | undefined): UpstreamIdentity {
  if (mode === "certificate") return { kind: "certificate" };
  return token ? { kind: "bearer", token } : { kind: "anonymous" };
}

/** `Authorization: Bearer X` → X (anything else → undefined). */
export function bearerFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
