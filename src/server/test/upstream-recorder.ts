import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A pass-through HTTP hop between the proxy and the emulator that keeps the Authorization header of
// each request. The emulator's own log only says whether one was present; tests of passthrough need
// to know it was the user's management token and not the token Rolecall's API was called with.

export interface UpstreamRecorder {
  url: string;
  /** Where requests go; set once the emulator listens (the proxy needs the recorder's URL first). */
  forwardTo(target: string): void;
  authorizations(): string[];
  clear(): void;
  close(): Promise<void>;
}

/** `rewrite` may change a reply's headers on the way back (e.g. to garble x-ms-request-id). */
export async function startUpstreamRecorder(
  rewrite: (method: string, headers: Record<string, string | string[] | undefined>) => void = () => {},
): Promise<UpstreamRecorder> {
  let seen: string[] = [];
  let target = "http://127.0.0.1:9";
  const server: Server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? "");
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (reply) => {
      const headers = { ...reply.headers };
      rewrite(req.method ?? "GET", headers);
      res.writeHead(reply.statusCode ?? 502, headers);
      reply.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo: (next) => {
      target = next;
    },
    authorizations: () => seen,
    clear: () => {
      seen = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
