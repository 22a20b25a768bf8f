import { describe, expect, it } from "vitest";
import { stubJsonReplies } from "../../test/json-replies.ts";
import type { Deployment } from "../../../shared/api.ts";
import { FETCHED_AT_HEADER } from "../../../shared/api.ts";
import { fetchDeployment } from "./api.ts";

// After a 304 the browser hands fetch the body it cached (with the fetchedAt of the first read) and
// the 304's own headers; the header's fetch time is the one the page shows.

const body: Deployment = {
  kind: "classic",
  name: "contoso-web-prod",
  slot: "production",
  status: "Running",
  label: "contoso-web",
  upgradeDomainCount: 1,
  roles: [{ name: "WebFrontend", instanceCount: 1 }],
  instances: [{ name: "WebFrontend_IN_0", role: "WebFrontend", status: "ReadyRole", tone: "ok", powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small" }],
  fetchedAt: "2030-01-01T10:00:00.000Z",
  inFlight: [],
};
const target = { kind: "classic", subscription: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f", service: "contoso-web", slot: "production" } as const;
const { fetchMock, reply } = stubJsonReplies(body);

describe("a target read's fetch time", () => {
  it("comes from the reply's header when it has one, over the (possibly cached) body's", async () => {
    fetchMock.mockResolvedValueOnce(reply({ [FETCHED_AT_HEADER]: "2030-01-01T10:05:00.000Z" }));
    const d = await fetchDeployment(target);
    expect(d.fetchedAt).toBe("2030-01-01T10:05:00.000Z");
    expect(d.instances).toEqual(body.instances);
  });

  it("falls back to the body's without the header, or with one that is not a time", async () => {
    fetchMock.mockResolvedValueOnce(reply({})).mockResolvedValueOnce(reply({ [FETCHED_AT_HEADER]: "yesterday-ish" }));
    expect((await fetchDeployment(target)).fetchedAt).toBe(body.fetchedAt);
    expect((await fetchDeployment(target)).fetchedAt).toBe(body.fetchedAt);
  });
});
