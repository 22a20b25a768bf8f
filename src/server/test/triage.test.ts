import { afterEach, describe, expect, it } from "vitest";
import { FETCHED_AT_HEADER } from "../../shared/api.ts";
import { parseTargetPath, targetPath } from "../../shared/targets.ts";
import { TRIAGE_ROW_LIMIT } from "../../shared/triage.ts";
import { DEP, errorOf, startStack, SUB, waitFor, type LoggedRequest, type Stack } from "./harness.ts";
import { TRIAGE, triage } from "./triage-helpers.ts";

// The triage view (issue #14) over real HTTP: the real proxy in front of the real emulator (both
// faces), and the emulator's request log to count what each refresh costs upstream.

/** Which target an upstream read is of, or the kind's list it belongs to. */
function upstreamTarget(r: LoggedRequest): string {
  const classic = /\/services\/hostedservices\/([^/]+)\/deploymentslots\/(\w+)/i.exec(r.path);
  if (classic) return `classic ${classic[1]}/${classic[2]}`.toLowerCase();
  const arm = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/(cloudServices|virtualMachineScaleSets)\/([^/]+)/i.exec(r.path);
  if (arm) return `${arm[2]} ${arm[1]}/${arm[3]}`.toLowerCase();
  return `list ${r.face}`;
}

