import https from "node:https";
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { classifyNetworkError } from "../../upstream/net.ts";

export interface JsonResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for an empty body. */
  json: unknown;
}

export interface ArmTransport {
  /** The ARM origin every request goes to, e.g. https://management.azure.com. */
  readonly origin: string;
  /**
   * One request, one attempt, to a path on the ARM origin or to an absolute URL that ARM handed out
   * (nextLink, Azure-AsyncOperation, Location): such a URL must be on the same origin, or nothing is
   * sent and the reply counts as malformed, so that no reply can make Rolecall hand its token elsewhere.
   */
  send(method: "GET" | "POST", pathOrUrl: string, token: string | undefined, body?: unknown, timeoutMs?: number): Promise<JsonResponse>;
  close(): void;
}

/** Largest body read: a 1,000-instance cloud service with views is about 1 MB. */
const MAX_BODY = 32 * 1024 * 1024;
const USER_AGENT = "Rolecall/0.1";

export function createArmTransport(arm: NonNullable<Config["arm"]>, upstream: Config["upstream"]): ArmTransport {
  const base = new URL(arm.url);
  const ca = upstream.caPath ? readFileSync(upstream.caPath) : undefined;
  const agent = new https.Agent({ keepAlive: true, ca });

  function resolve(pathOrUrl: string): URL {
    const url = new URL(pathOrUrl, base);
    if (url.origin !== base.origin) {
      throw new UpstreamError({ kind: "malformed", detail: `Azure pointed Rolecall at ${url.origin}, which is not the configured ARM origin ${base.origin}; nothing was sent there` });
    }
    return url;
  }

  function send(method: "GET" | "POST", pathOrUrl: string, token: string | undefined, body?: unknown, timeoutMs = upstream.timeoutMs): Promise<JsonResponse> {
    let url: URL;
    try {
      url = resolve(pathOrUrl);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    } else if (method === "POST") headers["content-length"] = "0";
    const signal = AbortSignal.timeout(timeoutMs);
    return new Promise<JsonResponse>((done, fail) => {
      let tooLarge: number | undefined;
      const req = https.request(url, { method, headers, agent, signal }, (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            tooLarge = status;
            req.destroy(new Error("reply too large"));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (text.trim() === "") return done({ status, headers: res.headers, json: undefined });
          try {
            done({ status, headers: res.headers, json: JSON.parse(text) as unknown });
          } catch {
            fail(new UpstreamError({ kind: "malformed", status, detail: `the reply to ${method} ${url.pathname} is not JSON`, requestId: header(res.headers, "x-ms-request-id") }));
          }
        });
        res.on("error", (err) => fail(classifyNetworkError(err, signal, timeoutMs)));
      });
      req.on("error", (err: Error & { code?: string }) =>
        fail(tooLarge !== undefined ? new UpstreamError({ kind: "malformed", status: tooLarge, detail: `the reply is larger than ${MAX_BODY / 1024 / 1024} MB` }) : classifyNetworkError(err, signal, timeoutMs)),
      );
      req.end(payload);
    });
  }

  return { origin: base.origin, send, close: () => agent.destroy() };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
