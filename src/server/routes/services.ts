import type { FastifyInstance } from "fastify";
import { FETCHED_AT_HEADER, STALE_HEADER, type Deployment, type JobSummary } from "../../shared/api.ts";
import { targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { TargetData } from "../backends/types.ts";
import { etagOf } from "../http/etag.ts";
import { toProxyError } from "../upstream/errors.ts";
import type { Read } from "../upstream/last-good.ts";
import { checkSubscriptionAllowed, identityOf, lendableIdentity, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { configuredTargets, targetOf } from "./targets.ts";

interface Serialised {
  /** `value` as JSON without its opening brace: `"name":…}`, for the per-request head to prefix. */
  tail: Buffer;
  /** A hash of `tail`, computed on first use (once per upstream fetch). */
  tag?: string;
  /** The last reply made of it, and its head (the per-request fields). */
  head?: string;
  body?: Buffer;
}

// Kept as UTF-8 bytes, not a string: Fastify would otherwise measure (Buffer.byteLength) and then
// encode the whole reply on every send, each a pass over a string of hundreds of KB.
const serialisedTargets = new WeakMap<TargetData, Serialised>();
function serialised(value: TargetData): Serialised {
  let entry = serialisedTargets.get(value);
  if (entry === undefined) {
    // Encode the whole string, then drop the "{" byte: encoding a sliced string is several times slower.
    entry = { tail: Buffer.from(JSON.stringify(value), "utf8").subarray(1) };
    serialisedTargets.set(value, entry);
  }
  return entry;
}

/**
 * The whole reply: the same Buffer as long as the head is the same, so that every viewer of one
 * upstream fetch is sent one body, which the transport (http/transport.ts) then compresses once.
 */
function bodyOf(data: Serialised, head: string): Buffer {
  if (data.body === undefined || data.head !== head) {
    const start = Buffer.from(head, "utf8");
    data.body = Buffer.concat([start, data.tail]);
    data.head = head;
    // The tail's bytes now live in the body too: keep one copy of them.
    data.tail = data.body.subarray(start.length);
  }
  return data.body;
}

/**
 * The ETag of a target read: everything in the body but `fetchedAt`, i.e. the upstream data and the
 * per-request fields. Each upstream fetch (at most one per cache period, 1 s by default) gives a new
 * `fetchedAt`, so a tag over the whole body changed on nearly every poll and steady targets never got
 * a 304. Weak, as every /api tag is: two bodies that differ only in `fetchedAt` are the same
 * statuses, read at different times (RFC 9110 §8.8.1), and the time travels in FETCHED_AT_HEADER.
 */
function targetEtag(data: Serialised, rest: Omit<Deployment, keyof TargetData | "fetchedAt">): string {
  data.tag ??= etagOf(data.tail);
  return etagOf(`${data.tag}\n${JSON.stringify(rest)}`);
}

/** The target's newest job that has not ended, in brief: what a viewer of the target must know of it. */
async function openJobOf(deps: AppDeps, target: TargetRef): Promise<JobSummary | undefined> {
  const [job] = await deps.store.jobs.list({ subscription: target.subscription, target: targetPath(target), states: ["running", "paused"], limit: 1 });
  if (!job || (job.state !== "running" && job.state !== "paused")) return undefined;
  const { id, state, action, requestedBy, requestedAt, pausedReason } = job;
  const stepsDone = job.steps.filter((s) => s.state === "succeeded" || s.state === "skipped").length;
  return { id, state, action, requestedBy, requestedAt, stepsDone, steps: job.steps.length, pausedReason };
}

/** The targets of a subscription, and one target with its instances, for each configured kind. */
export function serviceRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const { route, backend } of configuredTargets(deps.backends)) {
    app.get(route.list, async (request, reply): Promise<unknown[]> => {
      const { sub } = names(request.params, ["sub"]);
      checkSubscriptionAllowed(deps, sub);
      let read: Read<unknown[]>;
      try {
        read = await deps.reads.targets(backend, identityOf(deps, request, backend.kind), sub, request.log);
      } catch (err) {
        throw toProxyError(err, `list the ${route.plural} of subscription ${sub}`);
      }
      // A list has no room for the mark in its body: the headers carry it (and the copy's time). A
      // browser merges a 304's headers into the reply it keeps, so the stale copy gets a tag of its
      // own: under the fresh list's tag, the marks it left would stay on after Azure answers again.
      if (read.stale) {
        deps.metrics?.stale("targets");
        reply.header(STALE_HEADER, read.stale.since).header(FETCHED_AT_HEADER, new Date(read.fetchedAt).toISOString());
        reply.header("etag", etagOf(`${JSON.stringify(read.value)}\nstale since ${read.stale.since}`));
      }
      return read.value;
    });

    app.get(route.path, async (request, reply) => {
      const target = targetOf(route, request);
      checkSubscriptionAllowed(deps, target.subscription);
      let read: Read<TargetData>;
      try {
        read = await deps.reads.target(identityOf(deps, request, target.kind), target, request.log);
      } catch (err) {
        throw toProxyError(err, `read ${targetLabel(target)}`);
      }
      // An operator watching the target keeps its in-flight operation checkable when the poller's
      // own identity is refused (an expired token, or none after a restart in passthrough mode).
      const lendable = lendableIdentity(deps, request, target.kind);
      if (lendable) deps.tracker.lend(target, lendable);
      if (lendable && request.actor) deps.jobs.refreshOwner(targetPath(target), request.actor.id, lendable);
      // The instance list (up to thousands) is serialised once per upstream fetch and shared by every
      // viewer served from the cache; only the small per-request fields are added here.
      const fetchedAt = new Date(read.fetchedAt).toISOString();
      const [inFlight, job] = await Promise.all([deps.tracker.inFlight(target), openJobOf(deps, target)]);
      const rest = { stale: read.stale, inFlight, job };
      const head: Pick<Deployment, "fetchedAt" | "stale" | "inFlight" | "job"> = { fetchedAt, ...rest };
      const data = serialised(read.value);
      const body = bodyOf(data, `${JSON.stringify(head).slice(0, -1)},`);
      // The transport layer (http/transport.ts) keeps a route's own ETag, and answers 304 to it.
      reply.header("etag", targetEtag(data, rest));
      reply.header(FETCHED_AT_HEADER, fetchedAt);
      if (read.stale) {
        deps.metrics?.stale("target");
        reply.header(STALE_HEADER, read.stale.since);
      }
      return reply.type("application/json; charset=utf-8").send(body);
    });
  }
}
