import { scenarioNames, type ScenarioName } from "./model/scenarios.ts";
import type { ClockMode } from "./model/clock.ts";

export interface EmulatorTlsOptions {
  cert: string;
  key: string;
  ca: string;
  requestClientCert: boolean;
}

/** The ARM face (cloud services, extended support, and scale sets): a second listener, always HTTPS. */
export interface EmulatorArmOptions {
  /** 0 = a free port. */
  port?: number;
  /** Default: the emulator's `host`. */
  host?: string;
  /** Certificate and key (PEM) of the HTTPS listener; without them a self-signed one is made. */
  tls?: {
    cert: string;
    key: string;
    /** What a client must trust; default the certificate itself. */
    ca?: string;
  };
  /** Items per page of every list operation before a `nextLink` (default 100). */
  pageSize?: number;
}

export interface EmulatorOptions {
  /** 0 = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  scenario?: ScenarioName;
  seed?: number;
  /** Default 1 = realistic minutes; 60 = a minute per second. */
  speed?: number;
  /** manual: time only moves via the control endpoint or `handle.advance`. Default real. */
  clock?: ClockMode;
  /** Requests without `Authorization: Bearer …` (or, with TLS, a valid client certificate) get 403. */
  requireAuth?: boolean;
  /** Serve HTTPS; with `requestClientCert`, a client certificate signed by `ca` is required. */
  tls?: EmulatorTlsOptions;
  /** Fraction of actions that fail, deterministic from seed. Default 0. */
  failureRate?: number;
  /** Also serve Azure Resource Manager for cloud services (extended support) and scale sets. Off when absent. */
  arm?: EmulatorArmOptions;
}

export interface EmulatorArmHandle {
  /** `https://host:port`, the `endpoint` of an ARM client. */
  url: string;
  port: number;
  /** The PEM a client must trust to reach `url` (the self-signed certificate, or the given one / its CA). */
  ca: string;
  /** A file holding `ca` (for ROLECALL_CA_PATH or NODE_EXTRA_CA_CERTS); removed on close. */
  caPath: string;
  /** True when the emulator made the certificate itself. */
  selfSigned: boolean;
}

export interface EmulatorHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  advance(ms: number): void;
  reset(scenario?: string, seed?: number): void;
  /** Present when the emulator was started with `arm`. */
  arm?: EmulatorArmHandle;
}

export interface ResolvedArmOptions {
  port: number;
  host: string;
  tls?: { cert: string; key: string; ca?: string };
  pageSize: number;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, "tls" | "arm">> & { tls?: EmulatorTlsOptions; arm?: ResolvedArmOptions };

export function isScenario(value: string): value is ScenarioName {
  return (scenarioNames as readonly string[]).includes(value);
}

/** Fills defaults and rejects values that make no sense, naming the option. */
export function resolveOptions(opts: EmulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: opts.port ?? 0,
    host: opts.host ?? "127.0.0.1",
    scenario: opts.scenario ?? "demo",
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 1,
    clock: opts.clock ?? "real",
    requireAuth: opts.requireAuth ?? false,
    failureRate: opts.failureRate ?? 0,
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.arm ? { arm: resolveArm(opts.arm, opts.host ?? "127.0.0.1") } : {}),
  };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new RangeError("port must be an integer from 0 to 65535");
  if (!isScenario(resolved.scenario)) throw new RangeError(`scenario must be one of ${scenarioNames.join(", ")}`);
  if (!Number.isInteger(resolved.seed)) throw new RangeError("seed must be an integer");
  if (!Number.isFinite(resolved.speed) || resolved.speed <= 0) throw new RangeError("speed must be a positive number");
  if (!["real", "manual"].includes(resolved.clock)) throw new RangeError('clock must be "real" or "manual"');
  if (!(resolved.failureRate >= 0 && resolved.failureRate <= 1)) throw new RangeError("failureRate must be between 0 and 1");
  return resolved;
}

function resolveArm(arm: EmulatorArmOptions, host: string): ResolvedArmOptions {
  const resolved: ResolvedArmOptions = { port: arm.port ?? 0, host: arm.host ?? host, pageSize: arm.pageSize ?? 100, ...(arm.tls ? { tls: arm.tls } : {}) };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new RangeError("arm.port must be an integer from 0 to 65535");
  if (!Number.isInteger(resolved.pageSize) || resolved.pageSize < 1 || resolved.pageSize > 1000) throw new RangeError("arm.pageSize must be an integer from 1 to 1000");
  if (resolved.tls && (resolved.tls.cert.trim() === "" || resolved.tls.key.trim() === "")) throw new RangeError("arm.tls needs both cert and key");
  return resolved;
}
