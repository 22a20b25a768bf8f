import type { Locator, Page } from "@playwright/test";
import { deploymentPath, expect, expectNoAxeViolations, SUB, test } from "./fixtures.ts";

// Journey: an action fails, another succeeds, a rolling job runs. The toasts that say so sit off the
// instance rows; the success goes by itself and the failure stays until dismissed. The tray lists
// the operations and the job together, several in view, each a link to its target and instance,
// from the target's page as from the start page.

function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error("not laid out");
  return b;
}

async function confirmFromMenu(page: Page, action: "Reboot" | "Reimage", instance: string) {
  await page.getByRole("button", { name: `All actions for ${instance}` }).click();
  await page.getByRole("menuitem", { name: new RegExp(`^${action}`) }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`^${action}`) });
  await dialog.getByRole("button", { name: `${action} ${instance}` }).click();
  await expect(dialog).toBeHidden();
}

test("toasts stay off the rows, successes go by themselves, failures stay; the tray lists operations and jobs, linked", async ({ page, emulator }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const tray = page.getByRole("list", { name: "Recent operations and jobs" });

  await emulator.faults({ failNextOperations: 1 });
  await confirmFromMenu(page, "Reimage", "WebFrontend_IN_1");
  const failedEntry = tray.getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_1" }).first();
  const failedOp = (await failedEntry.getAttribute("data-operation")) ?? "";
  await emulator.advance(20 * 60_000);
  const failure = page.getByRole("alert").filter({ hasText: "Reimage of WebFrontend_IN_1 failed" });
  await expect(failure).toBeVisible();

  await confirmFromMenu(page, "Reboot", "ApiWorker_IN_0");
  await emulator.advance(20 * 60_000);
  const success = page.getByRole("status").getByText("Reboot of ApiWorker_IN_0 succeeded");
  await expect(success).toBeVisible();

  // Both toasts beside the table, over the side column: no row is covered.
  const rows = await box(page.getByRole("region", { name: "Role instances" }));
  expect(overlap(await box(failure), rows)).toBe(false);
  expect(overlap(await box(success), rows)).toBe(false);
  const shot = "e2e-artifacts/toasts-off-the-rows.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("toasts-off-the-rows", { path: shot, contentType: "image/png" });

  // The success goes by itself; the failure is still there, until dismissed.
  await expect(success).toBeHidden();
  await expect(failure).toBeVisible();
  await page.getByRole("button", { name: "Dismiss: Reimage of WebFrontend_IN_1 failed" }).click();
  await expect(failure).toBeHidden();

  // A rolling reboot of one instance, run to its end.
  await page.getByRole("checkbox", { name: "Select WebFrontend_IN_1" }).check();
  await page.getByRole("button", { name: "Reboot selected…" }).click();
  const plan = page.getByRole("dialog", { name: /Reboot 1 instance — rolling job/ });
  await plan.getByRole("button", { name: "Start reboot job (1 instance)" }).click();
  await expect(plan).toBeHidden();
  const jobId = new URL(page.url()).searchParams.get("job") ?? "";
  const jobEntry = tray.locator(`li[data-job="${jobId}"]`);
  await expect
    .poll(async () => {
      await emulator.advance(60_000);
      return jobEntry.getByText("Job succeeded").isVisible();
    }, { timeout: 30_000 })
    .toBe(true);

  // The tray: the job and the operations together, newest first, several in view, the rest a scroll away.
  const entries = tray.getByRole("listitem");
  await expect(entries.nth(0)).toHaveAttribute("data-job", jobId);
  await expect(entries.nth(0)).toContainText("Reboot job · 1 of 1 instances");
  await expect(entries.nth(1)).toContainText("Reboot ApiWorker_IN_0");
  await expect(entries.nth(2)).toContainText("Reimage WebFrontend_IN_1");
  await tray.scrollIntoViewIfNeeded();
  for (const i of [0, 1, 2]) await expect(entries.nth(i)).toBeInViewport({ ratio: 1 });
  expect(await tray.evaluate((ul) => ({ overflow: getComputedStyle(ul).overflowY, max: getComputedStyle(ul).maxHeight }))).toMatchObject({ overflow: "auto", max: expect.stringMatching(/px$/) as unknown as string });
  await expectNoAxeViolations(page, "section[aria-labelledby='ops-title']");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page, "section[aria-labelledby='ops-title']");
  await page.emulateMedia({ colorScheme: "light" });

  // Each entry links to its instance on its target's page (with the operation open)…
  await failedEntry.getByRole("link", { name: "WebFrontend_IN_1" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/contoso-web/staging\\?instance=WebFrontend_IN_1&op=${failedOp}$`));
  await expect(page.getByRole("heading", { level: 2, name: "WebFrontend_IN_1" })).toBeVisible();
  await expect(failedEntry.getByRole("button", { name: "Hide details" })).toHaveAttribute("aria-expanded", "true");
  // …and a job to the job on its target's page.
  await jobEntry.getByRole("link", { name: /^Reboot job/ }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]job=${jobId}$`));
  await expect(page.getByRole("region", { name: /Reboot job/ })).toBeVisible();

  // The start page's tray has the same entries and links.
  await page.goto(`/s/${SUB}`);
  const startTray = page.getByRole("list", { name: "Recent operations and jobs" });
  await expect(startTray.locator(`li[data-job="${jobId}"]`)).toBeVisible();
  const startShot = "e2e-artifacts/tray-start-page.png";
  await page.screenshot({ path: startShot });
  await testInfo.attach("tray-start-page", { path: startShot, contentType: "image/png" });
  await startTray.locator(`li[data-operation="${failedOp}"]`).getByRole("link", { name: "contoso-web · staging" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/contoso-web/staging\\?op=${failedOp}$`));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
});
