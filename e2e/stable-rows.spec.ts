import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Rows do not move under the pointer: with a status sort, a status that changes while the pointer
// is over the table updates in place, and the new order applies once the pointer leaves.

test("a status sort holds the row order while the pointer is over the table", async ({ page, baseURL, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging", "?sort=status"));
  const names = page.locator("tr[data-instance] th");
  await expect(names).toHaveText(["WebFrontend_IN_0", "WebFrontend_IN_1", "ApiWorker_IN_0", "ApiWorker_IN_1"]);
  await page.getByRole("region", { name: "Role instances" }).hover();

  // A colleague reimages WebFrontend_IN_1: it is no longer Ready, so a status sort puts it first.
  const res = await page.request.post(`/api/subscriptions/${SUB}/services/contoso-web/deployments/staging/instances/WebFrontend_IN_1/reimage`, {
    headers: { origin: baseURL ?? "" },
    data: {},
  });
  expect(res.status()).toBe(202);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_1/ }).locator("[data-status]")).toHaveText("Stopping role");
  await expect(names).toHaveText(["WebFrontend_IN_0", "WebFrontend_IN_1", "ApiWorker_IN_0", "ApiWorker_IN_1"]);

  await page.mouse.move(0, 0);
  await expect(names).toHaveText(["WebFrontend_IN_1", "WebFrontend_IN_0", "ApiWorker_IN_0", "ApiWorker_IN_1"]);

  // Let it finish so the next test on this worker starts from a quiet proxy.
  await emulator.advance(20 * 60_000);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_1/ }).locator("[data-status]")).toHaveText("Ready");
});
