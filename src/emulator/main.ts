import { CliError, parseCli, usage } from "./cli.ts";
import { startEmulator } from "./index.ts";

// flags → createEmulator → listen. The only file of the emulator that listens on its own.
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`emulator: ${err.message}\n\n${usage}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(usage);
    return;
  }
  const handle = await startEmulator(parsed.options);
  console.log(`emulator listening on ${handle.url}`);
  if (handle.arm) {
    console.log(`emulator ARM listening on ${handle.arm.url}`);
    if (handle.arm.selfSigned) console.log(`emulator ARM certificate (self-signed; trust it as a CA): ${handle.arm.caPath}`);
  }
  const stop = () => void handle.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error("emulator: failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
