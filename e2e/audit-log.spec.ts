import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { deploymentPath, expect, expectNoAxeViolations, SUB, test, type Emulator } from "./fixtures.ts";

// Journey: after an incident, the audit log of the target says who did what, when, to which
// instance, and how it ended; filters and the page live in the URL; CSV and JSON export exactly the
// entries shown. The subscription's log is one click from the start page.

/** One action from the row, confirmed, run to its end on the emulator's clock; its operation id. */
async function act(page: Page, emulator: Emulator, action: "Reboot" | "Reimage", instance: string): Promise<string> {
  await page.getByRole("button", { name: `All actions for ${instance}` }).click();
  await page.getByRole("menuitem", { name: new RegExp(`^${action}`) }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`^${action}`) });
  await dialog.getByRole("button", { name: `${action} ${instance}` }).click();
  await expect(dialog).toBeHidden();
  const entry = page.getByRole("list", { name: "Recent operations" }).getByRole("listitem").filter({ hasText: `${action} ${instance}` }).first();
  await expect(entry.getByText("In progress")).toBeVisible();
  const id = await entry.getAttribute("data-operation");
  await emulator.advance(20 * 60_000);
  await expect(entry.getByText(/Succeeded|Failed/)).toBeVisible();
  return id ?? "";
}

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

