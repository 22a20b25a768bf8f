import { deploymentPath, expect, expectNoAxeViolations, SUB, test } from "./fixtures.ts";

// Journey: Azure is slow to answer a reimage, Rolecall's request times out and cannot tell whether it
// started. The tray and the row say it may have started while Rolecall holds the target; once Azure
// shows nothing running there, the hold ends, and the tray keeps a final entry saying the outcome is
// unknown and to check the instance, as the row does: an on-call operator who looked away still
// learns what happened, after a reload and from the start page too.

// Short times, the same proportions as production's (the request outlives Rolecall's wait, and
// reaches Azure before Rolecall may settle the action): a 2 s upstream timeout, a 4 s slow POST,
// and Azure's idle state settling the action 6 s after the request.
test.use({ stackEnv: { ROLECALL_UPSTREAM_TIMEOUT_MS: "2000", ROLECALL_UNCONFIRMED_SETTLE_MS: "6000" } });

test("an action whose outcome Rolecall could not confirm keeps a final tray entry and row note saying so", async ({ page, emulator }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  await expect(row.locator("[data-status]")).toHaveText("Ready");

  await emulator.faults({ latencyMs: 4000, match: { method: "POST" } });
  await page.getByRole("button", { name: "All actions for WebFrontend_IN_0" }).click();
  await page.getByRole("menuitem", { name: /^Reimage/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Reimage/ });
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Reimage of WebFrontend_IN_0 may have started" })).toBeVisible();

  // Held: the tray and the row say it may have started.
  const entry = page.getByRole("list", { name: "Recent operations and jobs" }).getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" });
  await expect(entry).toContainText("In progress");
  await expect(entry).toContainText("May have started");
  await expect(row).toContainText("may have started (unconfirmed)");

  // The reimage did reach Azure; it runs to its end (the emulator's clock), then Azure shows nothing
  // running on the target and Rolecall lets it go.
  const final = "Outcome unknown — check the instance. Rolecall never learnt how this reimage of WebFrontend_IN_0 ended, and no longer holds the target.";
  await expect
    .poll(async () => {
      await emulator.advance(60_000);
      return entry.getByText(final).isVisible();
    }, { timeout: 30_000 })
    .toBe(true);

  // The tray's entry is final: its outcome unknown (not failed, not running), why, and links.
  await expect(entry.getByText("? Outcome unknown", { exact: true })).toBeVisible();
  await expect(entry).not.toContainText("In progress");
  await expect(entry).not.toContainText("May have started");
  await expect(entry).not.toContainText("Failed");
  await expect(entry).toContainText("Azure showed nothing running on the target");
  await expect(entry.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  // The row's note ends in the same words instead of vanishing; the ending is announced.
  await expect(row.getByText(/^Reimage: outcome unknown — check the instance · /)).toBeVisible();
  await expect(row).not.toContainText("may have started (unconfirmed)");
  await expect(page.getByRole("alert").filter({ hasText: "Reimage of WebFrontend_IN_0: outcome unknown — check the instance" })).toBeVisible();
  // Its details open in place (it has no operation id for the URL).
  await entry.getByRole("button", { name: "Details" }).click();
  await expect(entry).toContainText("None: Azure's answer to the request never came");
  const shot = "e2e-artifacts/outcome-unknown.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("outcome-unknown", { path: shot, contentType: "image/png" });
  await expectNoAxeViolations(page, "section[aria-labelledby='ops-title']");

  // Not this page's memory: after a reload, and on the start page, the entry is still there.
  await page.reload();
  await expect(entry.getByText(final)).toBeVisible();
  await page.goto(`/s/${SUB}`);
  const startEntry = page.getByRole("list", { name: "Recent operations and jobs" }).getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" });
  await expect(startEntry.getByText(final)).toBeVisible();
  // Its instance link leads to the instance to check.
  await startEntry.getByRole("link", { name: "WebFrontend_IN_0" }).click();
  await expect(page).toHaveURL(/\/services\/contoso-web\/staging\?instance=WebFrontend_IN_0$/);
  await expect(page.getByRole("heading", { level: 2, name: "WebFrontend_IN_0" })).toBeVisible();
});
