import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

export interface WireReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they crossed the wire (fetch would decode them). */
  raw: Buffer;
  /** The body after undoing Content-Encoding. */
  decoded: Buffer;
}

/** One request over real HTTP with node:http, which leaves Content-Encoding alone. */
export function wire(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<WireReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: opts.method ?? "GET", path, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const coding = res.headers["content-encoding"];
        const decoded = raw.length === 0 ? raw : coding === "br" ? brotliDecompressSync(raw) : coding === "gzip" ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, decoded });
      });
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

export const json = (r: WireReply): unknown => JSON.parse(r.decoded.toString("utf8"));
