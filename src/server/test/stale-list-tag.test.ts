import { afterEach, describe, expect, it } from "vitest";
import { FETCHED_AT_HEADER, STALE_HEADER } from "../../shared/api.ts";
import { startStack, SUB, type Stack } from "./harness.ts";

// A list says it is a last good copy in headers only, and a browser that revalidates to a 304 merges
// that 304's headers into the reply it keeps. A dashboard polling the start page through an outage
// must see the list go stale, and go fresh again when Azure answers.

const LIST = `/api/subscriptions/${SUB}/services`;
let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe("a list's last good copy and the browser's cache", () => {
  it("is not vouched for by the fresh list's tag, and the fresh list is not by the stale one's", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0", ROLECALL_UPSTREAM_RETRIES: "0" } });
    const fresh = await s.get(LIST);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get(STALE_HEADER)).toBeNull();
    const freshTag = fresh.headers.get("etag") ?? "";

    await s.faults({ failNext: { count: 1000, status: 503, code: "ServiceUnavailable" }, match: { method: "GET" } });
    // The browser holds the fresh list: it gets the copy in full, marked, not a 304 that would
    // stick the marks onto the fresh list it keeps.
    const stale = await s.get(LIST, { "if-none-match": freshTag });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(fresh.body);
    expect(Date.parse(stale.headers.get(STALE_HEADER) ?? "")).not.toBeNaN();
    expect(Date.parse(stale.headers.get(FETCHED_AT_HEADER) ?? "")).not.toBeNaN();
    const staleTag = stale.headers.get("etag") ?? "";
    expect(staleTag).not.toBe(freshTag);
    // Through the outage the copy still revalidates, still marked.
    const again = await s.get(LIST, { "if-none-match": staleTag });
    expect(again.status).toBe(304);
    expect(again.headers.get(STALE_HEADER)).toBe(stale.headers.get(STALE_HEADER));

    // Azure answers again: the browser holding the stale copy gets the fresh list in full, unmarked.
    await s.control("DELETE", "faults");
    const recovered = await s.get(LIST, { "if-none-match": staleTag });
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get(STALE_HEADER)).toBeNull();
    expect(recovered.headers.get("etag")).toBe(freshTag);
  });
});
