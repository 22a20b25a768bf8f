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

export async function startUpstreamRecorder(): Promise<UpstreamRecorder> {
  let seen: string[] = [];
  let target = "http://127.0.0.1:9";
  const server: Server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? "");
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
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
