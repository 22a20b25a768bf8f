import { request as httpsRequest } from "node:https";
import { rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actionAcceptedSchema, deploymentSchema } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, type LoggedRequest, type Stack } from "./harness.ts";
import { makeTestCerts, type TestCerts } from "./certs.ts";

// Both upstream identity modes against the emulator: the caller's bearer token passed through, and
// Rolecall's own management certificate over mutual TLS.
describe("upstream identity", () => {
  let s: Stack | undefined;
  let certs: TestCerts;
  beforeAll(() => {
    certs = makeTestCerts();
  });
  afterAll(() => {
    rmSync(certs.dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("passthrough forwards the caller's bearer token; without one the upstream refuses", async () => {
    s = await startStack({ emulator: { requireAuth: true }, env: { ROLECALL_UPSTREAM_IDENTITY: "passthrough" } });
    const ok = await s.get(DEP, { authorization: "Bearer management-token-of-alice" });
    expect(ok.status).toBe(200);
    const seen = await s.upstreamRequests();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authorization).toMatchObject({ present: true, scheme: "Bearer" });

    const refused = await s.get(DEP);
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: "UpstreamForbidden", upstreamStatus: 403 });
  });

  it("certificate mode presents the management certificate over TLS, for reads and actions", async () => {
    const tls = { cert: certs.serverCert, key: certs.serverKey, ca: certs.caPem, requestClientCert: true };
    s = await startStack({
      emulator: { tls },
      env: {
        ROLECALL_UPSTREAM_IDENTITY: "certificate",
        ROLECALL_CERT_PATH: certs.clientCertPath,
        ROLECALL_KEY_PATH: certs.clientKeyPath,
        ROLECALL_CA_PATH: certs.caPath,
      },
    });
    const stack = s;
    // A bearer token sent by the browser is not forwarded in certificate mode.
    const res = await stack.get(DEP, { authorization: "Bearer should-not-be-forwarded" });
    expect(res.status).toBe(200);
    expect(deploymentSchema.parse(res.body).instances.length).toBe(7);
    const action = await stack.post(actionPath("WebFrontend_IN_0"));
    expect(action.status).toBe(202);
    actionAcceptedSchema.parse(action.body);

    const log = await tlsControl(stack.emu.url, certs, "requests");
    // Read, action, then (maybe) the tracker's Get Operation Status polls: all with the certificate.
    expect(log.slice(0, 2).map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(log.every((r) => r.clientCertificate && !r.authorization.present)).toBe(true);
  });

  it("without the certificate, the TLS emulator refuses (403 envelope)", async () => {
    const tls = { cert: certs.serverCert, key: certs.serverKey, ca: certs.caPem, requestClientCert: true };
    s = await startStack({ emulator: { tls }, env: { ROLECALL_UPSTREAM_IDENTITY: "passthrough", ROLECALL_CA_PATH: certs.caPath } });
    const res = await s.get(DEP);
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("UpstreamForbidden");
  });
});

/** GET /_emulator/<path> over the emulator's TLS listener (trusting the test CA). */
function tlsControl(base: string, certs: TestCerts, path: string): Promise<LoggedRequest[]> {
  const url = new URL(`/_emulator/${path}`, base);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: certs.caPem }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve(JSON.parse(text) as LoggedRequest[]));
    });
    req.on("error", reject);
    req.end();
  });
}
