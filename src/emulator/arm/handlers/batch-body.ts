import { armErrors } from "../errors.ts";

/**
 * The names a batch action's body chooses, faithfully to Azure: no body, JSON `null`, no or `null`
 * list field, an empty list, or a list containing `*` all mean EVERY instance (`"all"`). Both batch
 * APIs work so (cloud services' `roleInstances`, scale sets' `instanceIds`; spec text and
 * Azure/azure-cli#6388, #25476/#25477; `[]` and `*` are UNCONFIRMED and taken the dangerous way).
 * Rolecall's proxy never sends any of these; the emulator does what Azure would, so a test can see it.
 */
export function batchNames(body: string, field: string): string[] | "all" {
  if (body.trim() === "") return "all";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw armErrors.badContent(err instanceof Error ? err.message : "invalid JSON");
  }
  if (parsed === null) return "all";
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw armErrors.badContent("the body must be a JSON object");
  const list = (parsed as Record<string, unknown>)[field];
  if (list === undefined || list === null) return "all";
  if (!Array.isArray(list) || !list.every((n): n is string => typeof n === "string")) throw armErrors.badContent(`${field} must be an array of strings`);
  return list.length === 0 || list.includes("*") ? "all" : list;
}
