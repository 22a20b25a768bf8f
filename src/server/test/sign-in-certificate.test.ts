import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeTestCerts, type TestCerts } from "./certs.ts";
import { DEP, startStack, type Stack } from "./harness.ts";
import { startTestAuthority, type TestAuthority } from "./test-authority.ts";

// Sign-in with ROLECALL_UPSTREAM_IDENTITY=certificate: users are still verified one by one, but the
// upstream sees only Rolecall's certificate, so what it returns is the same for every user and the
// read cache is shared by all of them (per subscription), not split per user.

let certs: TestCerts;
let authority: TestAuthority;
let s: Stack;

beforeAll(async () => {
  certs = makeTestCerts();
  authority = await startTestAuthority();
  s = await startStack({
    emulator: { tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caPem, requestClientCert: true } },
    env: {
      ...authority.env,
      ROLECALL_UPSTREAM_IDENTITY: "certificate",
      ROLECALL_CERT_PATH: certs.clientCertPath,
      ROLECALL_KEY_PATH: certs.clientKeyPath,
      ROLECALL_CA_PATH: certs.caPath,
      ROLECALL_CACHE_MS: "60000",
    },
  });
});
afterAll(async () => {
  await s.close();
  await authority.close();
  rmSync(certs.dir, { recursive: true, force: true });
});

it("certificate mode: no management token needed, one cached upstream read serves every user", async () => {
  const bob = await authority.token({ oid: "bob-oid", name: "Bob Reader", roles: ["Rolecall.Reader"] });
  const ada = await authority.token({ oid: "ada-oid", name: "Ada Operator", roles: ["Rolecall.Operator"] });
  const first = await s.get(DEP, { authorization: `Bearer ${bob}` });
  const second = await s.get(DEP, { authorization: `Bearer ${ada}` });
  expect([first.status, second.status]).toEqual([200, 200]);
  // Served from the same cache entry: the same upstream fetch time.
  expect((second.body as { fetchedAt: string }).fetchedAt).toBe((first.body as { fetchedAt: string }).fetchedAt);
  expect((await s.get("/api/config")).body).toMatchObject({ auth: { upstreamIdentity: "certificate" } });
  expect(JSON.stringify((await s.get("/api/config")).body)).not.toContain("managementScope");
});