describe("triage: every instance that is not ready, across every target and kind", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("on the large scenario (50 services, a cloud service, a scale set): one read per target per refresh, shared", async () => {
    s = await startStack({ arm: true, emulator: { scenario: "large" }, env: { ROLECALL_CACHE_MS: "60000" } });
    const stack = s;
    const t = await triage(stack, "notReady=1");

    // Every kind's sick instances, and nothing ready.
    expect(new Set(t.rows.map((r) => r.kind))).toEqual(new Set(["classic", "extended", "scaleset"]));
    expect(t.rows.every((r) => r.instance.tone !== "ok" && r.firstSeenNotReady !== undefined)).toBe(true);
    expect(t.rows.length).toBe(t.targets.reduce((n, x) => n + x.notReadyCount, 0));
    expect(t.targets).toHaveLength(52);
    expect(t.failures).toEqual([]);

    // What the refresh cost upstream, read from the emulator's log (issue #14 asks for the figure):
    // 136 calls, all GETs. The lists, as the start page reads them: classic 1 List Hosted Services +
    // 50 Get Hosted Service; ARM 1 List All per kind. Then each target once: 50 Get Deployment; the
    // cloud service 1 Get + 10 pages of role instances (+ 1 instance view for its list); the scale
    // set 1 Get + 10 pages of VMs (+ 10 more for its list, which counts ready VMs).
    const log = await stack.upstreamRequests();
    expect(log.every((r) => r.method === "GET")).toBe(true);
    const perTarget = new Map<string, number>();
    for (const r of log) perTarget.set(upstreamTarget(r), (perTarget.get(upstreamTarget(r)) ?? 0) + 1);
    expect(Object.fromEntries([...perTarget].filter(([k]) => !k.startsWith("classic ")))).toEqual({
      "list classic": 51,
      "list arm": 2,
      "cloudservices rg-bigfleet/bigfleet-cses": 12,
      "virtualmachinescalesets rg-bigfleet/bigfleet-vmss": 21,
    });
    const deployments = log.filter((r) => /\/deploymentslots\/\w+$/i.test(r.path));
    expect(deployments).toHaveLength(50);
    expect(new Set(deployments.map(upstreamTarget)).size).toBe(50);
    expect(log).toHaveLength(136);
    // One read of each ARM target's resource (its instances are the pages).
    expect(log.filter((r) => /\/(cloudServices|virtualMachineScaleSets)\/[^/]+$/i.test(r.path))).toHaveLength(2);

    // Within the cache period, another refresh and 20 more viewers cost nothing more upstream, and
    // neither does a target page: they share the same reads.
    await stack.clearUpstreamRequests();
    await Promise.all(Array.from({ length: 20 }, () => triage(stack, "notReady=1")));
    await triage(stack, "q=web_in_1");
    expect((await stack.get(`/api/subscriptions/${SUB}/services/bigfleet/deployments/production`)).status).toBe(200);
    expect(await stack.upstreamRequests()).toEqual([]);
  });

  it("with the cache off, a refresh reads each target once, and concurrent viewers still share the reads", async () => {
    s = await startStack({ arm: true, emulator: { scenario: "large" }, env: { ROLECALL_CACHE_MS: "0" } });
    const stack = s;
    await triage(stack, "notReady=1");
    const one = (await stack.upstreamRequests()).length;
    await stack.clearUpstreamRequests();
    await stack.faults({ latencyMs: 50, match: { face: "any" } });
    await Promise.all(Array.from({ length: 5 }, () => triage(stack, "notReady=1")));
    const five = await stack.upstreamRequests();
    expect(five.length).toBeLessThanOrEqual(one);
    const reads = five.filter((r) => /\/deploymentslots\//i.test(r.path));
    expect(reads).toHaveLength(50);
  });

  it("one gathering of every target serves every search and viewer for 5 s, longer than the read cache", async () => {
    s = await startStack({ arm: true });
    const stack = s;
    await triage(stack, "notReady=1");
    await stack.clearUpstreamRequests();
    // The read cache (1 s) has let go of the target once a target page's read goes upstream again...
    const dep = `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`;
    await waitFor(async () => {
      await stack.clearUpstreamRequests();
      await stack.get(dep);
      return (await stack.upstreamRequests()).length > 0;
    }, "the read cache to expire", 4000);
    await stack.clearUpstreamRequests();
    // ...but searches typed meanwhile, and other viewers, are answered from the triage's own reads.
    await Promise.all(["ap", "api", "apiw", "10.0"].map((q) => triage(stack, `q=${q}`)));
    expect(await stack.upstreamRequests()).toEqual([]);
  });

  it("finds an instance by name (any case) or IP address prefix without knowing its service", async () => {
    s = await startStack({ arm: true });
    const byName = await triage(s, "q=apiworker_in_2");
    expect(byName.rows.map((r) => [r.label, r.instance.name])).toEqual([["contoso-web · production", "ApiWorker_IN_2"]]);
    const row = byName.rows[0];
    expect(row?.target).toBe(`/api/subscriptions/${SUB}/services/contoso-web/deployments/production`);
    expect(row?.firstSeenNotReady).toBeDefined();

    // Ready instances too, when only the search narrows.
    const web = await triage(s, "q=WebFrontend_IN_0");
    expect(web.rows.map((r) => r.label).sort()).toEqual(["contoso-web · production", "contoso-web · staging"]);
    expect(web.rows.every((r) => r.instance.tone === "ok" && r.firstSeenNotReady === undefined)).toBe(true);

    const ip = web.rows[0]?.instance.ipAddress ?? "";
    expect(ip).not.toBe("");
    const byIp = await triage(s, `q=${encodeURIComponent(ip)}`);
    expect(byIp.rows.map((r) => r.instance.ipAddress)).toContain(ip);
    expect(byIp.rows.every((r) => r.instance.ipAddress?.startsWith(ip))).toBe(true);
    // An address matches from its start only: the last digits of one do not find it.
    const tail = ip.split(".").slice(-2).join(".");
    expect((await triage(s, `q=${encodeURIComponent(`.${tail}`)}`)).rows.filter((r) => r.instance.ipAddress === ip)).toEqual([]);

    // Both at once: only the sick ones whose name matches.
    expect((await triage(s, "notReady=1&q=ApiWorker")).rows.map((r) => r.instance.name)).toEqual(["ApiWorker_IN_2"]);
  });

  it("caps the rows, worst first, and says how many matched", async () => {
    s = await startStack({ arm: true, emulator: { scenario: "large" } });
    const t = await triage(s, "q=_in_");
    expect(t.rows).toHaveLength(TRIAGE_ROW_LIMIT);
    expect(t.truncated).toBe(true);
    expect(t.matched).toBeGreaterThan(TRIAGE_ROW_LIMIT);
    // The sick ones are not cut off by the cap: they come first.
    const sick = (await triage(s, "notReady=1&q=_in_")).rows.map((r) => `${r.target} ${r.instance.name}`);
    expect(t.rows.slice(0, sick.length).map((r) => `${r.target} ${r.instance.name}`)).toEqual(sick);
  });

  it("remembers when it first saw an instance not ready, until it is seen ready again", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0" } });
    const first = (await triage(s, "notReady=1")).rows.find((r) => r.instance.name === "ApiWorker_IN_2");
    expect(first?.firstSeenNotReady).toBeDefined();
    await new Promise((r) => setTimeout(r, 20));
    const again = (await triage(s, "notReady=1")).rows.find((r) => r.instance.name === "ApiWorker_IN_2");
    expect(again?.firstSeenNotReady).toBe(first?.firstSeenNotReady);

    // Rebooted back to ready: gone from the view, and forgotten.
    const dep = `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`;
    expect((await s.post(`${dep}/instances/ApiWorker_IN_2/reboot`)).status).toBe(202);
    for (let i = 0; i < 40; i++) {
      const rows = (await triage(s, "q=ApiWorker_IN_2")).rows;
      if (rows[0]?.instance.tone === "ok") break;
      await s.control("POST", "clock/advance", { ms: 30_000 });
    }
    const after = await triage(s, "q=ApiWorker_IN_2");
    expect(after.rows[0]?.instance.tone).toBe("ok");
    expect((await triage(s, "notReady=1")).rows.map((r) => r.instance.name)).not.toContain("ApiWorker_IN_2");

    // Down again: a relapse is a new time, not the first one remembered.
    const stack = s;
    await waitFor(async () => (await stack.post(`${dep}/instances/ApiWorker_IN_2/reboot`)).status === 202, "the first reboot to let go of the target");
    const relapse = await waitFor(async () => {
      const row = (await triage(stack, "notReady=1")).rows.find((r) => r.instance.name === "ApiWorker_IN_2");
      if (!row) await stack.control("POST", "clock/advance", { ms: 1000 });
      return row;
    }, "the reboot to take it down");
    expect(Date.parse(relapse.firstSeenNotReady ?? "")).toBeGreaterThan(Date.parse(first?.firstSeenNotReady ?? ""));
  });

  it("first seen counts every read of a target: a target page read before any triage sets the time", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0" } });
    const before = Date.now();
    expect((await s.get(DEP)).status).toBe(200);
    const after = Date.now();
    await waitFor(() => Date.now() > after + 5, "the clock to move past the page's read");
    const row = (await triage(s, "notReady=1")).rows.find((r) => r.instance.name === "ApiWorker_IN_2");
    const seen = Date.parse(row?.firstSeenNotReady ?? "");
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(after);
  });

  it("answers 304 to a steady view, with the time of its oldest read in a header", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0" } });
    const first = await s.get(`${TRIAGE}?notReady=1`);
    const etag = first.headers.get("etag") ?? "";
    expect(Date.parse(first.headers.get(FETCHED_AT_HEADER) ?? "")).not.toBeNaN();
    const again = await s.get(`${TRIAGE}?notReady=1`, { "if-none-match": etag });
    expect(again.status).toBe(304);
  });

  it("refuses bad queries with a 400 naming the parameter", async () => {
    s = await startStack();
    const cases: [string, RegExp][] = [
      ["", /"notReady=1", or "q"/],
      ["notReady=0", /"notReady=1", or "q"/],
      ["q=a", /"q" must be at least 2 characters/],
      ["q=%20a%20", /"q" must be at least 2 characters/],
      [`q=${"x".repeat(129)}`, /"q" must be at most 128/],
      ["notReady=yes", /"notReady" must be 1/],
      ["notReady=1&notReady=1", /"notReady" must be given once/],
      ["notReady=1&kind=classic", /Unknown query parameter "kind": use notReady or q/],
    ];
    for (const [query, message] of cases) {
      const res = await s.get(`${TRIAGE}?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorOf(res).code).toBe("InvalidQuery");
      expect(errorOf(res).message, query).toMatch(message);
    }
    expect(errorOf(await s.get("/api/subscriptions/not-a-guid/instances?notReady=1")).code).toBe("InvalidName");
  });

  it("refuses a subscription Rolecall is not configured to show, without asking upstream", async () => {
    s = await startStack({ env: { ROLECALL_SUBSCRIPTIONS: "00000000-0000-0000-0000-000000000001" } });
    await s.clearUpstreamRequests();
    const res = await s.get(`${TRIAGE}?notReady=1`);
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe("UnknownSubscription");
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("row links name a real target", async () => {
    s = await startStack({ arm: true });
    const t = await triage(s, "notReady=1");
    for (const r of t.rows) {
      const ref = parseTargetPath(r.target);
      expect(ref && targetPath(ref)).toBe(r.target);
    }
  });
});
