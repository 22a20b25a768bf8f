import compress from "@fastify/compress";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { brotliCompressSync, gzipSync, type BrotliOptions, type ZlibOptions } from "node:zlib";
import { etagOf, ifNoneMatchMatches } from "./etag.ts";

/** Bodies smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * A one-call compressor that keeps what it made for as long as the body Buffer it was given lives.
 * A route that hands one Buffer to many requests (a target read, shared by every viewer served from
 * the same upstream fetch) is compressed once per coding, not once per viewer: ~1.4 ms of brotli for
 * a 2,000-instance read, which 100 viewers polling paid hundreds of times a second. Bodies are never
 * changed once sent, so a Buffer names its bytes; strings get a new Buffer per reply and no reuse.
 */
function reusing<O>(compressSync: (body: Buffer, options?: O) => Buffer): (body: Buffer, options?: O) => Buffer {
  // Keyed by the body alone: @fastify/compress passes each coding the same options on every call (its
  // brotliOptions / zlibOptions, fixed when it is registered), so they cannot change the output.
  const made = new WeakMap<Buffer, Buffer>();
  return (body, options) => {
    let compressed = made.get(body);
    if (compressed === undefined) made.set(body, (compressed = compressSync(body, options)));
    return compressed;
  };
}

/** An /api route (by the route matched, so `/%61pi/…` counts) or, for a miss, an /api path. */
function isApi(request: FastifyRequest): boolean {
  const path = request.routeOptions.url ?? request.url.split("?")[0] ?? "";
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The wire behaviour of /api replies (DESIGN.md §4, Transport):
 * - compressed (br, else gzip, as Accept-Encoding allows) from 1 KB on, by @fastify/compress. The
 *   built SPA is not compressed here: its files are precompressed at build time (vite.config.ts) and
 *   served by @fastify/static (static.ts);
 * - a 200 GET carries an ETag (the route's own, else a hash of the identity body; every coding shares it) and
 *   `Cache-Control: private, no-cache` (replies are per user; the browser revalidates each time), and
 *   a matching If-None-Match gets 304 with no body;
 * - everything else under /api (errors, POST replies) is `no-store`.
 * Register before any route: @fastify/compress attaches itself to routes as they are added.
 */
export async function registerTransport(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook (registered below), which reads this flag.
  app.addHook("onRoute", (route) => {
    const url = route.url;
    if (url !== "/api" && !url.startsWith("/api/")) route.compress ??= false;
  });
  await app.register(compress, {
    global: true,
    encodings: ["br", "gzip"],
    threshold: COMPRESS_THRESHOLD_BYTES,
    // Replies up to 1 MiB (a 2,000-instance target is ~340 KB of JSON) are compressed in one call:
    // ~1 ms at brotli quality 4, against ~5 ms through a stream and the thread pool (measured for
    // issue 12; `npm run bench -- separate` shows the 100-viewer effect).
    syncThreshold: 1024 * 1024,
    // Requests are small JSON bodies: accepting compressed ones would only add an inflate step an
    // attacker could lean on.
    globalDecompression: false,
    // Node's zlib, with the one-call compressors of our two codings keeping their output (above); the
    // plugin takes everything else (streams for larger replies) from Node's own.
    zlib: { brotliCompressSync: reusing<BrotliOptions>(brotliCompressSync), gzipSync: reusing<ZlibOptions>(gzipSync) },
  });

  // An instance-level onSend hook runs before the route-level one @fastify/compress adds, so it sees
  // the identity body, and a 304 leaves it with nothing to compress.
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode === 304) {
      // No body, so nothing to describe (@fastify/static's 304 of a precompressed file names its coding).
      reply.removeHeader("content-encoding");
      reply.removeHeader("content-type");
    }
    if (!isApi(request)) return payload;
    if (!(request.method === "GET" || request.method === "HEAD") || reply.statusCode !== 200 || !(typeof payload === "string" || Buffer.isBuffer(payload))) {
      reply.removeHeader("etag");
      if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
      return payload;
    }
    // A route may name its reply itself (a target read's tag leaves out its fetch time, see
    // routes/services.ts); otherwise the tag is a hash of the body.
    const own = reply.getHeader("etag");
    const etag = typeof own === "string" && own ? own : etagOf(payload);
    reply.header("etag", etag);
    reply.header("cache-control", "private, no-cache");
    // Also on identity and 304 replies: a cache must not hand one coding to a client asking for another.
    addVary(reply, "accept-encoding");
    if (ifNoneMatchMatches(request.headers["if-none-match"], etag)) {
      reply.code(304);
      reply.removeHeader("content-type");
      reply.removeHeader("content-length");
      // Fastify's HEAD handler, which runs last, measures the payload for Content-Length (the 200's
      // length, as RFC 9110 allows on a 304) and cannot take none; a HEAD reply has no body anyway.
      return request.method === "HEAD" ? payload : null;
    }
    return payload;
  });
}

function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? "")).split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (list.includes("*") || list.includes(field)) return;
  reply.header("vary", [...list, field].join(", "));
}
