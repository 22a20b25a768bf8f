import { afterEach, describe, expect, it } from "vitest";
import { auditListSchema, jobSchema } from "../../shared/api.ts";
import type { Authenticator } from "../auth/types.ts";
import { bearerFrom } from "../upstream/identity.ts";
import { startProxy } from "../main.ts";
import { DEP, startStack, waitFor, type Stack } from "./harness.ts";
import { driveUntil, JOBS, posts } from "./job-helpers.ts";

// A rolling job in passthrough mode acts with its owner's token, which Rolecall never stores.

describe("rolling jobs, passthrough", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("passthrough: after a restart the job waits for a person to be signed in; whoever resumes takes it over", async () => {
    s = await startStack({ emulator: { requireAuth: true } });
    const token = { authorization: "Bearer owner-token" };
    const res = await s.post(`${DEP}/jobs`, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 }, token);
    expect(res.status).toBe(202);
    const job = jobSchema.parse(res.body);
    await waitFor(async () => (await posts(s as Stack)).length === 1, "the first action to leave");
    await s.stopProxy();
    const again = await startProxy(s.env);
    try {
      const read = async () => jobSchema.parse(await (await fetch(`${again.url}${JOBS}/${job.id}`, { headers: token })).json());
      const paused = await waitFor(async () => {
        const j = await read();
        return j.state === "paused" ? j : undefined;
      }, "the job to wait for a person");
      expect(paused.pausedReason).toMatch(/Waiting for local operator \(or another operator\) to be signed in/);
      expect(await posts(s)).toHaveLength(1);
      const resumed = await fetch(`${again.url}${JOBS}/${job.id}/resume`, { method: "POST", headers: { ...token, origin: again.url, "content-type": "application/json" }, body: "{}" });
      expect(resumed.status).toBe(200);
      const done = await waitFor(async () => {
        const j = await read();
        if (j.state !== "running") return j;
        (s as Stack).emu.advance(60_000);
        return undefined;
      }, "the taken-over job to end", 20_000);
      expect(done.state).toBe("succeeded");
      expect((await posts(s)).map((r) => r.authorization.scheme)).toEqual(["Bearer", "Bearer"]);
    } finally {
      await again.close();
    }
  });

  it("passthrough: the job acts with the freshest token its owner's browser has sent", async () => {
    s = await startStack({ emulator: { requireAuth: true } });
    const stack = s;
    const first = { authorization: "Bearer token-at-start" };
    const fresher = { authorization: "Bearer token-renewed" };
    const res = await s.post(`${DEP}/jobs`, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 }, first);
    expect(res.status).toBe(202);
    const job = jobSchema.parse(res.body);
    await waitFor(async () => (await posts(stack)).length === 1, "the first action to leave");
    // The owner's page polls the target with a renewed token.
    expect((await s.get(DEP, fresher)).status).toBe(200);
    const done = await driveUntil(s, job.id, ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    const [one, two] = (await posts(s)).map((r) => r.authorization.fingerprint);
    expect(one).toBeTruthy();
    expect(two).toBeTruthy();
    expect(two).not.toBe(one);
  });

  it("passthrough: \"resume\" on a running job (someone else's click, a retry) changes nothing: the job keeps acting as its owner", async () => {
    // Two operators, each with their own Azure token, told apart by a header.
    const twoPeople: Authenticator = {
      mode: "test",
      authenticate: (req) => {
        const who = String(req.headers["x-user"] ?? "ada");
        const token = bearerFrom(req.headers.authorization);
        return Promise.resolve({ name: who, id: who, roles: ["reader", "operator"], upstreamToken: token, armToken: token });
      },
    };
    s = await startStack({ authenticator: twoPeople, emulator: { requireAuth: true } });
    const stack = s;
    const ada = { authorization: "Bearer ada-token", "x-user": "ada" };
    const bob = { authorization: "Bearer bob-token", "x-user": "bob" };
    const res = await s.post(`${DEP}/jobs`, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 }, ada);
    expect(res.status).toBe(202);
    const job = jobSchema.parse(res.body);
    await waitFor(async () => (await posts(stack)).length === 1, "the first action to leave");
    const resumed = await s.post(`${JOBS}/${job.id}/resume`, {}, bob);
    expect([resumed.status, jobSchema.parse(resumed.body).state]).toEqual([200, "running"]);
    const done = await waitFor(async () => {
      const j = jobSchema.parse((await stack.get(`${JOBS}/${job.id}`, ada)).body);
      if (j.state !== "running") return j;
      stack.emu.advance(60_000);
      return undefined;
    }, "the job to end", 20_000);
    expect(done.state).toBe("succeeded");
    expect(done.events?.map((e) => [e.actor, e.what])).toEqual([["ada", "started"], ["Rolecall", "succeeded"]]);
    // Both steps went to Azure with Ada's token, as the audit says.
    const [first, second] = (await posts(s)).map((r) => r.authorization.fingerprint);
    expect(second).toBe(first);
    const steps = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(DEP)}`, ada)).body).filter((e) => e.jobId === job.id && !e.jobEvent);
    expect(steps.map((e) => e.actor)).toEqual(["ada", "ada"]);
  });
});
