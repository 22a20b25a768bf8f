import { describe, expect, it } from "vitest";
import { stubJsonReplies } from "../../test/json-replies.ts";
import { FETCHED_AT_HEADER, STALE_HEADER } from "../../../shared/api.ts";
import type { Triage } from "../../../shared/triage.ts";
import { fetchTriage } from "./api.ts";

// The triage view's freshness comes from its headers (its body leaves the fetch time out, so that a
// steady view revalidates to a 304).

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const stale = { since: "2030-01-01T10:00:05.000Z", error: { code: "UpstreamError", message: "Azure failed (503 ServiceUnavailable)." } };
const body: Triage = { notReady: true, rows: [], matched: 0, truncated: false, targets: [], staleLists: [{ kind: "classic", stale }], failures: [] };
const { fetchMock, reply } = stubJsonReplies(body);
const query = { notReady: true, q: undefined };

describe("the triage view's freshness", () => {
  it("is stale when the proxy marks it, and no newer than since when Azure has not answered", async () => {
    // Targets read at 10:00:10, but a list from before 10:00:05: the view is as old as its list.
    fetchMock.mockResolvedValueOnce(reply({ [FETCHED_AT_HEADER]: "2030-01-01T10:00:10.000Z", [STALE_HEADER]: stale.since }));
    const t = await fetchTriage(SUB, query);
    expect(t.staleSince).toBe(Date.parse(stale.since));
    expect(t.fetchedAt).toBe(Date.parse(stale.since));
  });

  it("a stale view with no target read is as old as since when Azure has not answered", async () => {
    fetchMock.mockResolvedValueOnce(reply({ [STALE_HEADER]: stale.since }));
    expect((await fetchTriage(SUB, query)).fetchedAt).toBe(Date.parse(stale.since));
  });

  it("is fresh, read when its oldest target was, when it carries no mark", async () => {
    fetchMock.mockResolvedValueOnce(reply({ [FETCHED_AT_HEADER]: "2030-01-01T10:00:10.000Z" }));
    const t = await fetchTriage(SUB, query);
    expect(t.staleSince).toBeUndefined();
    expect(t.fetchedAt).toBe(Date.parse("2030-01-01T10:00:10.000Z"));
  });
});
