import { expect } from "vitest";
import { triageSchema, type Triage } from "../../shared/triage.ts";
import { SUB, type Stack } from "./harness.ts";

export const TRIAGE = `/api/subscriptions/${SUB}/instances`;

export async function triage(s: Stack, query: string): Promise<Triage> {
  const res = await s.get(`${TRIAGE}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return triageSchema.parse(res.body);
}
