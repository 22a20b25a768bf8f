import { describe, expect, it } from "vitest";
import { etagOf, ifNoneMatchMatches } from "../http/etag.ts";

describe("entity tags", () => {
  it("name the body: equal bodies (string or bytes) share a tag, any change makes another", () => {
    const body = JSON.stringify({ name: "contoso-web", instances: ["WebFrontend_IN_0"] });
    expect(etagOf(body)).toBe(etagOf(Buffer.from(body, "utf8")));
    expect(etagOf(body)).not.toBe(etagOf(body.replace("_0", "_1")));
    expect(etagOf(body)).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it("If-None-Match compares weakly, takes lists and *, and nothing else matches", () => {
    const tag = etagOf("{}");
    const opaque = tag.slice(2);
    expect(ifNoneMatchMatches(tag, tag)).toBe(true);
    expect(ifNoneMatchMatches(opaque, tag)).toBe(true);
    expect(ifNoneMatchMatches(`"a", W/"b" ,${tag}`, tag)).toBe(true);
    expect(ifNoneMatchMatches("*", tag)).toBe(true);
    expect(ifNoneMatchMatches(undefined, tag)).toBe(false);
    expect(ifNoneMatchMatches("", tag)).toBe(false);
    expect(ifNoneMatchMatches(`"a", W/"b"`, tag)).toBe(false);
    expect(ifNoneMatchMatches(opaque.slice(0, -2) + '"', tag)).toBe(false);
  });
});
