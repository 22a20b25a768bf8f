// What `npm start` runs: the proxy, in front of the embedded emulator unless ROLECALL_UPSTREAM_URL
// points somewhere else. Lives outside src/server so that the server never imports the emulator.
import { startEmulator, type EmulatorHandle } from "../emulator/index.ts";
import { startProxy } from "../server/main.ts";
import { readEmbeddedEmulatorConfig, embeddedHelp } from "./embedded-config.ts";

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    const { configHelp } = await import("../server/config.ts");
    console.log(configHelp());
    console.log(embeddedHelp());
    return;
  }
  let emulator: EmulatorHandle | undefined;
  const env: Record<string, string | undefined> = { ...process.env };
  if (!env.ROLECALL_UPSTREAM_URL) {
    const options = readEmbeddedEmulatorConfig(env);
    emulator = await startEmulator({ port: 0, host: "127.0.0.1", clock: "real", ...options });
    env.ROLECALL_UPSTREAM_URL = emulator.url;
    env.ROLECALL_UPSTREAM_KIND = "emulator";
    console.log(`embedded emulator (scenario ${options.scenario}, speed ×${options.speed}) at ${emulator.url}`);
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
