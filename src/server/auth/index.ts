import type { Config } from "../config.ts";
import { msalAuthenticator } from "./msal.ts";
import { noneAuthenticator } from "./none.ts";
import { createVerifierFromSettings } from "./signing-metadata.ts";
import type { Authenticator } from "./types.ts";

export type { Actor, Authenticator, Role } from "./types.ts";

/**
 * The authenticator for the configured ROLECALL_AUTH mode. Async because msal mode reads the
 * authority's discovery document first: a wrong authority stops the start instead of refusing every
 * request later.
 */
export async function createAuthenticator(config: Config): Promise<Authenticator> {
  if (config.auth.mode === "none") return noneAuthenticator();
  const settings = config.auth.settings;
  return msalAuthenticator({
    verifier: await createVerifierFromSettings(settings),
    upstreamIdentity: settings.upstreamIdentity,
    armIdentity: config.arm?.identity,
    connectSrc: config.connectSrc,
  });
}
