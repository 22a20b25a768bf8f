import { describe, expect, it } from "vitest";
import { sameIdentity } from "./describe.ts";

describe("sameIdentity", () => {
  it("tells identities apart by their ARM token too, so a fresh ARM token is lent to a failing poller", () => {
    const cert = { kind: "certificate" } as const;
    expect(sameIdentity(cert, { kind: "certificate" })).toBe(true);
    expect(sameIdentity({ ...cert, armToken: "old" }, { ...cert, armToken: "new" })).toBe(false);
    expect(sameIdentity(cert, { ...cert, armToken: "new" })).toBe(false);
    expect(sameIdentity({ kind: "bearer", token: "a", armToken: "x" }, { kind: "bearer", token: "a", armToken: "x" })).toBe(true);
    expect(sameIdentity({ kind: "bearer", token: "a" }, { kind: "bearer", token: "b" })).toBe(false);
  });
});
