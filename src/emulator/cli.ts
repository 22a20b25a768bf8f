import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { scenarioNames } from "./model/scenarios.ts";
import { isScenario, type EmulatorOptions } from "./options.ts";

/** `npm run emulator -- …` flags → EmulatorOptions. Bad flags throw CliError naming the flag. */
export class CliError extends Error {
  override name = "CliError";
}

export const usage = `Usage: npm run emulator -- [options]
  --port P            port to listen on (default 7071; 0 = any free port)
  --host H            address to bind (default 127.0.0.1)
  --scenario NAME     ${scenarioNames.join(" | ")} (default demo)
  --seed N            integer seed for names and failures (default 1)
  --speed X           time multiplier: 1 = realistic minutes, 60 = a minute per second (default 1)
  --failure-rate F    fraction of actions that fail, 0..1 (default 0.05 for demo, else 0)
  --clock real|manual manual: time moves only via POST /_emulator/clock/advance (default real)
  --require-auth      answer 403 ForbiddenError without Authorization: Bearer … or a client cert
  --arm-port Q        also serve Azure Resource Manager (cloud services, extended support, and
                      virtual machine scale sets) over HTTPS on port Q (0 = any free port)
  --arm-page-size N   items per page of ARM lists before a nextLink, 1..1000 (default 100)
  --tls-cert FILE     certificate (PEM) of the HTTPS listener; needs --tls-key. With --arm-port it is
                      the ARM face's (without it, a self-signed one is made and its PEM path printed);
                      without --arm-port, the Service Management face serves HTTPS with it
  --tls-key FILE      private key for --tls-cert (PEM)
  --tls-ca FILE       Service Management face over HTTPS with --tls-cert, requiring client
                      certificates signed by this CA (PEM)
  --help              show this help`;

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, expect: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || !check(n)) throw new CliError(`--${flag} must be ${expect} (got "${raw}")`);
  return n;
}

function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new CliError(`--${flag}: cannot read file "${path}"`);
  }
}

export function parseCli(argv: string[]): { help: true } | { help: false; options: EmulatorOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        scenario: { type: "string" },
        seed: { type: "string" },
        speed: { type: "string" },
        "failure-rate": { type: "string" },
        clock: { type: "string" },
        "require-auth": { type: "boolean" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "tls-ca": { type: "string" },
        "arm-port": { type: "string" },
        "arm-page-size": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };
  const scenario = values.scenario ?? "demo";
  if (!isScenario(scenario)) throw new CliError(`--scenario must be one of ${scenarioNames.join(", ")} (got "${scenario}")`);
  if (values.clock !== undefined && values.clock !== "real" && values.clock !== "manual") {
    throw new CliError(`--clock must be "real" or "manual" (got "${values.clock}")`);
  }
  if (values.host !== undefined && values.host.trim() === "") throw new CliError("--host must not be empty");
  const options: EmulatorOptions = {
    port: number("port", values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, "an integer from 0 to 65535") ?? 7071,
    host: values.host ?? "127.0.0.1",
    scenario,
    seed: number("seed", values.seed, Number.isInteger, "an integer") ?? 1,
    speed: number("speed", values.speed, (n) => n > 0, "a positive number") ?? 1,
    failureRate: number("failure-rate", values["failure-rate"], (n) => n >= 0 && n <= 1, "a number from 0 to 1") ?? (scenario === "demo" ? 0.05 : 0),
    clock: values.clock === "manual" ? "manual" : "real",
    requireAuth: values["require-auth"] ?? false,
  };
  const cert = values["tls-cert"];
  const key = values["tls-key"];
  const ca = values["tls-ca"];
  if ((cert === undefined) !== (key === undefined)) throw new CliError("--tls-cert and --tls-key must be given together");
  if (ca !== undefined && cert === undefined) throw new CliError("--tls-ca needs --tls-cert and --tls-key");
  const armPort = number("arm-port", values["arm-port"], (n) => Number.isInteger(n) && n >= 0 && n <= 65535, "an integer from 0 to 65535");
  const pageSize = number("arm-page-size", values["arm-page-size"], (n) => Number.isInteger(n) && n >= 1 && n <= 1000, "an integer from 1 to 1000");
  if (pageSize !== undefined && armPort === undefined) throw new CliError("--arm-page-size needs --arm-port");
  const pem = cert !== undefined && key !== undefined ? { cert: readPem("tls-cert", cert), key: readPem("tls-key", key) } : undefined;
  if (armPort !== undefined) {
    options.arm = { port: armPort, ...(pageSize !== undefined ? { pageSize } : {}), ...(pem ? { tls: pem } : {}) };
  }
  // The Service Management face keeps its own meaning of the flags: HTTPS with the certificate when
  // there is no ARM face to take it, or whenever client certificates are asked for.
  if (pem && (armPort === undefined || ca !== undefined)) {
    options.tls = { ...pem, ca: ca === undefined ? "" : readPem("tls-ca", ca), requestClientCert: ca !== undefined };
  }
  return { help: false, options };
}
