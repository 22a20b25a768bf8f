import type { Config } from "../config.ts";
import { noneAuthenticator } from "./none.ts";
import type { Authenticator } from "./types.ts";

export type { Actor, Authenticator, Role } from "./types.ts";

/** The authenticator for the configured ROLECALL_AUTH mode (only `none` exists so far). */
export function createAuthenticator(config: Config): Authenticator {
  // The sign-in issue adds the msal mode here; the config admits nothing else yet.
  const mode: string = config.auth.mode;
  if (mode !== "none") throw new Error(`ROLECALL_AUTH=${mode} is not supported`);
  return noneAuthenticator();
}
