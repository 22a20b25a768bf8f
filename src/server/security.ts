import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isLoopback } from "./config.ts";
import { ProxyError } from "./errors.ts";

/** CSP directives: no inline script or style, nothing from elsewhere unless configured. */
export function cspDirectives(connectSrc: string[]): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...connectSrc],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
  };
}

/**
 * The origins a browser may legitimately use to reach this proxy: http://HOST:PORT (with the other
 * loopback spellings when HOST is loopback) plus configured extras. Deliberately NOT derived from the
 * request's Host header: a DNS-rebinding page would control that.
 */
export function ownOrigins(host: string, port: number, extra: string[]): string[] {
  const hosts = isLoopback(host) ? ["127.0.0.1", "localhost", "[::1]", host.includes(":") && !host.startsWith("[") ? `[${host}]` : host] : [host];
  // Through URL so that port 80 is spelled as browsers send it (no ":80").
  return [...new Set([...hosts.map((h) => new URL(`http://${h}:${port}`).origin), ...extra])];
}

/**
 * Whether to send Strict-Transport-Security: only when every origin configured for browsers is
 * https, i.e. people reach Rolecall through a TLS-terminating proxy and nothing else (the listener's
 * own http://HOST:PORT gets it too, but browsers ignore HSTS over plain HTTP). Never with no origin
 * configured (plain HTTP on loopback), nor for a loopback host name: HSTS holds for the whole host,
 * and "localhost" pinned to https for a year would break every other local http server in that browser.
 */
export function sendsHsts(allowedOrigins: string[]): boolean {
  return (
    allowedOrigins.length > 0 &&
    allowedOrigins.every((o) => {
      const url = new URL(o);
      return url.protocol === "https:" && !isLoopback(url.hostname);
    })
  );
}

export async function registerSecurity(
  app: FastifyInstance,
  opts: { connectSrc: string[]; origins: () => string[]; allowedOrigins: string[] },
): Promise<void> {
  await app.register(helmet, {
    // useDefaults off: helmet's defaults add upgrade-insecure-requests, which breaks http://127.0.0.1.
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts.connectSrc) },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // A year, for exactly the host browsers use: no includeSubDomains or preload, which would bind
    // hosts that are not Rolecall's to HTTPS.
    strictTransportSecurity: sendsHsts(opts.allowedOrigins) ? { maxAge: 31_536_000, includeSubDomains: false, preload: false } : false,
  });

  app.addHook("onRequest", (request, _reply, done) => {
    const origins = opts.origins();
    // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends Host: evil.example.
    const hosts = new Set(origins.map((o) => new URL(o).host));
    if (!hosts.has((request.headers.host ?? "").toLowerCase())) {
      throw new ProxyError("WrongHost", `Rolecall does not answer for host "${request.headers.host ?? ""}". Open it at ${origins[0] ?? "its configured address"}.`);
    }
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") {
      done();
      return;
    }
    checkSameOrigin(request, origins);
    const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    // application/json cannot be sent cross-site without a CORS preflight, which we never grant.
    if (type !== "application/json") {
      throw new ProxyError("UnsupportedMediaType", "Send requests that change something with Content-Type: application/json.");
    }
    done();
  });
}

function checkSameOrigin(request: FastifyRequest, origins: string[]): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origins.includes(origin)) return;
    throw new ProxyError("CrossSiteRequest", `Requests from ${origin} are refused: only pages served by Rolecall itself may change things.`);
  }
  if (request.headers["sec-fetch-site"] === "same-origin") return;
  throw new ProxyError("CrossSiteRequest", "Requests that change something must come from Rolecall's own page (an Origin header is required).");
}
