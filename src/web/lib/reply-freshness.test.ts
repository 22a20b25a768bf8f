import { describe, expect, it } from "vitest";
import { FETCHED_AT_HEADER, STALE_HEADER } from "../../shared/api.ts";
import { replyFreshness } from "./reply-freshness.ts";

describe("what a read's headers say of its age", () => {
  it("a last good copy: when it was read, and since when Azure has not answered", () => {
    const headers = new Headers({ [FETCHED_AT_HEADER]: "2030-01-01T10:00:00.000Z", [STALE_HEADER]: "2030-01-01T10:00:05.000Z" });
    expect(replyFreshness(headers)).toEqual({ fetchedAt: "2030-01-01T10:00:00.000Z", staleSince: "2030-01-01T10:00:05.000Z" });
  });

  it("a fresh reply says neither, or only its fetch time", () => {
    expect(replyFreshness(new Headers())).toEqual({ fetchedAt: undefined, staleSince: undefined });
    expect(replyFreshness(new Headers({ [FETCHED_AT_HEADER]: "2030-01-01T10:00:00.000Z" }))).toEqual({ fetchedAt: "2030-01-01T10:00:00.000Z", staleSince: undefined });
  });

  it("a value that is not a time counts as absent", () => {
    const headers = new Headers({ [FETCHED_AT_HEADER]: "yesterday-ish", [STALE_HEADER]: "" });
    expect(replyFreshness(headers)).toEqual({ fetchedAt: undefined, staleSince: undefined });
  });
});
