import * as z from "zod/mini";

// Patterns from DESIGN.md §3: names in /api paths are checked against these before anything else.
// The schemas are the proxy's alone: `@__PURE__` keeps them out of the SPA's bundle (see api.ts).
export const subscriptionIdPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const serviceNamePattern = /^[a-z0-9][a-z0-9-]{1,62}$/i;
/**
 * Letters, digits, '_', '.' and '-', but never dots alone: "." and ".." are path segments that a URL
 * resolves away (`roleInstances/../restart` is the whole service's restart, every instance), and
 * no Azure role instance is named only with dots.
 */
export const instanceNamePattern = /^(?!\.+$)[A-Za-z0-9_.-]{1,128}$/;
export const operationIdPattern = /^[0-9a-f]{32}$/;
/** Azure resource group: letters, digits, '-', '_', '.', '(' and ')', 1–90, not ending in '.'. */
export const resourceGroupPattern = /^[-\w.()]{0,89}[-\w()]$/;
/** Cloud service (extended support) or scale set name. */
export const armNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

export const slots = ["production", "staging"] as const;
export type Slot = (typeof slots)[number];

export const actions = ["reimage", "reboot", "rebuild"] as const;
export type Action = (typeof actions)[number];

export const subscriptionIdSchema = /* @__PURE__ */ z.string().check(z.regex(subscriptionIdPattern, "subscription must be a GUID such as 00000000-0000-0000-0000-000000000000"));
export const serviceNameSchema = /* @__PURE__ */ z.string().check(z.regex(serviceNamePattern, "service name must be 2–63 letters, digits or hyphens, starting with a letter or digit"));
export const slotSchema = z.enum(slots, { error: 'slot must be "production" or "staging"' });
export const instanceNameSchema = /* @__PURE__ */ z.string().check(
  z.regex(instanceNamePattern, "instance name must be 1–128 letters, digits, '_', '.' or '-', and not dots alone"),
);
export const actionSchema = z.enum(actions, { error: 'action must be "reimage", "reboot" or "rebuild"' });
export const operationIdSchema = /* @__PURE__ */ z.string().check(z.regex(operationIdPattern, "operation id must be 32 lowercase hexadecimal characters"));

/** Wire form of a slot in Service Management XML (`DeploymentSlot`). */
export function slotToWire(slot: Slot): "Production" | "Staging" {
  return slot === "production" ? "Production" : "Staging";
}

/** 32-hex request id → dashed GUID, as `<ID>` in Get Operation Status carries it. */
export function requestIdToGuid(id: string): string {
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** Dashed GUID (any case) → 32 lowercase hex. */
export function guidToRequestId(guid: string): string {
  return guid.replace(/-/g, "").toLowerCase();
}
