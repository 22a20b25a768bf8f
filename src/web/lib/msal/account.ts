import type { AccountInfo } from "@azure/msal-browser";

/** What the header shows about the signed-in user, from the ID token MSAL keeps. */
export interface SignedInAccount {
  name: string;
  username: string;
  /** Object id (Entra ID `oid`), else the subject. */
  id: string;
  /**
   * App role values from the ID token (e.g. "Rolecall.Operator"), for display only: the proxy's
   * /api/me is the authority on what the user may do, since it knows the configured role names.
   */
  appRoles: string[];
}

export function toSignedInAccount(account: AccountInfo): SignedInAccount {
  const claims = account.idTokenClaims ?? {};
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
  const oid = typeof claims.oid === "string" ? claims.oid : undefined;
  return {
    name: account.name ?? account.username,
    username: account.username,
    id: oid ?? account.localAccountId,
    appRoles: roles,
  };
}
