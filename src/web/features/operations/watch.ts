import type { Deployment, Operation, OperationError } from "../../../shared/api.ts";
import type { Action } from "../../../shared/names.ts";
import type { StatusTone } from "../../../shared/status-catalog.ts";
import { operationKey, outcomeUnknown } from "./key.ts";

// What the page saw happen to an instance while an operation acted on it: the statuses each poll of
// the target read, in order, from the first poll that showed the operation in flight until the
// instance is settled again (ready, after the operation ended). Azure says only whether the
// operation succeeded; this record is what lets the page say what happened to the instance, and
// when it was ready again. Pure: fed one poll at a time.

export interface Seen {
  status: string;
  tone: StatusTone;
  /** ms epoch the proxy read this status (the poll's fetchedAt). */
  at: number;
}

export interface Watch {
  /** The operation's key (key.ts): its id, or what stands for it while it has none. */
  opId: string;
  action: Action;
  instance: string;
  /** The /api path of the target. */
  target: string;
  requestedBy: string;
  requestedAt: string;
  /** Consecutive repeats folded: one entry per change. */
  seen: Seen[];
  /** `unknown`: Rolecall let the target go without learning whether Azure ran the action. */
  end?: { status: "Succeeded" | "Failed"; at: number; error?: OperationError | undefined; unknown?: true };
  /** The first read after a successful end that showed the instance ready. */
  readyAt?: number;
  /** No longer followed: ready again after its end, or a newer operation took the instance over. */
  settled: boolean;
}

export const watchKey = (opId: string, instance: string) => `${opId}\u0000${instance}`;

/** At most this many records are kept, newest last: a long session does not grow without end. */
const LIMIT = 200;

function addSeen(w: Watch, s: Seen): Watch {
  const last = w.seen[w.seen.length - 1];
  if (last && last.status === s.status) return w;
  return { ...w, seen: [...w.seen, s] };
}

function endOf(op: Operation | undefined, learnedAt: number): Watch["end"] {
  if (!op || op.status === "InProgress") return undefined;
  const finished = op.finishedAt ? Date.parse(op.finishedAt) : Number.NaN;
  return { status: op.status, at: Number.isNaN(finished) ? learnedAt : finished, error: op.error, ...(outcomeUnknown(op) ? { unknown: true as const } : {}) };
}

/**
 * The records after one poll of `target`: operations in flight start or extend theirs; records whose
 * operation left `inFlight` take its end from the operations list (when it has it) and follow the
 * instance until it is ready again.
 */
export function observe(watches: ReadonlyMap<string, Watch>, target: string, d: Deployment, ops: readonly Operation[] | undefined): Map<string, Watch> {
  const at = Date.parse(d.fetchedAt) || Date.now();
  const now = new Map(d.instances.map((i) => [i.name, i]));
  const next = new Map(watches);
  const running = d.inFlight.filter((o) => o.status === "InProgress");
  const runningKeys = new Set<string>();

  for (const op of running) {
    const opId = operationKey(op);
    for (const name of op.instances) {
      const key = watchKey(opId, name);
      runningKeys.add(key);
      // A newer operation on the instance ends the following of older ones.
      for (const [k, w] of next) if (w.target === target && w.instance === name && w.opId !== opId && !w.settled) next.set(k, { ...w, settled: true });
      let w = next.get(key) ?? { opId, action: op.action, instance: name, target, requestedBy: op.requestedBy, requestedAt: op.requestedAt, seen: [], settled: false };
      const i = now.get(name);
      if (i) w = addSeen(w, { status: i.status, tone: i.tone, at });
      next.delete(key); // re-inserted last: the newest stay when the list is trimmed
      next.set(key, w);
    }
  }

  for (const [key, w0] of next) {
    if (w0.target !== target || w0.settled || runningKeys.has(key)) continue;
    let w = w0;
    if (!w.end) {
      const end = endOf(ops?.find((o) => operationKey(o) === w.opId), at);
      if (end) w = { ...w, end };
    }
    const i = now.get(w.instance);
    if (!i) w = { ...w, settled: true };
    else {
      w = addSeen(w, { status: i.status, tone: i.tone, at });
      // Ready counts only on a read made after the end: a read from before it says nothing of the result.
      if (w.end && i.tone === "ok" && at >= w.end.at) w = { ...w, settled: true, ...(w.end.status === "Succeeded" ? { readyAt: at } : {}) };
    }
    if (w !== w0) next.set(key, w);
  }

  while (next.size > LIMIT) next.delete(next.keys().next().value as string);
  return next;
}

/** The latest record of each instance of `target`, by instance name. */
export function latestByInstance(watches: ReadonlyMap<string, Watch>, target: string): Map<string, Watch> {
  const out = new Map<string, Watch>();
  for (const w of watches.values()) if (w.target === target) out.set(w.instance, w);
  return out;
}
