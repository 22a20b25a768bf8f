import { describe, expect, it } from "vitest";
import { deploymentSearchSchema, parseSearch, servicesSearchSchema, stringifySearch } from "./search.ts";

describe("deployment URL search", () => {
  it("round-trips every piece of view state through the URL", () => {
    const state = {
      role: "WebFrontend",
      tone: "notready",
      q: "10.0.0 7",
      sort: "-upgradeDomain",
      instance: "WebFrontend_IN_2",
      op: "0123456789abcdef0123456789abcdef",
    } as const;
    const url = stringifySearch(state);
    expect(url).toBe("?role=WebFrontend&tone=notready&q=10.0.0+7&sort=-upgradeDomain&instance=WebFrontend_IN_2&op=0123456789abcdef0123456789abcdef");
    expect(deploymentSearchSchema.parse(parseSearch(url))).toEqual(state);
  });

  it("keeps numeric-looking text as text", () => {
    expect(deploymentSearchSchema.parse(parseSearch("?q=123")).q).toBe("123");
  });

  it("drops bad or empty values instead of failing the page", () => {
    const parsed = deploymentSearchSchema.parse(parseSearch("?tone=purple&sort=bogus&instance=../etc&op=xyz&q=&role=Web&extra=1"));
    expect(parsed).toEqual({ role: "Web" });
  });

  it("omits undefined and empty values when writing the URL", () => {
    expect(stringifySearch({ role: undefined, q: "", tone: "failed" })).toBe("?tone=failed");
    expect(stringifySearch({})).toBe("");
  });

  it("validates the services page search too", () => {
    expect(servicesSearchSchema.parse(parseSearch("?q=web&op=nothex"))).toEqual({ q: "web" });
    expect(servicesSearchSchema.parse(parseSearch("?kind=extended"))).toEqual({ kind: "extended" });
    expect(servicesSearchSchema.parse(parseSearch("?kind=mainframe"))).toEqual({});
  });
});
