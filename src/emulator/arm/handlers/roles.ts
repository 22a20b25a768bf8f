import { armErrors } from "../errors.ts";
import { roleJson, updateDomainJson } from "../json/resources.ts";
import { ok, type ArmHandler } from "./context.ts";
import { findCloudService, findRole } from "./lookup.ts";
import { page } from "./paging.ts";

/** Cloud Service Roles - List. */
export const listRoles: ArmHandler = (ctx) => {
  const { sub, cs } = findCloudService(ctx);
  return ok(page(ctx, cs.roles, (r) => roleJson(sub.id, cs, r)));
};

/** Cloud Service Roles - Get. */
export const getRole: ArmHandler = (ctx) => {
  const { sub, cs, role } = findRole(ctx);
  return ok(roleJson(sub.id, cs, role));
};

/** Cloud Services Update Domain - List Update Domains: `0 … updateDomainCount-1`. */
export const listUpdateDomains: ArmHandler = (ctx) => {
  const { sub, cs } = findCloudService(ctx);
  const domains = Array.from({ length: cs.updateDomainCount }, (_, n) => n);
  return ok(page(ctx, domains, (n) => updateDomainJson(sub.id, cs, n)));
};

/** Cloud Services Update Domain - Get Update Domain. */
export const getUpdateDomain: ArmHandler = (ctx) => {
  const { sub, cs } = findCloudService(ctx);
  const raw = ctx.params.updateDomain ?? "";
  const n = /^\d+$/.test(raw) ? Number(raw) : -1;
  if (n < 0 || n >= cs.updateDomainCount) throw armErrors.noChild(cs.resourceGroup, cs.name, "updateDomains", raw);
  return ok(updateDomainJson(sub.id, cs, n));
};
