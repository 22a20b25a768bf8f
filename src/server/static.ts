import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { ProxyError } from "./errors.ts";

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rolecall</title></head>
<body><h1>Rolecall</h1><p>The dashboard has not been built yet. Run <code>npm run build</code>, then reload this page.</p>
<p>The JSON API is available under <a href="/api/health">/api</a>.</p></body></html>`;

/** Vite names every file under assets/ after a hash of its content: a new build is a new URL. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built SPA from `dir`. Any other GET outside /api gets index.html so client-side routes
 * deep-link; unknown /api paths get the JSON error envelope.
 *
 * Files go out as the build precompressed them (`x.js.br`, `x.js.gz` beside `x.js`, see
 * vite.config.ts), chosen by Accept-Encoding, else as they are. Hashed assets are cached for a year;
 * everything else (index.html, favicon) is revalidated on each use (`no-cache`, with its ETag).
 */
export async function registerStatic(app: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);
  const assets = join(root, "assets") + sep;
  const built = existsSync(join(root, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      index: "index.html",
      preCompressed: true,
      // send's own Cache-Control (public, max-age=0) would overwrite the one set here.
      cacheControl: false,
      // `path` is the file sent: for a precompressed one, `x.js.br`.
      setHeaders: (res, path) => {
        res.setHeader("cache-control", path.startsWith(assets) ? IMMUTABLE : "no-cache");
        res.setHeader("vary", "accept-encoding");
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (path === "/api" || path.startsWith("/api/") || (request.method !== "GET" && request.method !== "HEAD")) {
      const e = new ProxyError("NotFound", `There is no ${request.method} ${path} in the Rolecall API.`);
      return reply.code(404).send(e.toBody());
    }
    if (!built) return reply.code(path === "/" ? 200 : 404).type("text/html; charset=utf-8").send(notBuilt);
    // index.html must not be cached: it names the hashed bundles of the current build.
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
