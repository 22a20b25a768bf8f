import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionAcceptedSchema,
  appConfigSchema,
  auditListSchema,
  cloudServiceListSchema,
  deploymentSchema,
  healthSchema,
  meSchema,
  operationSchema,
} from "../../shared/api.ts";
import { z } from "zod";
import { actionPath, DEP, errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";

// Every endpoint of DESIGN.md §3 (plus the operations list), replies checked against the shared schemas.
describe("JSON API", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it("GET /api/health", async () => {
    const res = await s.get("/api/health");
    expect(res.status).toBe(200);
    expect(healthSchema.parse(res.body)).toEqual({ ok: true, upstream: "emulator", version: "0.1.0", upstreams: { classic: true, arm: false } });
  });

  it("GET /api/config names the subscriptions and poll intervals", async () => {
    const config = appConfigSchema.parse((await s.get("/api/config")).body);
    expect(config.mode).toBe("emulator");
    expect(config.auth).toEqual({ mode: "none" });
    expect(config.poll).toEqual({ fastMs: 2000, slowMs: 15000 });
    expect(config.subscriptions).toContainEqual({ id: SUB, name: expect.any(String) as string });
  });

  it("GET /api/me is the local operator", async () => {
    expect(meSchema.parse((await s.get("/api/me")).body)).toEqual({ name: "local operator", id: "local", roles: ["reader", "operator"] });
  });

  it("GET /api/subscriptions lists what the upstream knows", async () => {
    const res = await s.get("/api/subscriptions");
    expect(res.status).toBe(200);
    expect(z.array(z.object({ id: z.string(), name: z.string() })).parse(res.body).map((x) => x.id)).toContain(SUB);
  });

  it("GET services lists cloud services with their deployments", async () => {
    const res = await s.get(`/api/subscriptions/${SUB}/services`);
    expect(res.status).toBe(200);
    const services = cloudServiceListSchema.parse(res.body);
    const web = services.find((x) => x.name === "contoso-web");
    expect(web?.deployments.map((d) => d.slot)).toEqual(["production", "staging"]);
    expect(web?.deployments[0]?.instanceCount).toBe(7);
    // ApiWorker_IN_2 is unresponsive in the demo scenario; staging is all ready.
    expect(web?.deployments.map((d) => d.readyCount)).toEqual([6, 4]);
    expect(services.map((x) => x.name)).toEqual(expect.arrayContaining(["contoso-billing", "fabrikam-jobs"]));
  });

  it("GET a deployment returns roles, instances, freshness and no in-flight operation", async () => {
    const res = await s.get(DEP);
    expect(res.status).toBe(200);
    const dep = deploymentSchema.parse(res.body);
    expect(dep).toMatchObject({ kind: "classic", slot: "production" });
    expect(dep.roles).toEqual([
      { name: "WebFrontend", instanceCount: 4 },
      { name: "ApiWorker", instanceCount: 3 },
    ]);
    expect(dep.instances.find((i) => i.name === "ApiWorker_IN_2")).toMatchObject({ status: "UnresponsiveRole", tone: "failed" });
    expect(dep.instances.find((i) => i.name === "WebFrontend_IN_0")).toMatchObject({ status: "ReadyRole", tone: "ok" });
    expect(Date.now() - Date.parse(dep.fetchedAt)).toBeLessThan(10_000);
    expect(dep.inFlight).toEqual([]);
  });

  it("GET an empty or unknown deployment is a 404 envelope", async () => {
    const res = await s.get(`/api/subscriptions/${SUB}/services/no-such-service/deployments/production`);
    expect(res.status).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: "NotFound", upstreamStatus: 404, upstreamCode: "ResourceNotFound" });
  });

  it("POST an action, follow the operation to its end, and find it in the audit", async () => {
    const res = await s.post(actionPath("WebFrontend_IN_3", "reboot"));
    expect(res.status).toBe(202);
    const accepted = actionAcceptedSchema.parse(res.body);
    expect(accepted).toMatchObject({ action: "reboot", instances: ["WebFrontend_IN_3"], requestedBy: "local operator" });

    const dep = deploymentSchema.parse((await s.get(DEP)).body);
    expect(dep.inFlight.map((o) => o.id)).toEqual([accepted.operationId]);

    const opPath = `/api/subscriptions/${SUB}/operations/${accepted.operationId}`;
    const op = operationSchema.parse((await s.get(opPath)).body);
    expect(op).toMatchObject({ id: accepted.operationId, status: "InProgress", action: "reboot", target: DEP });

    s.emu.advance(60 * 60_000);
    const done = await waitFor(async () => {
      const o = operationSchema.parse((await s.get(opPath)).body);
      return o.status !== "InProgress" ? o : undefined;
    }, "operation to finish");
    expect(done).toMatchObject({ status: "Succeeded", httpStatusCode: 200 });
    expect(done.finishedAt).toBeDefined();

    const list = z.array(operationSchema).parse((await s.get(`/api/subscriptions/${SUB}/operations`)).body);
    expect(list[0]).toMatchObject({ id: accepted.operationId, status: "Succeeded" });

    const audit = auditListSchema.parse((await s.get("/api/audit?service=contoso-web&instance=WebFrontend_IN_3")).body);
    expect(audit[0]).toMatchObject({ operationId: accepted.operationId, outcome: "Succeeded", actor: "local operator", subscription: SUB, target: DEP });
  });

  it("GET /api/audit?target= returns only that target's entries, each naming it", async () => {
    const staging = `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`;
    for (const [target, instance] of [[DEP, "WebFrontend_IN_1"], [staging, "WebFrontend_IN_0"]] as const) {
      expect((await s.post(`${target}/instances/${instance}/reboot`)).status).toBe(202);
    }
    const ofStaging = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(staging)}`)).body);
    expect(ofStaging.map((e) => [e.target, e.instances])).toEqual([[staging, ["WebFrontend_IN_0"]]]);
    // The subscription's case and the service's case do not matter, as upstream.
    const spelt = `/api/subscriptions/${SUB.toUpperCase()}/services/CONTOSO-WEB/deployments/production`;
    const ofProduction = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(spelt)}`)).body);
    expect(ofProduction.length).toBeGreaterThan(0);
    expect(ofProduction.every((e) => e.target === DEP)).toBe(true);
    const bad = await s.get(`/api/audit?target=${encodeURIComponent("/api/subscriptions/x/services/y")}`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: "InvalidQuery" });
    expect(errorOf(bad).message).toMatch(/target/);
  });

  it("GET an operation Rolecall did not start is a 404 envelope", async () => {
    const res = await s.get(`/api/subscriptions/${SUB}/operations/${"ab".repeat(16)}`);
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe("UnknownOperation");
  });

  it("GET /api/audit filters and pages newest first", async () => {
    for (const slot of ["staging", "production"] as const) {
      const svc = "contoso-billing";
      const dep = await s.get(`/api/subscriptions/${SUB}/services/${svc}/deployments/${slot}`);
      const instance = deploymentSchema.parse(dep.body).instances[0]?.name ?? "";
      expect((await s.post(actionPath(instance, "reimage", svc, slot))).status).toBe(202);
    }
    const all = auditListSchema.parse((await s.get("/api/audit?limit=500")).body);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const page1 = auditListSchema.parse((await s.get("/api/audit?service=contoso-billing&limit=1")).body);
    expect(page1).toHaveLength(1);
    expect(page1[0]?.target).toBe(`/api/subscriptions/${SUB}/services/contoso-billing/deployments/production`);
    const page2 = auditListSchema.parse((await s.get(`/api/audit?service=contoso-billing&limit=1&before=${page1[0]?.id ?? 0}`)).body);
    expect(page2[0]?.target).toBe(`/api/subscriptions/${SUB}/services/contoso-billing/deployments/staging`);
    const staging = auditListSchema.parse((await s.get("/api/audit?slot=staging&service=contoso-billing")).body);
    expect(staging.length).toBeGreaterThan(0);
    expect(staging.every((e) => e.target.endsWith("/services/contoso-billing/deployments/staging"))).toBe(true);
    expect((await s.get("/api/audit?limit=0")).status).toBe(400);
    expect((await s.get("/api/audit?slot=prod")).status).toBe(400);
  });

  it("GET /api/audit?before= takes a real time (normalised) and refuses impossible ones and unknown parameters", async () => {
    const all = auditListSchema.parse((await s.get("/api/audit?limit=500")).body);
    expect(all.length).toBeGreaterThan(0);
    // An offset time is compared as the instant it names, not as text: one second after the newest
    // entry, written at -05:00, sorts before it as text but is later.
    const later = new Date(Date.parse(all[0]?.at ?? "") + 1000 - 5 * 3600_000).toISOString().replace("Z", "-05:00");
    const page = auditListSchema.parse((await s.get(`/api/audit?limit=500&before=${encodeURIComponent(later)}`)).body);
    expect(page).toHaveLength(all.length);
    expect(auditListSchema.parse((await s.get("/api/audit?before=2000-01-01T00:00:00Z")).body)).toEqual([]);
    for (const bad of ["2024-02-31T00:00:00Z", "2024-13-01T00:00:00Z", "yesterday"]) {
      const res = await s.get(`/api/audit?before=${bad}`);
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toContain('"before"');
    }
    const unknown = await s.get("/api/audit?servce=contoso-web");
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).message).toContain('"servce"');
  });

  it("serves a plain page at / when the SPA is not built, and a JSON 404 for unknown /api paths", async () => {
    const page = await s.get("/");
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain("npm run build");
    const missing = await s.get("/api/nope");
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe("NotFound");
  });
});
