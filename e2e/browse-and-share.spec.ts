/// <reference lib="dom" />
import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey 1: browse to a deployment, filter, open an instance; the URL holds the state and a fresh
// browser context opened on it shows the same view.
test("filters and the selected instance live in the URL and reproduce in a new browser", async ({ page, browser, baseURL, emulator }) => {
  // An operation elsewhere in the subscription, so the shared view can hold an open operation too.
  const res = await page.request.post(`/api/subscriptions/${SUB}/services/contoso-web/deployments/staging/instances/WebFrontend_IN_0/reboot`, {
    headers: { origin: baseURL ?? "" },
    data: {},
  });
  expect(res.status()).toBe(202);
  const { operationId } = (await res.json()) as { operationId: string };
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search cloud services" }).fill("contoso-web");
  await page.getByRole("link", { name: /^contoso-web production:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /ApiWorker 2 of 3 ready/ })).toBeVisible();

  await page.getByRole("combobox", { name: "Role" }).selectOption("ApiWorker");
  await page.getByRole("combobox", { name: "Status" }).selectOption("notready");
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("IN_2");
  await page.getByRole("combobox", { name: "Sort by" }).selectOption("-status");
  const tray = page.getByRole("list", { name: "Recent operations" });
  // The newest such entry: the worker's proxy keeps earlier tests' operations, some with the same words.
  await tray.getByRole("listitem").filter({ hasText: "Reboot WebFrontend_IN_0" }).first().getByRole("button", { name: "Details" }).click();
  const rows = page.getByRole("region", { name: "Role instances" }).getByRole("button", { name: /, show details$/ });
  await expect(rows).toHaveCount(1);
  await page.getByRole("button", { name: "ApiWorker_IN_2, show details" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "ApiWorker_IN_2" })).toBeVisible();

  await expect(page).toHaveURL(/role=ApiWorker/);
  await expect(page).toHaveURL(/tone=notready/);
  await expect(page).toHaveURL(/q=IN_2/);
  await expect(page).toHaveURL(/instance=ApiWorker_IN_2/);
  await expect(page).toHaveURL(/sort=-status/);
  await expect(page).toHaveURL(new RegExp(`op=${operationId}`));
  const shared = page.url();

  // A colleague opens the link in a browser that has never seen Rolecall.
  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.getByRole("heading", { level: 2, name: "ApiWorker_IN_2" })).toBeVisible();
  await expect(other.getByRole("combobox", { name: "Role" })).toHaveValue("ApiWorker");
  await expect(other.getByRole("combobox", { name: "Status" })).toHaveValue("notready");
  await expect(other.getByRole("searchbox", { name: "Search", exact: true })).toHaveValue("IN_2");
  await expect(other.getByRole("combobox", { name: "Sort by" })).toHaveValue("-status");
  const otherOp = other.getByRole("list", { name: "Recent operations" }).getByRole("listitem").filter({ hasText: "Reboot WebFrontend_IN_0" });
  await expect(otherOp.getByRole("button", { name: "Hide details" })).toHaveAttribute("aria-expanded", "true");
  await expect(otherOp.getByText(operationId)).toBeVisible();
  const otherRows = other.getByRole("region", { name: "Role instances" }).getByRole("button", { name: /, show details$/ });
  await expect(otherRows).toHaveCount(1);
  await expect(other.getByRole("button", { name: "ApiWorker_IN_2, show details" })).toHaveAttribute("aria-current", "true");
  await expect(other.getByRole("row", { name: /ApiWorker_IN_2/ }).getByText("Unresponsive")).toBeVisible();
  await context.close();

  // Let the reboot finish so the next test on this worker starts from a quiet proxy.
  await emulator.advance(20 * 60_000);
  // The newest such entry: the worker's proxy keeps earlier tests' operations, some with the same words.
  await expect(tray.getByRole("listitem").filter({ hasText: "Reboot WebFrontend_IN_0" }).first().getByText("Succeeded")).toBeVisible();
});

test("the start page leads to the instance that is not ready", async ({ page }) => {
  await page.goto("/");
  // Words and an icon, not colour alone, say that something is wrong.
  const link = page.getByRole("link", { name: "6 of 7 ready in contoso-web production: show the 1 not ready" });
  await expect(link).toHaveText("⚠6 of 7 ready");
  await expect(page.getByRole("link", { name: /ready in contoso-web staging/ })).toHaveCount(0);
  await link.click();
  await expect(page).toHaveURL(deploymentPath("contoso-web", "production", "?tone=notready"));
  const rows = page.getByRole("region", { name: "Role instances" }).getByRole("button", { name: /, show details$/ });
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("row", { name: /ApiWorker_IN_2/ }).locator("[data-status]")).toHaveText("Unresponsive");
  await expect(page.getByRole("heading", { name: "Instances (1 of 7 shown)" })).toBeVisible();
});

test("Copy link and Copy summary put the view on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/s/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/production?tone=notready");
  await expect(page.getByRole("button", { name: "ApiWorker_IN_2, show details" })).toBeVisible();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").getByText("Link copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

  await page.getByRole("button", { name: "Copy summary" }).click();
  await expect(page.getByRole("status").getByText("Summary copied")).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary).toContain("**contoso-web** · **PRODUCTION**");
  expect(summary).toContain("- ApiWorker: 2 of 3 ready");
  expect(summary).toContain("`ApiWorker_IN_2` (ApiWorker, UD 2): Unresponsive (UnresponsiveRole)");
});
