import { describe, expect, it } from "vitest";
import type { Instance } from "./api.ts";
import { guardStep, jobListProblems, planJob } from "./jobs.ts";

const inst = (name: string, role: string, upgradeDomain: number, tone: Instance["tone"] = "ok"): Instance => ({
  name,
  role,
  status: tone === "ok" ? "ReadyRole" : "UnresponsiveRole",
  tone,
  powerState: "Started",
  upgradeDomain,
  faultDomain: 0,
  size: "Small",
});

const web = [inst("Web_IN_0", "Web", 0), inst("Web_IN_1", "Web", 1), inst("Web_IN_2", "Web", 2, "failed"), inst("Web_IN_10", "Web", 0), inst("Api_IN_0", "Api", 1)];

describe("jobListProblems", () => {
  it("refuses an empty list, a wildcard, unknown names and duplicates, each named", () => {
    expect(jobListProblems(web, [])).toEqual(["Choose at least one instance: an empty list would mean every instance to Azure."]);
    expect(jobListProblems(web, ["*", "Nope", "Web_IN_0", "web_in_0"])).toEqual(['"*" is not an instance of this target.', '"Nope" is not an instance of this target.', '"web_in_0" is listed twice.']);
    expect(jobListProblems(web, ["Web_IN_1", "Api_IN_0"])).toEqual([]);
  });
});

describe("planJob", () => {
  it("by upgrade domain, ascending, names in natural order", () => {
    expect(planJob(web, ["Web_IN_10", "Api_IN_0", "Web_IN_2", "Web_IN_0"], "upgradeDomain")).toEqual([
      { index: 0, upgradeDomain: 0, instances: ["Web_IN_0", "Web_IN_10"] },
      { index: 1, upgradeDomain: 1, instances: ["Api_IN_0"] },
      { index: 2, upgradeDomain: 2, instances: ["Web_IN_2"] },
    ]);
  });

  it("one instance at a time, the not-ready ones first", () => {
    expect(planJob(web, ["Web_IN_0", "Web_IN_2", "Web_IN_1"], "instance").map((s) => s.instances)).toEqual([["Web_IN_2"], ["Web_IN_0"], ["Web_IN_1"]]);
  });
});

describe("guardStep", () => {
  it("lets a step go only when every role it touches keeps its floor, and says each role's figures", () => {
    // Web: 3 of 4 ready; 50% → floor 2. Taking two ready ones leaves 1.
    expect(guardStep(web, ["Web_IN_0", "Web_IN_10"], 50)).toEqual({ ok: false, roles: [{ role: "Web", size: 4, readyNow: 3, readyDuring: 1, floor: 2, ok: false }] });
  });

  it("a not-ready instance costs no capacity; a role of one never goes to zero", () => {
    expect(guardStep(web, ["Web_IN_2"], 100).roles[0]).toMatchObject({ readyDuring: 3, floor: 4, ok: false });
    expect(guardStep(web, ["Web_IN_2"], 75).ok).toBe(true);
    expect(guardStep(web, ["Api_IN_0"], 0)).toMatchObject({ ok: false, roles: [{ role: "Api", floor: 1, readyDuring: 0 }] });
  });

  it("the floor is exact at every percentage: 55% of 100 is 55, 56% of 25 is 14, 7% of 100 is 7", () => {
    const role = (n: number) => Array.from({ length: n }, (_, i) => inst(`R_IN_${i}`, "R", i % 5));
    expect(guardStep(role(100), ["R_IN_0"], 55).roles[0]?.floor).toBe(55);
    expect(guardStep(role(25), ["R_IN_0"], 56).roles[0]?.floor).toBe(14);
    expect(guardStep(role(100), ["R_IN_0"], 7).roles[0]?.floor).toBe(7);
    for (const size of [1, 3, 7, 25, 100, 2000]) {
      for (let percent = 0; percent <= 100; percent++) {
        // The fewest whole instances that are at least percent% of the role (and never zero).
        const exact = Math.max(1, Math.floor((percent * size + 99) / 100));
        expect(guardStep(role(size), ["R_IN_0"], percent).roles[0]?.floor, `${percent}% of ${size}`).toBe(exact);
      }
    }
  });

  it("property: over random targets, plans partition the chosen instances and a passing guard never goes below the floor", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 300; run++) {
      const roles = ["A", "B", "C"].slice(0, 1 + Math.floor(rand() * 3));
      const all = Array.from({ length: 1 + Math.floor(rand() * 20) }, (_, i) =>
        inst(`X_IN_${i}`, roles[Math.floor(rand() * roles.length)] ?? "A", Math.floor(rand() * 5), rand() < 0.2 ? "failed" : "ok"),
      );
      const chosen = all.filter(() => rand() < 0.5).map((i) => i.name);
      if (chosen.length === 0) continue;
      const percent = Math.floor(rand() * 101);
      for (const batch of ["upgradeDomain", "instance"] as const) {
        const steps = planJob(all, chosen, batch);
        expect(steps.flatMap((s) => s.instances).sort()).toEqual([...chosen].sort());
        for (const step of steps) {
          const guard = guardStep(all, step.instances, percent);
          for (const role of guard.roles) {
            const size = all.filter((i) => i.role === role.role).length;
            const readyAfter = all.filter((i) => i.role === role.role && i.tone === "ok" && !step.instances.includes(i.name)).length;
            expect(role.readyDuring).toBe(readyAfter);
            if (guard.ok) expect(readyAfter).toBeGreaterThanOrEqual(Math.max(1, Math.ceil((percent / 100) * size)));
          }
        }
      }
    }
  });
});
