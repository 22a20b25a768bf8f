import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "selfsigned";
import { describe, expect, it } from "vitest";
import { CliError, parseCli } from "../cli.ts";
import { createEmulator, startEmulator } from "../index.ts";
import { allPages, arm, PROVIDER, roleInstanceSchema, roleInstanceViewSchema, startArm } from "./arm-helpers.ts";
import { SUB } from "./helpers.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

describe("the ARM listener's certificate", () => {
  it("is self-signed by default, valid for loopback, its own CA, and written to caPath until close", async () => {
    const emu = await startArm();
    const cert = new X509Certificate(emu.arm.ca);
    expect(emu.arm.selfSigned).toBe(true);
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(emu.arm.url).toBe(`https://127.0.0.1:${emu.arm.port}`);
    expect(readFileSync(emu.arm.caPath, "utf8")).toBe(emu.arm.ca);
    expect((await arm(emu, `/subscriptions/${SUB}/${PROVIDER}/cloudServices`)).status).toBe(200);
    await emu.close();
    expect(existsSync(emu.arm.caPath)).toBe(false);
  });

  it("is refused by a client that does not trust it", async () => {
    const emu = await startArm();
    try {
      const err = await new Promise<Error>((resolve) => {
        request(`${emu.arm.url}/`, (res) => resolve(new Error(`unexpected ${res.statusCode ?? 0}`))).on("error", resolve).end();
      });
      expect(err.message).toMatch(/self[- ]signed certificate/i);
    } finally {
      await emu.close();
    }
  });

  it("uses a given certificate and key, reporting the given CA as what to trust", async () => {
    const caPems = await generate([{ name: "commonName", value: "Test CA" }], {
      keyType: "ec",
      algorithm: "sha256",
      extensions: [{ name: "basicConstraints", cA: true }, { name: "keyUsage", keyCertSign: true, digitalSignature: true }],
    });
    const leaf = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      algorithm: "sha256",
      ca: { cert: caPems.cert, key: caPems.private },
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    const emu = await startEmulator({ port: 0, clock: "manual", arm: { port: 0, tls: { cert: leaf.cert, key: leaf.private, ca: caPems.cert } } });
    try {
      if (!emu.arm) throw new Error("no ARM face");
      expect(emu.arm).toMatchObject({ selfSigned: false, ca: caPems.cert });
      expect((await arm({ ...emu, arm: emu.arm }, `/subscriptions/${SUB}/${PROVIDER}/cloudServices`)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("bound to every address, hands out URLs on the Host the client used", async () => {
    const emu = await startArm({ arm: { host: "0.0.0.0", pageSize: 1 } });
    try {
      const origin = `https://127.0.0.1:${emu.arm.port}`;
      const res = await arm(emu, `${origin}/subscriptions/${SUB}/${PROVIDER}/cloudServices`);
      expect((res.json as { nextLink?: string }).nextLink).toMatch(new RegExp(`^${origin}/`));
    } finally {
      await emu.close();
    }
  });

  it("rejects bad ARM options naming them", () => {
    expect(() => createEmulator({ arm: { port: 70000 } })).toThrow("arm.port");
    expect(() => createEmulator({ arm: { pageSize: 0 } })).toThrow("arm.pageSize");
  });
});

describe("CLI flags of the ARM face", () => {
  it("--arm-port and --arm-page-size; the certificate flags go to the ARM face when it is on", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolecall-cli-"));
    writeFileSync(join(dir, "c.pem"), "CERT");
    writeFileSync(join(dir, "k.pem"), "KEY");
    const cert = ["--tls-cert", join(dir, "c.pem"), "--tls-key", join(dir, "k.pem")];
    const options = (argv: string[]) => {
      const parsed = parseCli(argv);
      if (parsed.help) throw new Error("unexpected --help");
      return parsed.options;
    };
    const withArm = options(["--arm-port", "8443", "--arm-page-size", "50", ...cert]);
    expect(withArm).toMatchObject({ arm: { port: 8443, pageSize: 50, tls: { cert: "CERT", key: "KEY" } } });
    expect(withArm.tls).toBeUndefined();
    const classicOnly = options(cert);
    expect(classicOnly).toMatchObject({ tls: { cert: "CERT", key: "KEY", requestClientCert: false } });
    expect(classicOnly.arm).toBeUndefined();
    expect(options(["--arm-port", "0"]).arm).toEqual({ port: 0 });
  });

  it.each([
    [["--arm-port", "x"], "--arm-port"],
    [["--arm-port", "65536"], "--arm-port"],
    [["--arm-port", "0", "--arm-page-size", "0"], "--arm-page-size"],
    [["--arm-page-size", "10"], "--arm-page-size"],
  ])("rejects %j naming the flag", (argv, flag) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(flag);
  });

  it("main.ts prints both listeners and where the self-signed certificate's PEM is, which a client can trust", async () => {
    const child = spawn(tsx, [main, "--port", "0", "--arm-port", "0", "--clock", "manual"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const lines = await new Promise<string[]>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString("utf8");
        const got = stdout.split("\n");
        if (got.length > 3) resolve(got);
      });
      child.on("error", reject);
      child.on("exit", () => reject(new Error(`exited early: ${stdout}`)));
    });
    try {
      expect(lines[0]).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toMatch(/^emulator ARM listening on https:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[2]).toMatch(/^emulator ARM certificate \(self-signed; trust it as a CA\): \/.+\.pem$/);
      const url = lines[1]?.split(" ").pop() ?? "";
      const ca = readFileSync(lines[2]?.split(": ").pop() ?? "", "utf8");
      const status = await new Promise<number>((resolve, reject) => {
        request(`${url}/subscriptions/${SUB}/${PROVIDER}/cloudServices?api-version=2024-11-04`, { ca, headers: { authorization: "Bearer t" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on("error", reject)
          .end();
      });
      expect(status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("ARM scenarios", () => {
  it("demo: two cloud services in two resource groups; 3 roles × 3–5 instances over 3 update domains, one unhealthy", async () => {
    const emu = await startArm({ arm: { pageSize: 1000 } });
    try {
      const shop = `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/${PROVIDER}/cloudServices/contoso-shop`;
      const { items } = await allPages(emu, `${shop}/roleInstances?$expand=instanceView`, roleInstanceSchema);
      const views = items.map((i) => roleInstanceViewSchema.parse(i.properties.instanceView));
      const perRole: Record<string, number> = {};
      for (const i of items) perRole[i.name.split("_IN_")[0] ?? ""] = (perRole[i.name.split("_IN_")[0] ?? ""] ?? 0) + 1;
      expect(perRole).toEqual({ FrontendRole: 4, ApiRole: 3, WorkerRole: 5 });
      expect(new Set(views.map((v) => v.platformUpdateDomain)).size).toBe(3);
      expect(views.filter((v) => !v.statuses.some((s) => s.code === "RoleState/RoleStateStarted"))).toHaveLength(1);
      const reports = await allPages(emu, `/subscriptions/${SUB}/resourceGroups/rg-reports/${PROVIDER}/cloudServices/fabrikam-reports/roleInstances`, roleInstanceSchema);
      expect(reports.items.map((i) => i.name)).toEqual(["ReportsWeb_IN_0", "ReportsWeb_IN_1", "ReportsWorker_IN_0", "ReportsWorker_IN_1"]);
    } finally {
      await emu.close();
    }
  });

  it("large: one cloud service of 1,000 instances over 10 update domains; empty: none", async () => {
    const big = await startArm({ scenario: "large", arm: { pageSize: 1000 } });
    try {
      const path = `/subscriptions/${SUB}/resourceGroups/rg-bigfleet/${PROVIDER}/cloudServices/bigfleet-cses/roleInstances?$expand=instanceView`;
      const { items, pages } = await allPages(big, path, roleInstanceSchema);
      expect(pages).toBe(1);
      expect(items).toHaveLength(1000);
      expect(new Set(items.map((i) => i.properties.instanceView?.platformUpdateDomain)).size).toBe(10);
    } finally {
      await big.close();
    }
    const empty = await startArm({ scenario: "empty" });
    try {
      expect((await arm(empty, `/subscriptions/${SUB}/${PROVIDER}/cloudServices`)).json).toEqual({ value: [] });
    } finally {
      await empty.close();
    }
  });
});
