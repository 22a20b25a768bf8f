import { request } from "node:https";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorHandle } from "../index.ts";
import { api, control, errorOf, REQUEST_ID, startManual, SUB, VERSION } from "./helpers.ts";

const FORBIDDEN = "The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.";

describe("require-auth mode", () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startManual({ requireAuth: true });
  });
  afterAll(() => emu.close());

  it("answers 403 ForbiddenError without Authorization: Bearer …", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }];
    for (const headers of attempts) {
      const res = await api(emu, `/${SUB}/services/hostedservices`, { headers });
      expect(res.status).toBe(403);
      expect(res.headers.get("x-ms-request-id")).toMatch(REQUEST_ID);
      expect(errorOf(res)).toEqual({ code: "ForbiddenError", message: FORBIDDEN });
    }
  });

  it("serves a request that carries a bearer token", async () => {
    const res = await api(emu, `/${SUB}/services/hostedservices`, { headers: { authorization: "Bearer eyJ0eXAiOiJKV1QifQ.e30.sig" } });
    expect(res.status).toBe(200);
  });

  it("logs only that a credential was present and its scheme, never its value; control needs no auth", async () => {
    await control(emu, "DELETE", "requests");
    await api(emu, "/subscriptions", { headers: { authorization: "Bearer secret-token-value" } });
    await api(emu, "/subscriptions");
    const log = await control(emu, "GET", "requests");
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.json)).not.toContain("secret-token-value");
    expect(log.json).toMatchObject([
      { method: "GET", path: "/subscriptions", authorization: { present: true, scheme: "Bearer" }, clientCertificate: false },
      { authorization: { present: false }, clientCertificate: false },
    ]);
  });
});

describe("TLS with client certificates", () => {
  let emu: EmulatorHandle;
  let ca: { cert: string; key: string };
  let client: { cert: string; key: string };
  let rogue: { cert: string; key: string };

  beforeAll(async () => {
    const caExt = [{ name: "basicConstraints" as const, cA: true }, { name: "keyUsage" as const, keyCertSign: true, cRLSign: true, digitalSignature: true }];
    const caPems = await generate([{ name: "commonName", value: "Rolecall test CA" }], { keyType: "ec", algorithm: "sha256", extensions: caExt });
    ca = { cert: caPems.cert, key: caPems.private };
    const server = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      algorithm: "sha256",
      ca,
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] }],
    });
    const clientExt = [{ name: "extKeyUsage" as const, clientAuth: true }];
    const c = await generate([{ name: "commonName", value: "management client" }], { keyType: "ec", algorithm: "sha256", ca, extensions: clientExt });
    client = { cert: c.cert, key: c.private };
    const r = await generate([{ name: "commonName", value: "someone else" }], { keyType: "ec", algorithm: "sha256", extensions: clientExt });
    rogue = { cert: r.cert, key: r.private };
    emu = await startEmulator({ port: 0, clock: "manual", tls: { cert: server.cert, key: server.private, ca: ca.cert, requestClientCert: true } });
  });
  afterAll(() => emu.close());

  function get(path: string, creds?: { cert: string; key: string }, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: emu.port, path, method: "GET", ca: ca.cert, ...creds, headers: { "x-ms-version": VERSION, ...headers } },
        (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("listens on https", () => {
    expect(emu.url).toBe(`https://127.0.0.1:${emu.port}`);
  });

  it("serves a client presenting a certificate signed by the CA", async () => {
    const res = await get(`/${SUB}/services/hostedservices`, client);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<ServiceName>contoso-web</ServiceName>");
  });

  it("answers 403 ForbiddenError without a certificate or with one from another CA", async () => {
    for (const creds of [undefined, rogue]) {
      const res = await get(`/${SUB}/services/hostedservices`, creds);
      expect(res.status).toBe(403);
      expect(res.body).toContain("<Code>ForbiddenError</Code>");
    }
  });

  it("records whether a client certificate was presented", async () => {
    const before = await fetchLog();
    await get("/subscriptions", client);
    await get("/subscriptions");
    const log = (await fetchLog()).slice(before.length);
    expect(log.map((e) => e.clientCertificate)).toEqual([true, false]);
  });

  async function fetchLog(): Promise<{ clientCertificate: boolean }[]> {
    const res = await get("/_emulator/requests");
    return JSON.parse(res.body) as { clientCertificate: boolean }[];
  }
});
