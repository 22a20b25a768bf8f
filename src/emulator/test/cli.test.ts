import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CliError, parseCli } from "../cli.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

describe("parseCli", () => {
  it("reads every flag", () => {
    const parsed = parseCli(["--port", "7072", "--speed", "60", "--scenario", "large", "--seed", "9", "--require-auth", "--host", "0.0.0.0", "--clock", "manual"]);
    expect(parsed).toEqual({
      help: false,
      options: { port: 7072, speed: 60, scenario: "large", seed: 9, requireAuth: true, host: "0.0.0.0", clock: "manual", failureRate: 0 },
    });
  });

  it("defaults to the demo scenario with a 5% failure rate", () => {
    const parsed = parseCli([]);
    expect(parsed.help).toBe(false);
    if (!parsed.help) expect(parsed.options).toMatchObject({ scenario: "demo", failureRate: 0.05, speed: 1, clock: "real", requireAuth: false });
  });

  it.each([
    [["--port", "abc"], "--port"],
    [["--port", "70000"], "--port"],
    [["--speed", "0"], "--speed"],
    [["--speed", "fast"], "--speed"],
    [["--scenario", "huge"], "--scenario"],
    [["--seed", "1.5"], "--seed"],
    [["--failure-rate", "2"], "--failure-rate"],
    [["--clock", "sundial"], "--clock"],
    [["--bogus"], "--bogus"],
    [["--tls-cert", "/nonexistent"], "--tls-key"],
  ])("rejects %j naming the flag", (argv, flag) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(flag);
  });
});

function run(args: string[], untilListening: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [main, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
      if (untilListening && stdout.includes("\n")) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("main.ts", () => {
  it("prints exactly 'emulator listening on http://127.0.0.1:P'", async () => {
    const { stdout } = await run(["--port", "0", "--clock", "manual"], true);
    expect(stdout.split("\n")[0]).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("exits 2 with a message naming a bad flag", async () => {
    const { code, stderr } = await run(["--speed", "-3"], false);
    expect(code).toBe(2);
    expect(stderr).toContain("--speed");
  });
});
