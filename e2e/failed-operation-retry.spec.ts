import { deploymentPath, expect, expectNoAxeViolations, test } from "./fixtures.ts";

// Journey: a reimage fails. The tray and the row say what happened to the instance, from the
// statuses the page saw while the operation ran (it went down and came back; it was not reimaged),
// and Retry… opens the same confirmation on statuses fetched anew; confirming sends one more.

// The emulator's failed operation: the instance stops, Azure reports the failure while the old VM
// starts again, and the instance comes back to Ready on its own.
const failedRun: [label: string, seconds: number][] = [
  ["Stopping role", 40],
  ["Stopping VM", 30],
  ["Stopped", 10],
  ["Starting VM", 60],
  ["Starting role", 45],
  ["Busy", 55],
];

test("a failed reimage says the instance went down and back, not reimaged, and Retry… asks again on fresh statuses", async ({ page, emulator }, testInfo) => {
  await emulator.faults({ failNextOperations: 1 });
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  const badge = row.locator("[data-status]");
  await expect(badge).toHaveText("Ready");
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /^Reimage/ });
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(dialog).toBeHidden();

  for (const [label, seconds] of failedRun) {
    await expect(badge).toHaveText(label);
    await emulator.advance(seconds * 1000);
  }
  await expect(badge).toHaveText("Ready");

  const said = "Reimage failed · went through Stopping role … Busy, back to Ready · not reimaged";
  const entry = page.getByRole("list", { name: "Recent operations" }).getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" }).first();
  await expect(entry.getByText("✕ Failed")).toBeVisible();
  await expect(entry.getByText(said)).toBeVisible();
  await expect(entry.getByText(said)).toHaveAttribute("title", /^WebFrontend_IN_0 went through Stopping role, Stopping VM, Stopped, Starting VM, Starting role, Busy, back to Ready; it was not reimaged \(Azure reported the operation failed\)\. Azure said: /);
  // The row's narrow cell says it briefly; its tooltip has every status seen.
  await expect(row.getByText("Reimage failed · went down and back to Ready · not reimaged")).toBeVisible();
  const rowRetry = row.getByRole("button", { name: "Retry reimage of WebFrontend_IN_0" });
  await expect(rowRetry).toBeVisible();

  const shot = "e2e-artifacts/failed-operation-retry.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("failed-operation-retry", { path: shot, contentType: "image/png" });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "light" });

  // Retry… from the tray: the same confirmation, on statuses read again as it opens.
  const fresh = page.waitForResponse((r) => r.url().endsWith("/deployments/staging") && r.request().method() === "GET" && r.status() === 200);
  await entry.getByRole("button", { name: "Retry reimage of WebFrontend_IN_0" }).click();
  await fresh;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("rowheader", { name: "WebFrontend_IN_0" })).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await emulator.actions()).length).toBe(2);
  // A new operation takes over the row: its request is shown, the old outcome is gone.
  await expect(row.getByText(/Reimage requested by local operator/)).toBeVisible();
  await expect(row.getByText(/Reimage failed/)).toHaveCount(0);

  await emulator.advance(20 * 60_000);
  await expect(badge).toHaveText("Ready");
  await expect(row.getByText(/^Reimage done · Ready at /)).toBeVisible();
});
