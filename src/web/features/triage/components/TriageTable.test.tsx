import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TriageFailure, TriageRow } from "../../../../shared/triage.ts";
import { renderInRouter } from "../../../test/in-router.tsx";
import { TriageTable } from "./TriageTable.tsx";

afterEach(cleanup);

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const row: TriageRow = {
  target: `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`,
  kind: "classic",
  label: "contoso-web · production",
  instance: { name: "ApiWorker_IN_2", role: "ApiWorker", status: "UnresponsiveRole", tone: "failed", powerState: "Started", upgradeDomain: 2, faultDomain: 0, size: "Medium", ipAddress: "10.0.0.9" },
  firstSeenNotReady: "2025-01-01T10:00:00.000Z",
};
const failure: TriageFailure = {
  kind: "scaleset",
  target: `/api/subscriptions/${SUB}/resourceGroups/rg-checkout/virtualMachineScaleSets/checkout-web`,
  label: "rg-checkout/checkout-web",
  error: { code: "UpstreamTimeout", message: "Azure did not answer within 10 s while Rolecall tried to read rg-checkout/checkout-web." },
};

describe("TriageTable", () => {
  it("links each instance to its target's page with it open, and says since when Rolecall has seen it so", async () => {
    await renderInRouter(<TriageTable rows={[row]} failures={[]} now={Date.parse("2025-01-01T10:12:00Z")} />);
    const link = screen.getByRole("link", { name: "ApiWorker_IN_2 in contoso-web · production" });
    expect(link.getAttribute("href")).toBe(`/s/${SUB}/services/contoso-web/production?instance=ApiWorker_IN_2`);
    expect(screen.getByRole("link", { name: "contoso-web · production" }).getAttribute("href")).toBe(`/s/${SUB}/services/contoso-web/production`);
    expect(screen.getByRole("columnheader", { name: "First seen by Rolecall" })).toBeTruthy();
    expect(screen.getByText("12 min ago")).toBeTruthy();
    expect(screen.getByText("Unresponsive")).toBeTruthy();
  });

  it("shows a target it could not read as a row, in the words of its error code", async () => {
    await renderInRouter(<TriageTable rows={[]} failures={[failure]} now={0} />);
    const r = screen.getByRole("row", { name: /Could not read rg-checkout\/checkout-web/ });
    expect(within(r).getByText(/^Azure did not answer in time\. .* Check the target's instances before trying again\.$/)).toBeTruthy();
    expect(within(r).getByRole("link", { name: "Open rg-checkout/checkout-web" })).toBeTruthy();
  });
});
