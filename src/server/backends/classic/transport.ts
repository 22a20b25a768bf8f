import http from "node:http";
import https from "node:https";
import { readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { classifyNetworkError as classify } from "../../upstream/net.ts";
import type { UpstreamIdentity } from "../../upstream/identity.ts";

// x-ms-version 2017-01-01 is what the Node SDK pins on every call; it is ≥ every per-element gate we
// read (IpAddress 2012-03-01, InstanceStateDetails 2011-10-01, …) and ≥ Rebuild's minimum 2013-06-01,
// so one version serves reads and all three actions.
export const MS_VERSION = "2017-01-01";
const USER_AGENT = "Rolecall/0.1";

export interface RawResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text; "" when a BodyReader consumed it (2xx replies read with one). */
  body: string;
  /** What the BodyReader made of the body, when one consumed it. */
  read?: T;
}

/**
 * Consumes a successful (2xx) reply body as it arrives, piece by piece, instead of buffering it
 * whole: parsing overlaps the transfer. The pieces are the bytes as they came: the reader decodes
 * them as suits it (the XML one cuts them at tag boundaries, and keeps the bytes off the JS heap).
 * `end` runs once the body is complete; if it throws, send() rejects with that error.
 */
export interface BodyReader<T> {
  write(bytes: Buffer): void;
  end(): T;
}

export interface Transport {
  /**
   * One request, one attempt. Rejects with UpstreamError for timeouts and connection failures.
   * With `reader`, a 2xx body goes to the reader made for that response (`read`); other bodies
   * are buffered into `body` as usual.
   */
  send<T = unknown>(
    method: "GET" | "POST",
    pathAndQuery: string,
    identity: UpstreamIdentity,
    reader?: (headers: http.IncomingHttpHeaders) => BodyReader<T>,
    /** Shorter than the configured timeout when the caller has less time left (default: configured). */
    timeoutMs?: number,
  ): Promise<RawResponse<T>>;
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
    ? new https.Agent({ keepAlive: true, ca: ca || undefined })
    : new http.Agent({ keepAlive: true });
  const certAgent =
    upstream.identity === "certificate" && upstream.certPath && upstream.keyPath
      ? new https.Agent({
          keepAlive: true,
          cert: readFileSync(upstream.certPath),
          key: readFileSync(upstream.keyPath),
          ca: ca || undefined,
        })
      : undefined;
  const basePath = base.pathname.replace(/\/+$/, "");

  function send<T>(
    method: "GET" | "POST",
    pathAndQuery: string,
    identity: UpstreamIdentity,
    reader?: (headers: http.IncomingHttpHeaders) => BodyReader<T>,
    timeoutMs = upstream.timeoutMs,
  ): Promise<RawResponse<T>> {
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
    const signal = AbortSignal.timeout(timeoutMs);
    const lib = secure ? https : http;
    return new Promise<RawResponse<T>>((resolve, reject) => {
      // Set when Rolecall itself cut the reply off for its size: Azure did answer, so this is a
      // reply Rolecall cannot use (502 malformed), not an unreachable upstream.
      let tooLargeStatus: number | undefined;
      const fail = (err: Error & { code?: string }) =>
        reject(
          tooLargeStatus !== undefined
            ? new UpstreamError({ kind: "malformed", status: tooLargeStatus, detail: `the reply is larger than ${MAX_BODY / 1024 / 1024} MB` })
            : classify(err, signal, timeoutMs),
        );
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
          const status = res.statusCode ?? 0;
          const consumer = reader && status >= 200 && status < 300 ? reader(res.headers) : undefined;
          // Decoded chunk by chunk (a character split across chunks is carried over) when buffered here.
          const decoder = new StringDecoder("utf8");
          const parts: string[] = [];
          let size = 0;
          let readerFailed: Error | undefined;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY) {
              tooLargeStatus = status;
              req.destroy(new Error("reply too large"));
              return;
            }
            if (!consumer) parts.push(decoder.write(chunk));
            else if (!readerFailed) {
              // A reader that throws is told nothing more; its error is the outcome, once the
              // body has been drained (so the connection can be reused).
              try {
                consumer.write(chunk);
              } catch (error) {
                readerFailed = error instanceof Error ? error : new Error(String(error));
              }
            }
          });
          res.on("end", () => {
            if (!consumer) {
              parts.push(decoder.end());
              resolve({ status, headers: res.headers, body: parts.join("") });
              return;
            }
            try {
              if (readerFailed) throw readerFailed;
              resolve({ status, headers: res.headers, body: "", read: consumer.end() });
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)));
            }
          });
          res.on("error", fail);
        },
      );
      req.on("error", fail);
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

