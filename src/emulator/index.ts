import { createEmulator } from "./server.ts";
import type { EmulatorHandle, EmulatorOptions } from "./options.ts";

export type { EmulatorArmHandle, EmulatorArmOptions, EmulatorHandle, EmulatorOptions, EmulatorTlsOptions } from "./options.ts";
export { SUBSCRIPTION_ID, SUBSCRIPTION_NAME, scenarioNames, type ScenarioName } from "./model/scenarios.ts";
export { createEmulator } from "./server.ts";
export type { LoggedRequest } from "./model/request-log.ts";

/** Starts the emulator (Service Management, and ARM with `arm`) and resolves once it listens. */
export function startEmulator(opts?: EmulatorOptions): Promise<EmulatorHandle> {
  return createEmulator(opts).listen();
}
