import { cloudServicePath, expect, test } from "./fixtures.ts";

// Journey 7 (issue #9): a cloud service (extended support), over Azure Resource Manager, from the
// start page to a reimaged role instance. The start page lists it next to the classic services,
// filtered by kind in the URL; its page works as a classic deployment's does: the dialog spells out
// the availability impact, exactly one action reaches ARM, the instance walks back to Started as the
// emulator clock moves, and its history (the audit log) records the reimage.

test("reimage a role instance of an extended cloud service, found from the start page", async ({ page, emulator }, testInfo) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Kind" }).selectOption("Extended support");
  await expect(page).toHaveURL(/[?&]kind=extended(&|$)/);
  const list = page.getByRole("table", { name: "Cloud services and their deployments" });
  const shop = list.getByRole("row", { name: /contoso-shop/ });
  await expect(shop.getByRole("cell", { name: "Extended support" })).toBeVisible();
  await expect(shop.getByText("Resource group rg-shop-prod")).toBeVisible();
  await expect(list.getByRole("row", { name: /fabrikam-reports/ })).toBeVisible();
  await expect(list.getByRole("row", { name: /contoso-web/ })).toHaveCount(0);
  // Ready counts, in words: ApiRole_IN_1 is unresponsive.
  await expect(shop.getByRole("link", { name: "11 of 12 ready in contoso-shop production: show the 1 not ready" })).toBeVisible();

  await shop.getByRole("link", { name: /^contoso-shop production: .*12 instances, 11 ready$/ }).click();
  await expect(page).toHaveURL(cloudServicePath("rg-shop-prod", "contoso-shop"));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-shop/ })).toBeVisible();
  await expect(page.getByText("Resource group rg-shop-prod")).toBeVisible();
  // Its production slot is tagged as loudly as a classic one (no typed word: that is classic's).
  await expect(page.getByRole("heading", { level: 1, name: /contoso-shop/ }).getByText("Production", { exact: true })).toHaveCSS("text-transform", "uppercase");
  await expect(page.getByRole("navigation", { name: "Slots" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /FrontendRole 4 of 4 ready/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /ApiRole 2 of 3 ready/ })).toBeVisible();

  // The instance, found by the page's search (kept in the URL like every view state).
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("FrontendRole_IN_0");
  await expect(page).toHaveURL(/[?&]q=FrontendRole_IN_0(&|$)/);
  const row = page.getByRole("row", { name: /FrontendRole_IN_0/ });
  const badge = row.locator("[data-status]");
  await expect(badge).toHaveText("Started");

  await row.getByRole("button", { name: "Reimage FrontendRole_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage — fresh OS, local data may be lost/ });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog.getByText(/^Cloud service contoso-shop in resource group rg-shop-prod/)).toBeVisible();
  await expect(dialog.getByText("Production", { exact: true })).toHaveCSS("text-transform", "uppercase");
  await expect(dialog.getByRole("rowheader", { name: "FrontendRole_IN_0" })).toBeVisible();
  await expect(dialog.getByText(/Ready instances of role FrontendRole: 4 of 4 now → 3 during the reimage/)).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: /to confirm$/ })).toHaveCount(0); // no outage, no classic production slot: one click
  const path = "e2e-artifacts/extended-confirm-dialog.png";
  await page.screenshot({ path });
  await testInfo.attach("extended-confirm-dialog", { path, contentType: "image/png" });
  expect(await emulator.actions()).toEqual([]);

  await dialog.getByRole("button", { name: "Reimage FrontendRole_IN_0" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText(/Reimage requested by local operator · /)).toBeVisible();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);
  const [sent] = await emulator.actions();
  expect(sent?.face).toBe("arm");
  expect(sent?.path).toMatch(/\/resourceGroups\/rg-shop-prod\/providers\/Microsoft\.Compute\/cloudServices\/contoso-shop\/roleInstances\/FrontendRole_IN_0\/reimage$/i);

  // ARM reports the instance as updating until it runs again; the clock walks the reimage (~12 min).
  await expect(badge).toHaveText("Updating");
  await expect(page.getByText(/Actions are unavailable while Reimage of FrontendRole_IN_0/)).toBeVisible();
  for (let minute = 0; minute < 13; minute++) await emulator.advance(60_000);
  await expect(badge).toHaveText("Started");

  const tray = page.getByRole("list", { name: "Recent operations" });
  const op = tray.getByRole("listitem").filter({ hasText: "Reimage FrontendRole_IN_0" });
  await expect(op.getByText("Succeeded")).toBeVisible();
  await expect(op.getByText(/^rg-shop-prod\/contoso-shop · by local operator/)).toBeVisible();

  // The instance's history, from the audit log, names the reimage and how it ended.
  await page.getByRole("button", { name: "FrontendRole_IN_0, show details" }).click();
  await expect(page).toHaveURL(/[?&]instance=FrontendRole_IN_0(&|$)/);
  const detail = page.getByRole("region", { name: "FrontendRole_IN_0" });
  const history = detail.getByRole("listitem").filter({ hasText: "Reimage" });
  await expect(history.getByText("Succeeded")).toBeVisible();
  await expect(history.getByText(/by local operator$/)).toBeVisible();
  expect(await emulator.actions()).toHaveLength(1);
});
