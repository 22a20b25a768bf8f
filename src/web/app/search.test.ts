import { describe, expect, it } from "vitest";
import { parseSearch, stringifySearch } from "../lib/paths.ts";
import { auditSearchSchema, deploymentSearchSchema, servicesSearchSchema } from "./search.ts";

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

  it("round-trips the audit page's filters, with the target's path readable in the link", () => {
    const state = { target: "services/contoso-web/deployments/production", instance: "WebFrontend_IN_0", actor: "Ada L", outcome: "failed", before: "120", limit: "25" } as const;
    const url = stringifySearch(state);
    expect(url).toBe("?target=services/contoso-web/deployments/production&instance=WebFrontend_IN_0&actor=Ada+L&outcome=failed&before=120&limit=25");
    expect(auditSearchSchema.parse(parseSearch(url))).toEqual(state);
    // An escaped slash, as older links or other tools write it, reads the same.
    expect(auditSearchSchema.parse(parseSearch("?target=services%2Fcontoso-web%2Fdeployments%2Fproduction")).target).toBe(state.target);
  });

  it("drops bad audit filters instead of failing the page", () => {
    expect(auditSearchSchema.parse(parseSearch("?target=%2Fetc%2Fpasswd&outcome=meh&before=yesterday&instance=a%20b&actor=&limit=501"))).toEqual({});
    expect(auditSearchSchema.parse(parseSearch("?limit=0")).limit).toBeUndefined();
    expect(auditSearchSchema.parse(parseSearch("?limit=500")).limit).toBe("500");
  });
});
