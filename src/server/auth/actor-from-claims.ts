import type { JWTPayload } from "jose";

export type RolecallRole = "reader" | "operator";

export interface VerifiedActor {
  name: string;
  id: string;
  roles: RolecallRole[];
}

export interface RoleNames {
  /** App role value (the token's `roles` claim) that grants reading, e.g. "Rolecall.Reader". */
  readerRole: string;
  /** App role value that grants acting, e.g. "Rolecall.Operator". Implies reader. */
  operatorRole: string;
}

export type ActorResult =
  | { ok: true; actor: VerifiedActor }
  | { ok: false; status: 401 | 403; reason: string };

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * Turns the claims of an already verified access token into a Rolecall actor. Kept apart from
 * signature checking so the mapping rules (operator implies reader, `oid` before `sub`) are plain to
 * read and test.
 */
export function actorFromClaims(payload: JWTPayload, names: RoleNames): ActorResult {
  // Entra ID's `oid` is stable across apps of a tenant; `sub` is pairwise per app, so it is only a fallback.
  const id = stringClaim(payload, "oid") ?? stringClaim(payload, "sub");
  if (!id) return { ok: false, status: 401, reason: "token names no user (no oid or sub claim)" };

  const name = stringClaim(payload, "name") ?? stringClaim(payload, "preferred_username") ?? id;

  const granted = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
  const roles: RolecallRole[] = [];
  if (granted.includes(names.operatorRole)) roles.push("reader", "operator");
  else if (granted.includes(names.readerRole)) roles.push("reader");
  if (roles.length === 0) return { ok: false, status: 403, reason: "no reader or operator role" };

  return { ok: true, actor: { name, id, roles } };
}
