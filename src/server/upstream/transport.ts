import http from "node:http";
import https from "node:https";
import { readFileSync } from "node:fs";
import type { Config } from "../config.ts";
import { UpstreamError } from "./errors.ts";
import type { UpstreamIdentity } from "./identity.ts";

// x-ms-version 2017-01-01 is what the Node SDK pins on every call; it is ≥ every per-element gate we
// read (IpAddress 2012-03-01, InstanceStateDetails 2011-10-01, …) and ≥ Rebuild's minimum 2013-06-01,
// so one version serves reads and all three actions.
export const MS_VERSION = "2017-01-01";
const USER_AGENT = "Rolecall/0.1";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Transport {
  /** One request, one attempt. Rejects with UpstreamError for timeouts and connection failures. */
  send(method: "GET" | "POST", pathAndQuery: string, identity: UpstreamIdentity): Promise<RawResponse>;
  close(): void;
}

/** Largest upstream body read (the 2,000-instance deployment is a few MB; this stops a runaway). */
const MAX_BODY = 64 * 1024 * 1024;

export function createTransport(upstream: Config["upstream"]): Transport {
  const base = new URL(upstream.url);
  const secure = base.protocol === "https:";
  const ca = upstream.caPath ? readFileSync(upstream.caPath) : undefined;
  // Two agents: the certificate one carries the client key; bearer calls never present it.
  const plainAgent = secure
    ? new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) })
    : new http.Agent({ keepAlive: true });
  const certAgent =
    upstream.identity === "certificate" && upstream.certPath && upstream.keyPath
      ? new https.Agent({
          keepAlive: true,
          cert: readFileSync(upstream.certPath),
          key: readFileSync(upstream.keyPath),
          ...(ca ? { ca } : {}),
        })
      : undefined;
  const basePath = base.pathname.replace(/\/+$/, "");

  function send(method: "GET" | "POST", pathAndQuery: string, identity: UpstreamIdentity): Promise<RawResponse> {
    const headers: Record<string, string> = { "x-ms-version": MS_VERSION, "user-agent": USER_AGENT, accept: "application/xml" };
    if (method === "POST") {
      // The reference: body-less action POSTs carry exactly these two headers.
      headers["content-type"] = "application/xml";
      headers["content-length"] = "0";
    }
    if (identity.kind === "bearer") headers.authorization = `Bearer ${identity.token}`;
    const agent = identity.kind === "certificate" ? certAgent : plainAgent;
    if (identity.kind === "certificate" && !agent) {
      return Promise.reject(new UpstreamError({ kind: "unreachable", cause: "no management certificate configured", maybeSent: false }));
    }
    const signal = AbortSignal.timeout(upstream.timeoutMs);
    const lib = secure ? https : http;
    return new Promise<RawResponse>((resolve, reject) => {
      const req = lib.request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port || (secure ? 443 : 80),
          path: basePath + pathAndQuery,
          method,
          headers,
          agent,
          signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY) {
              req.destroy(new Error("reply larger than 64 MB"));
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", (err) => reject(classify(err, signal, upstream.timeoutMs)));
        },
      );
      req.on("error", (err) => reject(classify(err, signal, upstream.timeoutMs)));
      req.end();
    });
  }

  return {
    send,
    close() {
      plainAgent.destroy();
      certAgent?.destroy();
    },
  };
}

// Failures that happen before a byte of the request leaves: an action hit by one of these surely
// did not start upstream. Anything else (a reset mid-reply) might have been acted on.
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

function classify(err: Error & { code?: string }, signal: AbortSignal, timeoutMs: number): UpstreamError {
  if (signal.aborted) return new UpstreamError({ kind: "timeout", timeoutMs });
  const cause = err.code === "ECONNREFUSED" ? "connection refused" : err.code ? `${err.code}: ${err.message}` : err.message;
  return new UpstreamError({ kind: "unreachable", cause, maybeSent: !notSentCodes.has(err.code ?? "") });
}
