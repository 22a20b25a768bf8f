import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { FETCHED_AT_HEADER, STALE_HEADER } from "../../shared/api.ts";
import { targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import { TRIAGE_QUERY_MAX, TRIAGE_QUERY_MIN, type Triage, type TriageFailure, type TriageRow, type TriageTarget } from "../../shared/triage.ts";
import type { Backend, TargetData } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import { orderRows, triageTarget, type TriageFilter } from "../triage.ts";
import { toProxyError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import type { Read } from "../upstream/last-good.ts";
import { mapLimited } from "../upstream/map-limited.ts";
import { checkSubscriptionAllowed, identityOf, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { configuredTargets, type ConfiguredTarget } from "./targets.ts";

/**
 * Targets read at once. Each read goes through the shared cache (Reads.target), shared with the
 * target pages; the bound keeps a subscription of many targets from arriving at Azure as one burst.
 */
const CONCURRENT_READS = 6;

const PARAMS = "notReady or q";
// Empty values count as absent (a form may send `q=`).
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const triageQuery = z.strictObject({
  notReady: opt(z.enum(["0", "1"], { error: "must be 1 (only instances that are not ready) or 0" })),
  q: opt(
    z
      .string()
      .trim()
      .min(TRIAGE_QUERY_MIN, `must be at least ${TRIAGE_QUERY_MIN} characters of an instance name or IP address`)
      .max(TRIAGE_QUERY_MAX, `must be at most ${TRIAGE_QUERY_MAX} characters`),
  ),
});

function parseQuery(query: unknown): TriageFilter {
  const parsed = triageQuery.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
      throw new ProxyError("InvalidQuery", `Unknown query parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: use ${PARAMS}.`);
    }
    const name = String(issue?.path[0] ?? "query");
    // A repeated parameter arrives as an array: say so rather than what one value must be.
    const message = Array.isArray((query as Record<string, unknown> | undefined)?.[name]) ? "must be given once" : (issue?.message ?? "is not valid");
    throw new ProxyError("InvalidQuery", `Query parameter "${name}" ${message}.`);
  }
  const notReady = parsed.data.notReady === "1";
  const q = parsed.data.q?.toLowerCase();
  // Neither would list every instance of the subscription: thousands of rows nobody asked for.
  if (!notReady && q === undefined) throw new ProxyError("InvalidQuery", `Give "notReady=1", or "q" with at least ${TRIAGE_QUERY_MIN} characters of an instance name or IP address.`);
  return { notReady, q };
}

type Staleness = Triage["staleLists"][number]["stale"];

/**
 * A kind's list: the targets it names and whose identity reads them, and those it names in a form
 * Rolecall refuses (never read); or why it could not be read.
 */
type Listed =
  | { kind: Backend["kind"]; identity: UpstreamIdentity; refs: TargetRef[]; refused: TriageFailure[]; stale?: Staleness }
  | { kind: Backend["kind"]; error: ProxyError };

/** Every list and every target read once: what any triage answer of the subscription is made from. */
interface Gathered {
  lists: Listed[];
  targets: { ref: TargetRef; read: Read<TargetData> | ProxyError }[];
}

/**
 * How long one gathering serves every triage request of the same subscription and upstream
 * identities, counted from when its last read is in: whatever their filter or search, and however
 * many viewers. Target pages share reads for ROLECALL_CACHE_MS (1 s); a triage view, which reads
 * every target, is slower to need them again (it polls at the slow interval) and would otherwise
 * cost a full fan-out per viewer per refresh, and per search typed. 0 (with ROLECALL_CACHE_MS=0)
 * only joins concurrent requests.
 */
const REUSE_MS = 5000;

/** A refusal of the caller's credentials: a renewed token, or another try, may read what this could not. */
const isAuthFailure = (e: ProxyError) => e.code === "Unauthenticated" || e.code === "UpstreamForbidden";

/**
 * Whether a gathering may serve later requests. Not when no list could be read (an outage: the
 * next request should try again, not repeat the error for 5 s), nor when any read was refused for
 * the credentials (an expired passthrough token: the person's next request, with a renewed one,
 * must not be answered with the refusal).
 */
function reusable({ lists, targets }: Gathered): boolean {
  if (lists.every((l) => "error" in l)) return false;
  const errors = [...lists.flatMap((l) => ("error" in l ? [l.error] : [])), ...targets.flatMap((t) => (t.read instanceof ProxyError ? [t.read] : []))];
  return !errors.some(isAuthFailure);
}

const failureOf = (kind: Backend["kind"], e: ProxyError, target?: TargetRef): TriageFailure => ({
  kind,
  ...(target ? { target: targetPath(target), label: targetLabel(target) } : {}),
  error: { code: e.code, message: e.message },
});

/**
 * GET /api/subscriptions/{sub}/instances?notReady=1&q= — the triage view (shared/triage.ts): every
 * kind's list of targets, then each target, all through the shared cache and with the caller's own
 * upstream identity, so each person sees what Azure lets them see. What could not be read is listed
 * as such; when nothing at all could be listed, the first list's error is the answer, as the list
 * routes would give it.
 */
export function triageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const reuseMs = deps.config.cacheMs === 0 ? 0 : Math.max(REUSE_MS, deps.config.cacheMs);
  const recent = new Map<string, { until: number; gathered: Promise<Gathered> }>();

  async function list(request: FastifyRequest, sub: string, { route, backend }: ConfiguredTarget): Promise<Listed> {
    try {
      const identity = identityOf(deps, request, backend.kind);
      const read = await deps.reads.targets(backend, identity, sub, request.log);
      const listed = read.value.flatMap((s) => route.targetsOf(sub, s));
      const refs = listed.flatMap((l) => ("ref" in l ? [l.ref] : []));
      // Reported, never read: the name would be sent upstream as part of a path.
      const refused = listed.flatMap((l): TriageFailure[] =>
        "refused" in l
          ? [{ kind: backend.kind, label: l.refused.label, error: { code: "UpstreamMalformed", message: `Azure listed ${l.refused.label} among the ${route.plural}, but ${l.refused.detail}, so Rolecall did not read it.` } }]
          : [],
      );
      return { kind: backend.kind, identity, refs, refused, ...(read.stale ? { stale: read.stale } : {}) };
    } catch (err) {
      return { kind: backend.kind, error: toProxyError(err, `list the ${route.plural} of subscription ${sub}`) };
    }
  }

  async function gather(request: FastifyRequest, sub: string, configured: ConfiguredTarget[]): Promise<Gathered> {
    const lists = await Promise.all(configured.map((c) => list(request, sub, c)));
    const refs = lists.flatMap((l) => ("error" in l ? [] : l.refs.map((ref) => ({ ref, identity: l.identity }))));
    const targets = await mapLimited(refs, CONCURRENT_READS, async ({ ref, identity }) => {
      try {
        return { ref, read: await deps.reads.target(identity, ref, request.log) };
      } catch (err) {
        const e = toProxyError(err, `read ${targetLabel(ref)}`);
        // Not thrown, so the app's error handler does not log it: its cause (internal text) goes here.
        if (e.code === "InternalError") request.log.warn({ err: e.cause, target: targetPath(ref) }, "triage could not read a target");
        return { ref, read: e };
      }
    });
    return { lists, targets };
  }

  /** A gathering shared by requests with the same subscription and upstream partitions (see REUSE_MS). */
  function shared(request: FastifyRequest, sub: string): Promise<Gathered> {
    const configured = configuredTargets(deps.backends);
    const partitions = configured.map(({ backend }) => {
      try {
        return backend.partition(identityOf(deps, request, backend.kind));
      } catch {
        return "-"; // the list will say why (no token for that upstream)
      }
    });
    const key = `${sub}|${partitions.join("|")}`;
    const now = Date.now();
    for (const [k, e] of recent) if (e.until <= now) recent.delete(k);
    const hit = recent.get(key);
    if (hit) return hit.gathered;
    const entry = { until: Number.POSITIVE_INFINITY, gathered: gather(request, sub, configured) };
    recent.set(key, entry);
    // Requests that came while it was gathered share it whatever it holds; later ones only when it
    // is reusable, for reuseMs counted from when the reads are in.
    const forget = () => {
      if (recent.get(key) === entry) recent.delete(key);
    };
    entry.gathered.then((gathered) => {
      if (reusable(gathered)) entry.until = Date.now() + reuseMs;
      else forget();
    }, forget);
    return entry.gathered;
  }

  app.get("/api/subscriptions/:sub/instances", async (request, reply): Promise<Triage> => {
    const { sub } = names(request.params, ["sub"]);
    const filter = parseQuery(request.query);
    checkSubscriptionAllowed(deps, sub);

    const { lists, targets: reads } = await shared(request, sub);
    const unlisted = lists.flatMap((l) => ("error" in l ? [l] : []));
    const [firstUnlisted] = unlisted;
    if (firstUnlisted && unlisted.length === lists.length) throw firstUnlisted.error;
    const failures = [...unlisted.map((l) => failureOf(l.kind, l.error)), ...lists.flatMap((l) => ("error" in l ? [] : l.refused))];
    const staleLists = lists.flatMap((l) => ("error" in l || !l.stale ? [] : [{ kind: l.kind, stale: l.stale }]));

    const rows: TriageRow[] = [];
    const targets: TriageTarget[] = [];
    let oldest: number | undefined;
    // The oldest time Azure stopped answering, of a list or a target: what the stale header says.
    let staleSince = staleLists.reduce<string | undefined>((min, l) => (!min || l.stale.since < min ? l.stale.since : min), undefined);
    for (const { ref, read } of reads) {
      if (read instanceof ProxyError) {
        failures.push(failureOf(ref.kind, read, ref));
        continue;
      }
      const one = triageTarget(ref, read, filter, deps.firstSeen);
      targets.push(one.target);
      rows.push(...one.rows);
      oldest = Math.min(oldest ?? read.fetchedAt, read.fetchedAt);
      if (read.stale && (!staleSince || read.stale.since < staleSince)) staleSince = read.stale.since;
    }

    // The body leaves the fetch time out, so a steady view revalidates to a 304 (as a target read
    // does); the time of the oldest read travels in the header.
    if (oldest !== undefined) reply.header(FETCHED_AT_HEADER, new Date(oldest).toISOString());
    if (staleSince) reply.header(STALE_HEADER, staleSince);
    const byPath = (a: { target?: string; kind: string }, b: { target?: string; kind: string }) => (a.target ?? a.kind).localeCompare(b.target ?? b.kind);
    return {
      notReady: filter.notReady,
      ...(filter.q !== undefined ? { q: filter.q } : {}),
      ...orderRows(rows),
      targets: targets.sort(byPath),
      staleLists,
      failures: failures.sort(byPath),
    };
  });
}
