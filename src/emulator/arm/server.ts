import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorArmHandle, ResolvedArmOptions } from "../options.ts";
import { createSelfSigned } from "./certificate.ts";
import { errorBody } from "./errors.ts";
import { handleArmRequest, type ArmDeps } from "./pipeline.ts";
import { newRequestId } from "./wire.ts";

/** The ARM face's HTTPS listener: built here, bound by `listen`, which also writes the PEM to trust. */
export interface ArmListener {
  server: Server;
  listen(): Promise<EmulatorArmHandle>;
  close(): Promise<void>;
}

export function createArmListener(deps: ArmDeps, options: ResolvedArmOptions): ArmListener {
  // Without a certificate of its own the listener gets a self-signed one when it starts listening.
  const given = options.tls;
  let ca = given ? (given.ca ?? given.cert) : "";
  const server = createServer(given ? { cert: given.cert, key: given.key } : {}, (req, res) => void handleArmRequest(deps, req, res));

  // Requests Node cannot even parse still get ARM's JSON envelope, never Node's bare 400.
  server.on("clientError", (_err, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify(errorBody("BadRequest", "The request could not be parsed as HTTP."));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-ms-request-id: ${newRequestId()}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  let dir: string | undefined;
  const listen = async () => {
    if (!given) {
      const made = await createSelfSigned(options.host);
      server.setSecureContext({ cert: made.cert, key: made.key });
      ca = made.cert;
    }
    return new Promise<EmulatorArmHandle>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        const { port } = server.address() as AddressInfo;
        const host = options.host.includes(":") ? `[${options.host}]` : options.host;
        deps.arm.origin = `https://${host}:${port}`;
        dir = mkdtempSync(join(tmpdir(), "rolecall-emulator-arm-"));
        const caPath = join(dir, "ca.pem");
        writeFileSync(caPath, ca, { mode: 0o644 });
        resolve({ url: deps.arm.origin, port, ca, caPath, selfSigned: given === undefined });
      });
    });
  };

  const close = () =>
    new Promise<void>((done, fail) => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (!server.listening) return done();
      server.close((err) => (err ? fail(err) : done()));
      server.closeAllConnections();
    });

  return { server, listen, close };
}
