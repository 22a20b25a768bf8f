import { z } from "zod";
import { scenarioNames } from "./model/scenarios.ts";
import { snapshot } from "./model/snapshot.ts";
import type { EmulatorState } from "./model/state.ts";
import type { Faults } from "./model/faults.ts";
import type { RequestLog } from "./model/request-log.ts";

/**
 * Test control under `/_emulator/` (a prefix the real API cannot have), served on both faces' listeners
 * and acting on both: JSON in and out, no x-ms-version or api-version, never affected by faults and
 * never logged. Faults pick their face with `match.face` (omitted = classic).
 */
export interface ControlDeps {
  state: EmulatorState;
  faults: Faults;
  log: RequestLog;
}

export interface JsonReply {
  status: number;
  json?: unknown;
}

const resetBody = z.strictObject({ scenario: z.enum(scenarioNames).optional(), seed: z.number().int().optional() });
const advanceBody = z.strictObject({ ms: z.number().nonnegative() });
const count = z.number().int().positive();
const faultsBody = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  failNext: z
    .strictObject({ count, status: z.number().int().min(400).max(599), code: z.string().min(1), message: z.string().optional() })
    .optional(),
  throttleNext: z
    .strictObject({ count, retryAfterSeconds: z.number().int().min(0), status: z.union([z.literal(429), z.literal(503)]).default(429) })
    .optional(),
  malformedNext: count.optional(),
  locationOnlyNext: count.optional(),
  failNextOperations: z.number().int().min(0).optional(),
  failNextInstances: z.number().int().min(0).optional(),
  match: z
    .strictObject({ face: z.enum(["classic", "arm", "any"]).optional(), method: z.string().min(1).optional(), pathContains: z.string().min(1).optional() })
    .optional(),
});

const bad = (message: string): JsonReply => ({ status: 400, json: { error: { code: "BadRequest", message } } });

function parse<T>(schema: z.ZodType<T>, raw: string): { ok: true; value: T } | { ok: false; reply: JsonReply } {
  let data: unknown = {};
  if (raw.trim() !== "") {
    try {
      data = JSON.parse(raw);
    } catch {
      return { ok: false, reply: bad("The body is not valid JSON.") };
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return { ok: false, reply: bad(detail) };
  }
  return { ok: true, value: result.data };
}

type ControlHandler = (deps: ControlDeps, body: string) => JsonReply;

const table: Record<string, Partial<Record<string, ControlHandler>>> = {
  reset: {
    POST: (deps, body) => {
      const p = parse(resetBody, body);
      if (!p.ok) return p.reply;
      deps.state.reset(p.value.scenario, p.value.seed);
      deps.faults.clear();
      deps.log.clear();
      return { status: 204 };
    },
  },
  "clock/advance": {
    POST: (deps, body) => {
      const p = parse(advanceBody, body);
      if (!p.ok) return p.reply;
      deps.state.clock.advance(p.value.ms);
      return { status: 200, json: { now: new Date(deps.state.now()).toISOString() } };
    },
  },
  faults: {
    POST: (deps, body) => {
      const p = parse(faultsBody, body);
      if (!p.ok) return p.reply;
      const { failNextOperations, failNextInstances, ...requestFaults } = p.value;
      deps.faults.add(requestFaults);
      if (failNextOperations !== undefined) deps.state.forced.failOperations += failNextOperations;
      if (failNextInstances !== undefined) deps.state.forced.failInstances += failNextInstances;
      return { status: 204 };
    },
    DELETE: (deps) => {
      deps.faults.clear();
      deps.state.forced = { failOperations: 0, failInstances: 0 };
      return { status: 204 };
    },
  },
  state: { GET: (deps) => ({ status: 200, json: snapshot(deps.state) }) },
  requests: {
    GET: (deps) => ({ status: 200, json: deps.log.list() }),
    DELETE: (deps) => {
      deps.log.clear();
      return { status: 204 };
    },
  },
};

/** `segments` are the path segments after `_emulator`. */
export function handleControl(deps: ControlDeps, method: string, segments: string[], body: string): JsonReply {
  const entry = table[segments.join("/")];
  if (!entry) return { status: 404, json: { error: { code: "NotFound", message: `No control endpoint /_emulator/${segments.join("/")}.` } } };
  const handler = entry[method];
  if (!handler) {
    const allowed = Object.keys(entry).join(", ");
    return { status: 405, json: { error: { code: "MethodNotAllowed", message: `Use ${allowed} for this control endpoint.` } } };
  }
  return handler(deps, body);
}
