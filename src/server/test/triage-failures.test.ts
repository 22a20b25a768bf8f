import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { triageSchema } from "../../shared/triage.ts";
import { errorOf, startStack, SUB, type Stack } from "./harness.ts";
import { TRIAGE, triage } from "./triage-helpers.ts";

// The triage view when Azure does not answer, refuses, or answers what it should not: what is
// listed, what is marked stale, and which gatherings are not reused.

/**
 * A hop between the proxy and the emulator that rewrites reply bodies (`rewrite(url, body)`): Azure
 * answering something the emulator never would. Replies are read whole, uncompressed.
 */
async function startRewritingHop(rewrite: (url: string, body: string) => string) {
  let target = "http://127.0.0.1:9";
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers["accept-encoding"];
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on("data", (c: Buffer) => chunks.push(c));
      reply.on("end", () => {
        const body = rewrite(req.url ?? "", Buffer.concat(chunks).toString("utf8"));
        const out = { ...reply.headers, "content-length": String(Buffer.byteLength(body)) };
        delete out["transfer-encoding"];
        res.writeHead(reply.statusCode ?? 502, out).end(body);
      });
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo(url: string) {
      target = url;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("triage: what could not be read", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("does not reuse a gathering whose every list failed: the next request after an outage reads again", async () => {
    // The read cache is 1 s, so a gathering that can be reused is reused for 5 s.
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0" } });
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError", message: "Down for a moment." }, match: { method: "GET", pathContains: "/services/hostedservices" } });
    const down = await s.get(`${TRIAGE}?notReady=1`);
    expect(down.status).toBe(502);
    expect(errorOf(down).code).toBe("UpstreamError");
    // Azure answers again: the next request reads again rather than repeating the outage.
    const back = await triage(s, "notReady=1");
    expect(back.failures).toEqual([]);
    expect(back.rows.map((r) => r.instance.name)).toContain("ApiWorker_IN_2");
  });

  it("does not reuse a gathering with a read refused for its credentials (an expired token): the next refresh reads again", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0" } });
    await s.faults({ failNext: { count: 1, status: 401, code: "AuthenticationFailed", message: "The token has expired." }, match: { pathContains: "hostedservices/contoso-web/deploymentslots/production" } });
    const refused = await triage(s, "notReady=1");
    expect(refused.failures.map((f) => [f.label, f.error.code])).toEqual([["contoso-web · production", "UpstreamForbidden"]]);
    // The person's next refresh (with a renewed token) is read again, not answered with the refusal.
    const again = await triage(s, "notReady=1");
    expect(again.failures).toEqual([]);
    expect(again.rows.map((r) => r.instance.name)).toContain("ApiWorker_IN_2");
    // A gathering without such a failure is shared as before: the next request costs nothing upstream.
    await s.clearUpstreamRequests();
    await triage(s, "q=ApiWorker");
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("never reads a target whose name in Azure's list breaks the name patterns: it is listed as malformed", async () => {
    // Get Hosted Service names contoso-billing as a path that climbs to another service.
    const hop = await startRewritingHop((url, body) => (url.includes("/hostedservices/contoso-billing?") ? body.replace("<ServiceName>contoso-billing</ServiceName>", "<ServiceName>contoso-billing/../contoso-web</ServiceName>") : body));
    try {
      s = await startStack({ emulatorUrl: hop.url, env: { ROLECALL_CACHE_MS: "0" } });
      hop.forwardTo(s.emu.url);
      const t = await triage(s, "notReady=1");
      expect(t.failures.map((f) => [f.kind, f.label, f.target, f.error.code])).toEqual([
        ["classic", "contoso-billing/../contoso-web · production", undefined, "UpstreamMalformed"],
        ["classic", "contoso-billing/../contoso-web · staging", undefined, "UpstreamMalformed"],
      ]);
      expect(t.failures[0]?.error.message).toMatch(/not one Azure allows, so Rolecall did not read it/);
      // The others are read as always; nothing of the refused one went upstream.
      expect(t.targets.map((x) => x.label)).toContain("contoso-web · production");
      const reads = (await s.upstreamRequests()).filter((r) => /deploymentslots/i.test(r.path));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.path.toLowerCase().includes("billing"))).toEqual([]);
    } finally {
      await s?.close();
      s = undefined;
      await hop.close();
    }
  });

  it("lists a target it could not read, with its error code, and a last good copy as stale", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_CACHE_MS: "0", ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_STALE_MAX_MS: "600000" } });
    // Everything was read once, so last good copies are kept. Then the scale set's reads fail (its
    // list's instance read, then both reads of the target), and the billing production slot is refused.
    await triage(s, "notReady=1");
    await s.faults({ failNext: { count: 3, status: 500, code: "InternalError", message: "Something broke." }, match: { face: "arm", pathContains: "virtualMachineScaleSets/checkout-web" } });
    await s.faults({ failNext: { count: 1, status: 403, code: "ForbiddenError", message: "No." }, match: { pathContains: "hostedservices/contoso-billing/deploymentslots/production" } });
    const res = await s.get(`${TRIAGE}?notReady=1`);
    expect(res.status).toBe(200);
    const t = triageSchema.parse(res.body);
    expect(t.failures.map((f) => [f.kind, f.label, f.target, f.error.code])).toEqual([
      ["classic", "contoso-billing · production", `/api/subscriptions/${SUB}/services/contoso-billing/deployments/production`, "UpstreamForbidden"],
    ]);
    const vmss = t.targets.find((x) => x.label === "rg-checkout/checkout-web");
    expect(vmss?.stale?.error.code).toBe("UpstreamError");
    expect(t.staleLists).toEqual([expect.objectContaining({ kind: "scaleset" })]);
    // The header names the earliest time Azure stopped answering, of a list or of a target.
    const since = [vmss?.stale?.since, ...t.staleLists.map((l) => l.stale.since)].filter((x): x is string => !!x).sort()[0];
    expect(res.headers.get("x-rolecall-stale")).toBe(since);
    // The others still answer: the sick instances of the other targets are there.
    expect(t.rows.map((r) => r.instance.name)).toEqual(expect.arrayContaining(["ApiWorker_IN_2", "ApiRole_IN_1"]));
    expect(t.rows.filter((r) => r.label === "rg-checkout/checkout-web").length).toBeGreaterThan(0);
  });

  it("says a list shown from its last good copy in the stale header too, even when every target was read afresh", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_CACHE_MS: "0", ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_STALE_MAX_MS: "600000" } });
    await triage(s, "notReady=1");
    // Lists are read before targets: the one failure is the scale set list's own read of its VMs.
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError", message: "Something broke." }, match: { face: "arm", pathContains: "virtualMachineScaleSets/checkout-web" } });
    const res = await s.get(`${TRIAGE}?notReady=1`);
    const t = triageSchema.parse(res.body);
    expect(t.staleLists.map((l) => l.kind)).toEqual(["scaleset"]);
    expect(t.targets.filter((x) => x.stale)).toEqual([]);
    expect(res.headers.get("x-rolecall-stale")).toBe(t.staleLists[0]?.stale.since);
  });
});
