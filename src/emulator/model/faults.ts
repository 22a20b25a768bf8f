/**
 * Faults injected through the control API. They apply to API requests only (never to /_emulator).
 * Count-based faults are used up one matching request at a time.
 */
export type Face = "classic" | "arm";

export interface FaultMatch {
  /**
   * Which face the fault hits. Omitted = classic, as before the ARM face existed, so that a fault a
   * test meant for Service Management is never used up by an ARM request; `any` = both faces.
   */
  face?: Face | "any";
  method?: string;
  pathContains?: string;
}

export interface FailFault {
  count: number;
  status: number;
  code: string;
  message?: string;
}

export interface ThrottleFault {
  count: number;
  retryAfterSeconds: number;
  status: 429 | 503;
}

interface Rule<T> {
  value: T;
  match?: FaultMatch;
}

export type InjectedReply =
  | { kind: "fail"; status: number; code: string; message: string }
  | { kind: "throttle"; status: number; retryAfterSeconds: number }
  | { kind: "malformed" };

function matches(match: FaultMatch | undefined, face: Face, method: string, path: string): boolean {
  const wanted = match?.face ?? "classic";
  if (wanted !== "any" && wanted !== face) return false;
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.pathContains && !path.toLowerCase().includes(match.pathContains.toLowerCase())) return false;
  return true;
}

export class Faults {
  private latency: Rule<number>[] = [];
  private fail: Rule<FailFault>[] = [];
  private throttle: Rule<ThrottleFault>[] = [];
  private malformed: Rule<{ count: number }>[] = [];
  private locationOnly: Rule<{ count: number }>[] = [];

  clear(): void {
    this.latency = [];
    this.fail = [];
    this.throttle = [];
    this.malformed = [];
    this.locationOnly = [];
  }

  add(f: { latencyMs?: number; failNext?: FailFault; throttleNext?: ThrottleFault; malformedNext?: number; locationOnlyNext?: number; match?: FaultMatch }): void {
    const m = f.match;
    if (f.latencyMs !== undefined) this.latency.push({ value: f.latencyMs, match: m });
    if (f.failNext) this.fail.push({ value: { ...f.failNext }, match: m });
    if (f.throttleNext) this.throttle.push({ value: { ...f.throttleNext }, match: m });
    if (f.malformedNext) this.malformed.push({ value: { count: f.malformedNext }, match: m });
    // Only ARM has long-running operations, so this one is on the ARM face whatever `match.face` says.
    if (f.locationOnlyNext) this.locationOnly.push({ value: { count: f.locationOnlyNext }, match: { ...m, face: "arm" } });
  }

  /**
   * Uses up one matching `locationOnlyNext`: the accepted action's 202 then carries `Location` alone,
   * as the Cloud Services (extended support) spec example does (reference B5), so clients poll it.
   */
  takeLocationOnly(method: string, path: string): boolean {
    return takeOne(this.locationOnly, "arm", method, path) !== undefined;
  }

  /** Extra delay for this request (the largest matching latency). */
  latencyFor(face: Face, method: string, path: string): number {
    return Math.max(0, ...this.latency.filter((r) => matches(r.match, face, method, path)).map((r) => r.value));
  }

  /** Uses up one matching count-based fault, if any: throttling first, then failures, then garbling. */
  take(face: Face, method: string, path: string): InjectedReply | undefined {
    const t = takeOne(this.throttle, face, method, path);
    if (t) return { kind: "throttle", status: t.status, retryAfterSeconds: t.retryAfterSeconds };
    const f = takeOne(this.fail, face, method, path);
    if (f) return { kind: "fail", status: f.status, code: f.code, message: f.message ?? `Injected fault: ${f.code}.` };
    if (takeOne(this.malformed, face, method, path)) return { kind: "malformed" };
    return undefined;
  }
}

function takeOne<T extends { count: number }>(rules: Rule<T>[], face: Face, method: string, path: string): T | undefined {
  const rule = rules.find((r) => r.value.count > 0 && matches(r.match, face, method, path));
  if (!rule) return undefined;
  rule.value.count -= 1;
  return rule.value;
}
