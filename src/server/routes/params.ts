import { z } from "zod";
import {
  actionSchema,
  armNamePattern,
  resourceGroupPattern,
  instanceNameSchema,
  operationIdSchema,
  serviceNameSchema,
  slotSchema,
  subscriptionIdSchema,
  type Action,
  type Slot,
} from "../../shared/names.ts";
import { ProxyError } from "../errors.ts";

const schemas = {
  sub: subscriptionIdSchema,
  svc: serviceNameSchema,
  slot: slotSchema,
  instance: instanceNameSchema,
  action: actionSchema,
  operationId: operationIdSchema,
  jobId: z.string().regex(/^[0-9a-f]{32}$/, "job id must be 32 lowercase hexadecimal characters"),
  rg: z.string().regex(resourceGroupPattern, "resource group must be 1–90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'"),
  name: z.string().regex(armNamePattern, "name must be 1–80 letters, digits, '_', '.' or '-', starting with a letter or digit"),
} satisfies Record<string, z.core.$ZodType<string>>;

export interface Names {
  sub: string;
  svc: string;
  slot: Slot;
  instance: string;
  action: Action;
  operationId: string;
  jobId: string;
  rg: string;
  name: string;
}

/**
 * Checks the named path parameters against the strict patterns of DESIGN.md §3. Runs before anything
 * else a route does, so a bad name never reaches the upstream. Subscription ids are lower-cased
 * (GUIDs are case-insensitive; one spelling keeps cache keys and locks consistent).
 */
export function names<K extends keyof Names>(params: unknown, keys: K[]): Pick<Names, K> {
  const p = (params ?? {}) as Record<string, string | undefined>;
  const out: Record<string, string> = {};
  for (const key of keys) {
    const raw = p[key] ?? "";
    const result = schemas[key].safeParse(raw);
    if (!result.success) {
      const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
      throw new ProxyError("InvalidName", `"${shown}" is not a valid ${label[key]}: ${result.error.issues[0]?.message ?? "invalid"}.`);
    }
    out[key] = key === "sub" ? result.data.toLowerCase() : result.data;
  }
  return out as Pick<Names, K>;
}

const label: Record<keyof Names, string> = {
  sub: "subscription id",
  svc: "service name",
  slot: "deployment slot",
  instance: "instance name",
  action: "action",
  operationId: "operation id",
  jobId: "job id",
  rg: "resource group",
  name: "resource name",
};
