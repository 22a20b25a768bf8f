import { afterEach, describe, expect, it } from "vitest";
import { rememberedReason, rememberReason, reasonToSend } from "./reason.ts";

afterEach(() => sessionStorage.clear());

describe("the reason this tab remembers", () => {
  it("is offered again to the account that typed it, and blank forgets it", () => {
    rememberReason("INC-4711", "ada-oid");
    expect(rememberedReason("ada-oid")).toBe("INC-4711");
    rememberReason("  ", "ada-oid");
    expect(rememberedReason("ada-oid")).toBe("");
  });

  it("is never offered to another account signed in in the same tab, and is gone once it asked", () => {
    rememberReason("INC-4711 · Ada's ticket", "ada-oid");
    expect(rememberedReason("bob-oid")).toBe("");
    expect(rememberedReason("ada-oid")).toBe("");
    // Without sign-in (everyone is the local operator) it is kept as such.
    rememberReason("INC-1", "");
    expect(rememberedReason("")).toBe("INC-1");
  });

  it("sends one trimmed line, or nothing", () => {
    expect(reasonToSend(" INC-1\tlatency ")).toBe("INC-1 latency");
    expect(reasonToSend("   ")).toBeUndefined();
  });
});
