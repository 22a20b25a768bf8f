import { bearerFrom } from "../upstream/identity.ts";
import type { Authenticator } from "./types.ts";

/**
 * ROLECALL_AUTH=none: no sign-in, everyone is the local operator (the config refuses this mode on a
 * non-loopback address). A bearer token the caller sent anyway is forwarded in passthrough mode.
 */
export function noneAuthenticator(): Authenticator {
  return {
    mode: "none",
    authenticate(request) {
      const token = bearerFrom(request.headers.authorization);
      return Promise.resolve({
        name: "local operator",
        id: "local",
        roles: ["reader", "operator"],
        upstreamToken: token || undefined,
        // One token, offered to whichever upstream the request reaches (the caller knows which).
        armToken: token || undefined,
      });
    },
  };
}
