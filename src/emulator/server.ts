import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createArmListener, type ArmListener } from "./arm/server.ts";
import { errorXml } from "./classic/errors.ts";
import { handleRequest, type PipelineDeps } from "./classic/pipeline.ts";
import { newRequestId } from "./classic/wire.ts";
import { createClock } from "./model/clock.ts";
import { Faults } from "./model/faults.ts";
import { RequestLog } from "./model/request-log.ts";
import { EmulatorState } from "./model/state.ts";
import { resolveOptions, isScenario, type EmulatorHandle, type EmulatorOptions } from "./options.ts";

/**
 * Builds the emulator without listening: one state, clock, faults and request log behind both faces,
 * the classic Service Management listener and, with `arm`, the ARM listener (HTTPS).
 */
export function createEmulator(opts: EmulatorOptions = {}): {
  deps: PipelineDeps;
  server: Server;
  arm?: ArmListener;
  listen(): Promise<EmulatorHandle>;
} {
  const options = resolveOptions(opts);
  const clock = createClock(options.clock);
  const state = new EmulatorState({ scenario: options.scenario, seed: options.seed, speed: options.speed, failureRate: options.failureRate, clock });
  const deps: PipelineDeps = { options, state, faults: new Faults(), log: new RequestLog() };
  const arm = options.arm ? createArmListener({ ...deps, arm: { pageSize: options.arm.pageSize, origin: "" } }, options.arm) : undefined;
  const onRequest: Parameters<typeof createHttpServer>[1] = (req, res) => void handleRequest(deps, req, res);
  const server: Server = options.tls
    ? createHttpsServer(
        { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: options.tls.requestClientCert, rejectUnauthorized: false },
        onRequest,
      )
    : createHttpServer(onRequest);

  // Requests Node cannot even parse still get the Error XML, never Node's bare 400.
  server.on("clientError", (_err, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const body = errorXml("BadRequest", "The request could not be parsed as HTTP.");
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-ms-request-id: ${newRequestId()}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  const listenClassic = () =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const closeClassic = () =>
    new Promise<void>((done, fail) => {
      if (!server.listening) return done();
      server.close((err) => (err ? fail(err) : done()));
      server.closeAllConnections();
    });

  const listen = async (): Promise<EmulatorHandle> => {
    const port = await listenClassic();
    let armHandle: EmulatorHandle["arm"];
    try {
      armHandle = await arm?.listen();
    } catch (err) {
      await closeClassic();
      throw err;
    }
    const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
    return {
      url: `${options.tls ? "https" : "http"}://${hostForUrl}:${port}`,
      port,
      close: async () => {
        await Promise.all([closeClassic(), arm?.close()]);
      },
      advance: (ms) => clock.advance(ms),
      reset: (scenario, seed) => {
        if (scenario !== undefined && !isScenario(scenario)) throw new RangeError(`unknown scenario "${scenario}"`);
        state.reset(scenario, seed);
        deps.faults.clear();
        deps.log.clear();
      },
      ...(armHandle ? { arm: armHandle } : {}),
    };
  };

  return { deps, server, ...(arm ? { arm } : {}), listen };
}
