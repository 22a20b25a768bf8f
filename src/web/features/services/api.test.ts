import { describe, expect, it } from "vitest";
import { stubJsonReplies } from "../../test/json-replies.ts";
import type { CloudService } from "../../../shared/api.ts";
import { FETCHED_AT_HEADER, STALE_HEADER } from "../../../shared/api.ts";
import { fetchServiceList } from "./api.ts";

// A list's reply has no room for its freshness in the body: the proxy's last good copy is marked in
// its headers, which the start page must read as a target's page reads its body.

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const body: CloudService[] = [{ name: "contoso-web", label: "Contoso", location: "West Europe", status: "Created", deployments: [] }];
const { fetchMock, reply } = stubJsonReplies(body);

describe("a start-page list's freshness", () => {
  it("is stale, read when the proxy says, when the reply is the proxy's last good copy", async () => {
    fetchMock.mockResolvedValueOnce(reply({ [FETCHED_AT_HEADER]: "2030-01-01T10:00:00.000Z", [STALE_HEADER]: "2030-01-01T10:00:05.000Z" }));
    const list = await fetchServiceList(SUB, "classic");
    expect(list.stale).toEqual({ since: "2030-01-01T10:00:05.000Z" });
    expect(list.fetchedAt).toBe("2030-01-01T10:00:00.000Z");
    expect(list.rows.map((r) => r.name)).toEqual(["contoso-web"]);
  });

  it("is fresh when the reply carries no mark", async () => {
    fetchMock.mockResolvedValueOnce(reply({}));
    const list = await fetchServiceList(SUB, "classic");
    expect(list.stale).toBeUndefined();
    expect(list.fetchedAt).toBeUndefined();
    expect(list.rows).toHaveLength(1);
  });
});
