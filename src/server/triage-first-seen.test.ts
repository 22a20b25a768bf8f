import { describe, expect, it } from "vitest";
import { createFirstSeen } from "./triage-first-seen.ts";

const T = "/api/subscriptions/x/services/web/deployments/production";

describe("first seen not ready, per process", () => {
  it("keeps the first time across reads, forgets an instance read as ready, and starts over on a relapse", () => {
    const seen = createFirstSeen();
    expect([...seen.observe(T, 1000, ["a", "b"])]).toEqual([["a", 1000], ["b", 1000]]);
    expect([...seen.observe(T, 2000, ["a", "b"])]).toEqual([["a", 1000], ["b", 1000]]);
    expect([...seen.observe(T, 3000, ["b"])]).toEqual([["b", 1000]]);
    expect([...seen.observe(T, 4000, ["a", "b"])]).toEqual([["a", 4000], ["b", 1000]]);
  });

  it("ignores a read older than one already recorded (a slow request answered late)", () => {
    const seen = createFirstSeen();
    seen.observe(T, 2000, []);
    expect([...seen.observe(T, 1000, ["a"])]).toEqual([]);
    expect([...seen.recall(T.toUpperCase())]).toEqual([]);
    seen.observe(T, 3000, ["a"]);
    expect([...seen.recall(T)]).toEqual([["a", 3000]]);
  });

  it("remembers at most so many targets, the least recently read going first", () => {
    const seen = createFirstSeen(2);
    seen.observe("/t1", 1, ["a"]);
    seen.observe("/t2", 1, ["a"]);
    seen.observe("/t1", 2, ["a"]);
    seen.observe("/t3", 2, ["a"]);
    expect(seen.recall("/t2").size).toBe(0);
    expect(seen.recall("/t1").get("a")).toBe(1);
  });
});