test("a target's audit log: who, what, when, how it ended; filters and pages in the URL; export as shown", async ({ page, emulator }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await emulator.faults({ failNextOperations: 1 });
  const failedOp = await act(page, emulator, "Reimage", "WebFrontend_IN_1");
  const rebootOp = await act(page, emulator, "Reboot", "ApiWorker_IN_0");

  // From the target's page to its log: newest first, each with who, outcome, Azure's words and its id.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(`/s/${SUB}/audit?target=services/contoso-web/deployments/staging`);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeFocused();
  const rows = page.getByRole("table", { name: "Audit entries, newest first" }).locator("tbody tr");
  await expect(rows.nth(0)).toContainText(`Reboot ApiWorker_IN_0`);
  await expect(rows.nth(0)).toContainText("local operator");
  await expect(rows.nth(0)).toContainText("Succeeded");
  await expect(rows.nth(0)).toContainText(rebootOp);
  await expect(rows.nth(1)).toContainText("Reimage WebFrontend_IN_1");
  await expect(rows.nth(1)).toContainText("Failed");
  await expect(rows.nth(1)).toContainText("The server encountered an internal error.");
  await expect(rows.nth(1)).toContainText(failedOp);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  const shot = "e2e-artifacts/audit-log-target.png";
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("audit-log-target", { path: shot, contentType: "image/png" });
  await page.emulateMedia({ colorScheme: "light" });

  // Only what did not end well: the URL says so, and only failures remain.
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("Failed, refused or unknown");
  await expect(page).toHaveURL(/[?&]outcome=failed(&|$)/);
  await expect(rows.nth(0)).toContainText(failedOp);
  const outcomes = await rows.locator("td:nth-child(4)").allInnerTexts();
  expect(outcomes.every((o) => /^(Failed|Refused|Outcome unknown)/.test(o))).toBe(true);

  // Export exactly what is shown.
  const shownIds = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-audit"))));
  const csv = await downloaded(page, "Export CSV");
  expect(csv.name).toMatch(/^rolecall-audit-contoso-web-staging-\d{8}T\d{6}Z\.csv$/);
  const lines = csv.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  // Every field quoted, so that a spreadsheet whose list separator is ";" keeps each one whole.
  expect(lines[0]).toBe('"id","at (UTC)","actor","action","job event","target","instances","outcome","error code","error message","operation id","job id","reason"');
  expect(lines.slice(1).map((l) => Number(/^"(\d+)",/.exec(l)?.[1]))).toEqual(shownIds);
  expect(lines[1]).toContain(`,"local operator","reimage",,"/api/subscriptions/${SUB}/services/contoso-web/deployments/staging","WebFrontend_IN_1","Failed","InternalError","The server encountered an internal error. Please retry the request.","${failedOp}",,`);
  const json = await downloaded(page, "Export JSON");
  const entries = JSON.parse(json.text) as { id: number; operationId: string | null; outcome: string }[];
  expect(entries.map((e) => e.id)).toEqual(shownIds);
  expect(entries[0]).toMatchObject({ operationId: failedOp, outcome: "Failed" });

  // Who: a whole name, any case, offered from the target's recent entries; one that did nothing
  // here finds nothing. The URL keeps it.
  const who = page.getByRole("combobox", { name: "Who (whole name)" });
  await expect(page.locator(`datalist[id="${await who.getAttribute("list")}"] option`)).toHaveAttribute("value", "local operator");
  await who.fill("LOCAL OPERATOR");
  await who.press("Enter");
  await expect(page).toHaveURL(/[?&]actor=LOCAL\+OPERATOR(&|$)/);
  await expect(rows.nth(0)).toContainText(failedOp);
  // Half a name finds nothing; the page says so and offers the whole one, which a click applies.
  await who.fill("local");
  await who.press("Enter");
  await expect(page.getByText("No entries by exactly “local” with these filters.", { exact: false })).toBeVisible();
  await expect(page.locator(`datalist[id="${await who.getAttribute("list")}"] option`)).toHaveAttribute("value", "local operator");
  await page.getByRole("list", { name: "People who acted here lately:" }).getByRole("button", { name: "local operator" }).click();
  await expect(page).toHaveURL(/[?&]actor=local\+operator(&|$)/);
  await expect(rows.nth(0)).toContainText(failedOp);
  await who.fill("nobody at all");
  await who.press("Enter");
  await expect(page).toHaveURL(/[?&]actor=nobody\+at\+all(&|$)/);
  await expect(page.getByText("No entries by exactly “nobody at all” with these filters.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeDisabled();
  await who.fill("");
  await who.press("Enter");
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("Any outcome");
  await expect(page).toHaveURL(`/s/${SUB}/audit?target=services/contoso-web/deployments/staging`);

  // One entry a page, as a shared link may ask: older pages by `before`, Back returns.
  await page.getByRole("combobox", { name: "Per page" }).selectOption("25");
  await expect(page).toHaveURL(/[?&]limit=25(&|$)/);
  await page.goto(`/s/${SUB}/audit?target=services/contoso-web/deployments/staging&limit=1`);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(rebootOp);
  await page.getByRole("button", { name: "Older entries" }).click();
  await expect(page).toHaveURL(/[?&]before=\d+(&|$)/);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(failedOp);
  await page.goBack();
  await expect(rows.nth(0)).toContainText(rebootOp);
  await page.goForward();
  await page.getByRole("button", { name: "Newest entries" }).click();
  await expect(page).not.toHaveURL(/before=/);
  await expect(rows.nth(0)).toContainText(rebootOp);

  // An instance in an entry opens it on its target's page, with its own history.
  await page.getByRole("button", { name: "Older entries" }).click();
  await rows.nth(0).getByRole("link", { name: "WebFrontend_IN_1" }).click();
  await expect(page).toHaveURL(/\/services\/contoso-web\/staging\?instance=WebFrontend_IN_1$/);
  const detail = page.getByRole("region", { name: "WebFrontend_IN_1" });
  await expect(detail.getByRole("listitem").filter({ hasText: "Reimage" }).first().getByText("Failed")).toBeVisible();
});

test("the subscription's audit log is one click from the start page, each entry naming its target", async ({ page, emulator }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const op = await act(page, emulator, "Reboot", "ApiWorker_IN_1");
  await page.getByRole("link", { name: "Cloud services" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(`/s/${SUB}/audit`);
  const table = page.getByRole("table", { name: "Audit entries, newest first" });
  await expect(table.getByRole("columnheader", { name: "Target" })).toBeVisible();
  const row = table.locator("tbody tr").filter({ hasText: op });
  await expect(row.getByRole("link", { name: "contoso-web · staging" })).toBeVisible();

  // A phone gets the same entries as cards, without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page.getByRole("list", { name: "Audit entries, newest first" });
  await expect(cards.getByRole("listitem").filter({ hasText: op })).toContainText("Reboot ApiWorker_IN_1");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  const shot = "e2e-artifacts/audit-log-phone.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("audit-log-phone", { path: shot, contentType: "image/png" });

  // Its target link leads to the target's page.
  await cards.getByRole("listitem").filter({ hasText: op }).getByRole("link", { name: "contoso-web · staging" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
});
