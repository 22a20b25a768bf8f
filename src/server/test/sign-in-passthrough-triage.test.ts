import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { triageSchema, type Triage } from "../../shared/triage.ts";
import { startStack, SUB, type Stack } from "./harness.ts";
import { startTestAuthority, type TestAuthority } from "./test-authority.ts";

// Passthrough with sign-in: the triage view reads every target as the person asking, and shares a
// gathering of reads only with requests of the same upstream identity. Azure's RBAC is played by
// the emulator's fault injection: a read refused (403) for one person only.

const TRIAGE = `/api/subscriptions/${SUB}/instances?notReady=1`;
const BILLING = "hostedservices/contoso-billing/deploymentslots/production";
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const management = (oid: string) => `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ oid })}.sig`;
/** What the emulator's request log records of the Authorization header the proxy forwarded for `oid`. */
const fingerprint = (oid: string) => createHash("sha256").update(`Bearer ${management(oid)}`).digest("hex").slice(0, 8);

let authority: TestAuthority;
let s: Stack;

async function as(oid: string) {
  return { authorization: `Bearer ${await authority.token({ oid, name: oid, roles: ["Rolecall.Reader"] })}`, [MANAGEMENT_TOKEN_HEADER]: management(oid) };
}

async function triageAs(oid: string): Promise<Triage> {
  const res = await s.get(TRIAGE, await as(oid));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return triageSchema.parse(res.body);
}

const labels = (t: Triage) => t.targets.map((x) => x.label);

beforeAll(async () => {
  authority = await startTestAuthority();
  // A minute of read cache, so that a gathering is reused for a minute by whoever may share it.
  s = await startStack({ env: { ...authority.env, ROLECALL_UPSTREAM_IDENTITY: "passthrough", ROLECALL_CACHE_MS: "60000" } });
});
afterAll(async () => {
  await s.close();
  await authority.close();
});

it("a second person's triage, right after the first's, is read with their own token and shows only what they may read", async () => {
  const ada = await triageAs("ada-oid");
  expect(labels(ada)).toContain("contoso-billing · production");
  expect(ada.failures).toEqual([]);

  // Bob may not read contoso-billing's production slot; he asks at once, within Ada's reuse.
  await s.clearUpstreamRequests();
  await s.faults({ failNext: { count: 1, status: 403, code: "AuthorizationFailed", message: "Bob has no access." }, match: { pathContains: BILLING } });
  const bob = await triageAs("bob-oid");
  expect(bob.failures.map((f) => [f.label, f.error.code])).toEqual([["contoso-billing · production", "UpstreamForbidden"]]);
  expect(labels(bob)).not.toContain("contoso-billing · production");
  expect(bob.rows.filter((r) => r.label === "contoso-billing · production")).toEqual([]);
  // Everything was read again, every call with Bob's token, none with Ada's.
  const log = await s.upstreamRequests();
  expect(log.filter((r) => /\/deploymentslots\//i.test(r.path)).length).toBe(labels(ada).length);
  expect(new Set(log.map((r) => r.authorization.fingerprint))).toEqual(new Set([fingerprint("bob-oid")]));

  // Ada's own gathering still serves her, unchanged and without a call upstream.
  await s.clearUpstreamRequests();
  const adaAgain = await triageAs("ada-oid");
  expect(labels(adaAgain)).toEqual(labels(ada));
  expect(adaAgain.failures).toEqual([]);
  expect(await s.upstreamRequests()).toEqual([]);
});

it("two people asking at the same moment each get a gathering of their own", async () => {
  await s.clearUpstreamRequests();
  await s.faults({ latencyMs: 100 });
  try {
    const [cy, dee] = await Promise.all([triageAs("cy-oid"), triageAs("dee-oid")]);
    expect(labels(cy)).toEqual(labels(dee));
    const reads = (await s.upstreamRequests()).filter((r) => /\/deploymentslots\//i.test(r.path));
    for (const who of ["cy-oid", "dee-oid"]) expect(reads.filter((r) => r.authorization.fingerprint === fingerprint(who)).length, who).toBe(labels(cy).length);
    expect(reads.length).toBe(2 * labels(cy).length);
  } finally {
    await s.control("DELETE", "faults");
  }
});
