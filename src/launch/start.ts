// What `npm start` runs: the proxy, in front of the embedded emulator unless ROLECALL_UPSTREAM_URL
// points somewhere else. Lives outside src/server so that the server never imports the emulator.
import { startEmulator, type EmulatorHandle } from "../emulator/index.ts";
import { startProxy } from "../server/main.ts";
import { readEmbeddedEmulatorConfig, embeddedHelp } from "./embedded-config.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A CA bundle of the file at `path` and `pem`, in a temporary file: both upstreams' CAs trusted. */
function bundle(path: string, pem: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "rolecall-ca-")), "ca.pem");
  writeFileSync(file, `${readFileSync(path, "utf8").trimEnd()}\n${pem}`);
  return file;
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    const { configHelp } = await import("../server/config.ts");
    console.log(configHelp());
    console.log(embeddedHelp());
    return;
  }
  let emulator: EmulatorHandle | undefined;
  const env: Record<string, string | undefined> = { ...process.env };
  // The embedded emulator stands in for both upstreams, or for none: an upstream pointed at Azure
  // beside an emulated one would show made-up instances under the AZURE marker. With one URL set,
  // the other upstream is off unless it is set too.
  if (!env.ROLECALL_UPSTREAM_URL && !env.ROLECALL_ARM_URL) {
    const options = readEmbeddedEmulatorConfig(env);
    emulator = await startEmulator({ port: 0, host: "127.0.0.1", clock: "real", arm: { port: 0 }, ...options });
    const arm = emulator.arm;
    if (!arm) throw new Error("the embedded emulator started without its ARM face");
    env.ROLECALL_UPSTREAM_URL = emulator.url;
    env.ROLECALL_ARM_URL = arm.url;
    env.ROLECALL_UPSTREAM_KIND = "emulator";
    // The emulator's ARM face has a certificate of its own making: trusted by its CA, never by
    // turning verification off.
    env.ROLECALL_CA_PATH = env.ROLECALL_CA_PATH ? bundle(env.ROLECALL_CA_PATH, arm.ca) : arm.caPath;
    env.ROLECALL_ARM_IDENTITY ??= "emulator";
    console.log(`embedded emulator (scenario ${options.scenario}, speed ×${options.speed}) at ${emulator.url}, ARM face at ${arm.url}`);
  } else {
    env.ROLECALL_UPSTREAM_URL ||= "none";
    env.ROLECALL_ARM_URL ||= "none";
  }
  const proxy = await startProxy(env);
  console.log(`Rolecall is running: open ${proxy.url}`);

  const stop = async () => {
    await proxy.close();
    await emulator?.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
