import { describe, expect, it } from "vitest";
import type { Deployment, Instance, Operation } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { outcomeOf, outcomeText, whatHappened } from "./outcome.ts";
import { latestByInstance, observe, type Watch } from "./watch.ts";

const T = "/api/subscriptions/s/services/web/deployments/staging";
const inst = (name: string, status: string): Instance => ({ name, role: "W", status, tone: statusTone(status), powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small" });
const op = (id: string, status: Operation["status"], extra: Partial<Operation> = {}): Operation => ({
  id, status, action: "reimage", instances: ["W_0"], requestedBy: "Ada", requestedAt: "2025-01-01T10:30:15.000Z", target: T, ...extra,
});
const at = (s: number) => new Date(Date.parse("2025-01-01T10:30:15.000Z") + s * 1000).toISOString();
const poll = (s: number, status: string, inFlight: Operation[]): Deployment => ({
  kind: "classic", name: "web", status: "Running", label: "web", upgradeDomainCount: 1, roles: [], instances: [inst("W_0", status), inst("W_1", "ReadyRole")], fetchedAt: at(s), inFlight,
});

/** Feeds polls in order; `list` is what the operations list says at each. */
function run(polls: [seconds: number, status: string, running: boolean, list?: Operation[]][]): Watch {
  let w = new Map<string, Watch>();
  for (const [s, status, running, list] of polls) w = observe(w, T, poll(s, status, running ? [op("a", "InProgress")] : []), list);
  const only = latestByInstance(w, T).get("W_0");
  if (!only) throw new Error("no record");
  return only;
}

describe("observe + outcomeOf", () => {
  it("a success is 'done, not ready' until a read after its end shows Ready, then says when and how long", () => {
    const done = op("a", "Succeeded", { finishedAt: at(50) });
    const waiting = run([[0, "ReadyRole", true], [10, "StoppingRole", true], [50, "StartingRole", false, [done]]]);
    const o = outcomeOf(waiting);
    expect(o?.tone).toBe("warn");
    expect(o && outcomeText(o, Date.parse(at(120)))).toBe("Reimage done · not ready after 2 min");
    const ready = run([[0, "ReadyRole", true], [10, "StoppingRole", true], [50, "StartingRole", false, [done]], [73, "ReadyRole", false, [done]]]);
    expect(ready.settled).toBe(true);
    expect(outcomeOf(ready)?.summary).toMatch(/^Reimage done · Ready at .+ \(1 min 13 s\)$/);
    expect(whatHappened(ready)).toBe("went through Stopping role, Starting role, back to Ready");
  });

  it("a failure says the instance was not reimaged and what it went through", () => {
    const failed = op("a", "Failed", { finishedAt: at(80), error: { code: "InternalError", message: "Retry." } });
    const w = run([[0, "ReadyRole", true], [5, "StoppingRole", true], [40, "StoppedVM", true], [80, "StartingVM", false, [failed]], [200, "ReadyRole", false, [failed]]]);
    const o = outcomeOf(w);
    expect(o?.failed).toBe(true);
    expect(o?.summary).toBe("Reimage failed · went through Stopping role, Stopped, Starting VM, back to Ready · not reimaged");
    expect(o?.short).toBe("Reimage failed · went down and back to Ready · not reimaged");
    expect(o?.detail).toContain("Azure said: Retry. (InternalError)");
  });

  it("a failure the instance never showed says it stayed Ready; one still down says where it is", () => {
    const failed = op("a", "Failed", { finishedAt: at(3) });
    expect(outcomeOf(run([[0, "ReadyRole", true], [4, "ReadyRole", false, [failed]]]))?.summary).toBe("Reimage failed · stayed Ready in every read · not reimaged");
    const down = outcomeOf(run([[0, "ReadyRole", true], [2, "StoppingRole", true], [4, "StoppedVM", false, [failed]]]));
    expect(down?.summary).toBe("Reimage failed · went through Stopping role, now Stopped · not reimaged");
    expect(down?.short).toBe("Reimage failed · now Stopped · not reimaged");
  });

  it("a read from before the end does not count as ready, and the end waits for the list", () => {
    const w = run([[0, "ReadyRole", true], [1, "ReadyRole", false, []]]);
    expect(w.end).toBeUndefined();
    expect(outcomeOf(w)).toBeUndefined();
    const early = run([[0, "ReadyRole", true], [1, "ReadyRole", false, [op("a", "Succeeded", { finishedAt: at(5) })]]]);
    expect(early.readyAt).toBeUndefined();
  });

  it("a newer operation on the instance takes over: the latest record is the newer one", () => {
    let w = observe(new Map(), T, poll(0, "ReadyRole", [op("a", "InProgress")]), []);
    w = observe(w, T, poll(5, "StoppingRole", []), [op("a", "Failed")]);
    w = observe(w, T, poll(9, "StoppingRole", [op("b", "InProgress", { action: "reboot" })]), [op("a", "Failed")]);
    const latest = latestByInstance(w, T).get("W_0");
    expect(latest?.opId).toBe("b");
    expect([...w.values()].find((x) => x.opId === "a")?.settled).toBe(true);
  });

  it("an action whose start was never confirmed (no id) ends with its outcome unknown, apart from another one like it", () => {
    const held = (requestedAt: string) => op("", "InProgress", { unconfirmed: true, requestedAt });
    const ended = (requestedAt: string) => op("", "Failed", { unconfirmed: true, requestedAt, finishedAt: at(2), error: { code: "UpstreamTimeout", message: "Azure did not answer." } });
    const other = "2025-01-01T09:00:00.000Z"; // an older one, ended, on the same target
    let w = observe(new Map(), T, poll(0, "ReadyRole", [held(at(0))]), [held(at(0)), ended(other)]);
    w = observe(w, T, poll(5, "StoppingRole", [held(at(0))]), [held(at(0)), ended(other)]);
    expect(outcomeOf(latestByInstance(w, T).get("W_0") as Watch)).toBeUndefined(); // still held: the row says so already
    w = observe(w, T, poll(60, "ReadyRole", []), [ended(at(0)), ended(other)]);
    const o = outcomeOf(latestByInstance(w, T).get("W_0") as Watch);
    expect(o).toMatchObject({ tone: "warn", failed: false, summary: "Seen here: went through Stopping role, back to Ready" });
    expect(o?.short).toBe("Reimage: outcome unknown — check the instance · went down and back to Ready");
    expect(o?.detail).toContain("Rolecall could not confirm whether Azure got the reimage of W_0");
    expect(o?.detail).toContain("Azure did not answer.");
  });
});
