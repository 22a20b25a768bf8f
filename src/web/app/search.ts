import { z } from "zod";
import { instanceNamePattern, operationIdPattern } from "../../shared/names.ts";
import { sortValues, toneFilters } from "../features/deployment/view.ts";
import { listedKinds } from "../features/services/rows.ts";

// Every piece of view state lives in the URL (DESIGN.md §4). Each field is optional and a bad value
// is dropped rather than failing the page, so a hand-edited or stale link still opens.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);

/** The view state of every target's page, whatever its kind. */
export const deploymentSearchSchema = z.object({
  role: optional(z.string().max(128)),
  tone: optional(z.enum(toneFilters)),
  q: optional(z.string().max(200)),
  sort: optional(z.enum(sortValues)),
  instance: optional(z.string().regex(instanceNamePattern)),
  op: optional(z.string().regex(operationIdPattern)),
});
export type DeploymentSearch = z.infer<typeof deploymentSearchSchema>;

export const servicesSearchSchema = z.object({
  q: optional(z.string().max(200)),
  kind: optional(z.enum(listedKinds)),
  op: optional(z.string().regex(operationIdPattern)),
});

// Flat `key=value` pairs instead of the router's JSON-in-URL default: links stay readable when
// pasted into chat, and a search for "123" stays the string "123".
export function parseSearch(searchStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(searchStr)) out[k] = v;
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      if (v !== "") params.set(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
