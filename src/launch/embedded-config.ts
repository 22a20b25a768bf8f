import { z } from "zod";

const schema = z.object({
  ROLECALL_EMULATOR_SCENARIO: z.enum(["demo", "large", "empty"]).default("demo"),
  // ×10: a reimage takes about a minute and a quarter instead of twelve, so the demo is watchable.
  ROLECALL_EMULATOR_SPEED: z.coerce.number().positive().max(10_000).default(10),
  ROLECALL_EMULATOR_SEED: z.coerce.number().int().nonnegative().default(1),
  ROLECALL_EMULATOR_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
});

export interface EmbeddedEmulatorConfig {
  scenario: "demo" | "large" | "empty";
  speed: number;
  seed: number;
  failureRate: number;
}

export function readEmbeddedEmulatorConfig(env: Record<string, string | undefined>): EmbeddedEmulatorConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid ${String(issue?.path[0] ?? "emulator setting")}: ${issue?.message ?? "bad value"}`);
  }
  const c = parsed.data;
  return { scenario: c.ROLECALL_EMULATOR_SCENARIO, speed: c.ROLECALL_EMULATOR_SPEED, seed: c.ROLECALL_EMULATOR_SEED, failureRate: c.ROLECALL_EMULATOR_FAILURE_RATE };
}

export function embeddedHelp(): string {
  return [
    "",
    "Embedded emulator, both faces (used when ROLECALL_UPSTREAM_URL and ROLECALL_ARM_URL are both unset):",
    "  ROLECALL_EMULATOR_SCENARIO      demo | large | empty (default demo)",
    "  ROLECALL_EMULATOR_SPEED         time multiplier; 1 = realistic minutes (default 10)",
    "  ROLECALL_EMULATOR_SEED          seed for deterministic failures (default 1)",
    "  ROLECALL_EMULATOR_FAILURE_RATE  fraction of actions that fail, 0–1 (default 0)",
  ].join("\n");
}
