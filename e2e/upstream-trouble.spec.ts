import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey 4: upstream busy (409) and upstream down. Messages are plain; stale data stays on screen,
// marked stale with the last good time, and recovers by itself.

test("a 409 from Azure says it is busy with another operation on this deployment", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /ApiWorker_IN_0/ });
  await expect(row.locator("[data-status]")).toHaveText("Ready");
  await emulator.faults({
    failNext: { count: 1, status: 409, code: "ConflictError", message: "Windows Azure is currently performing an operation on this deployment that requires exclusive access." },
    match: { method: "POST" },
  });
  await row.getByRole("button", { name: "Reimage ApiWorker_IN_0" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reimage ApiWorker_IN_0" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Reimage of ApiWorker_IN_0 was not started" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Azure is busy with another operation on this deployment");
  // Not retried: the one POST that failed is the only one.
  expect(await emulator.actions()).toHaveLength(1);
  await expect(row.locator("[data-status]")).toHaveText("Ready");
});

test("when the upstream is down the last data stays, marked stale, then recovers", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  const row = page.getByRole("row", { name: /ApiWorker_IN_2/ });
  await expect(row.locator("[data-status]")).toHaveText("Unresponsive");

  await emulator.faults({ failNext: { count: 10_000, status: 503, code: "ServiceUnavailable", message: "The service is temporarily unavailable." }, match: { method: "GET" } });
  const banner = page.getByRole("status").filter({ hasText: "Data is stale" });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/showing instances from \d/);
  await expect(page.getByRole("banner").getByText(/Stale · last good/)).toBeVisible();
  // The rows are still there.
  await expect(row.locator("[data-status]")).toHaveText("Unresponsive");
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ })).toBeVisible();

  await emulator.clearFaults();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole("banner").getByText(/updated \d+ s ago/)).toBeVisible();
});
