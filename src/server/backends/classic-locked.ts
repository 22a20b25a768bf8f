import { slotToWire } from "../../shared/names.ts";
import type { Config } from "../config.ts";
import { UpstreamError } from "../upstream/errors.ts";
import { retryingRead } from "../upstream/retry.ts";
import type { ServiceManagementClient } from "./classic/client.ts";
import type { Transport } from "./classic/transport.ts";
import type { Log } from "./types.ts";

// Get Deployment's <Locked> flag for the classic backend: true while an operation holds the
// deployment (when Azure answers a new write with 409). Kept beside backends/classic rather than in
// it while that module is being reworked; it belongs in its wire schema and client eventually.

const seg = encodeURIComponent;

/** The classic client with `isLocked` added (reads Get Deployment and looks at <Locked> only). */
export function withLockedFlag(client: ServiceManagementClient, transport: Transport, upstream: Config["upstream"], appLog: Log): ServiceManagementClient {
  return {
    ...client,
    async isLocked(target, identity, log = appLog) {
      if (target.kind !== "classic") throw new Error(`the classic backend was handed a ${target.kind} target`);
      const path = `/${seg(target.subscription)}/services/hostedservices/${seg(target.service)}/deploymentslots/${slotToWire(target.slot)}`;
      const res = await retryingRead(
        async (timeoutMs) => {
          const r = await transport.send("GET", path, identity, undefined, timeoutMs);
          return r.status >= 200 && r.status < 300 ? r : new UpstreamError({ kind: "http", status: r.status });
        },
        upstream,
        log,
        path,
      );
      const flag = /<Locked>\s*(true|false)\s*<\/Locked>/i.exec(res.body)?.[1];
      if (flag === undefined) throw new UpstreamError({ kind: "malformed", status: res.status, detail: "Get Deployment carried no Locked element" });
      return flag.toLowerCase() === "true";
    },
  };
}
