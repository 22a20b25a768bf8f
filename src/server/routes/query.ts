import { ProxyError } from "../errors.ts";

/** An optional whole-number query parameter within bounds (400 naming it otherwise). */
export function intParam(query: unknown, name: string, fallback: number, min: number, max: number): number {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  if (raw === undefined || raw === "") return fallback;
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ProxyError("InvalidQuery", `Query parameter "${name}" must be a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}
