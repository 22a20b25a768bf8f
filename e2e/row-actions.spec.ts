import { deploymentPath, expect, expectNoAxeViolations, test } from "./fixtures.ts";

// Journey: every action from the row, friction by what is lost. The row keeps "Reimage…" one click
// away and opens Reboot…, Reimage…, Rebuild… from its menu (mouse or keyboard). Reboot is the light
// dialog; rebuild always asks for the typed word and says what it erases, even in staging.

for (const scheme of ["light", "dark"] as const) {
  test(`the row's menu offers every action, gentlest first, and passes axe (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(deploymentPath("contoso-web", "staging"));
    const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
    await row.getByRole("button", { name: "All actions for WebFrontend_IN_0" }).click();
    const menu = page.getByRole("menu", { name: "All actions for WebFrontend_IN_0" });
    await expect(menu.getByRole("menuitem")).toHaveText([/^Reboot…restart, local data kept$/, /^Reimage…fresh OS, local data may be lost$/, /^Rebuild…fresh OS, local data erased$/]);
    await expect(menu.getByRole("menuitem", { name: /^Reboot/ })).toBeFocused();
    await expectNoAxeViolations(page);
    const path = `e2e-artifacts/row-actions-menu${scheme === "dark" ? "-dark" : ""}.png`;
    await page.screenshot({ path });
    await testInfo.attach("row-actions-menu", { path, contentType: "image/png" });

    // Rebuild's dialog, the heaviest: its own colour and tag, what it erases, and the word.
    await menu.getByRole("menuitem", { name: /^Rebuild/ }).click();
    const dialog = page.getByRole("dialog", { name: "Rebuild — fresh OS, local data erased" });
    await expect(dialog.getByText("Erases local data", { exact: true })).toBeVisible();
    await expect(dialog.getByRole("region", { name: "What is kept and what is lost" })).toContainText("ErasedEverything local");
    await expect(dialog.getByRole("textbox", { name: "Type WebFrontend_IN_0 to confirm" })).toBeFocused();
    await expectNoAxeViolations(page);
    const shot = `e2e-artifacts/rebuild-confirm${scheme === "dark" ? "-dark" : ""}.png`;
    await page.screenshot({ path: shot });
    await testInfo.attach("rebuild-confirm", { path: shot, contentType: "image/png" });
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });
}

test("the menu works from the keyboard, and a reboot is the light dialog", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const caret = page.getByRole("button", { name: "All actions for WebFrontend_IN_1" });
  // Tab from the row's Reimage… reaches the menu button.
  await page.getByRole("button", { name: "Reimage WebFrontend_IN_1" }).focus();
  await page.keyboard.press("Tab");
  await expect(caret).toBeFocused();
  await expect(caret).toHaveAttribute("aria-expanded", "false");

  // ↑ opens on the last item; ↓ wraps to the first; Esc closes and gives focus back.
  await page.keyboard.press("ArrowUp");
  const menu = page.getByRole("menu", { name: "All actions for WebFrontend_IN_1" });
  await expect(menu.getByRole("menuitem", { name: /^Rebuild/ })).toBeFocused();
  await expect(caret).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: /^Reboot/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(caret).toBeFocused();

  // Enter opens it on the first item, Reboot; Enter chooses it.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: /^Reboot/ })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Reboot — restart, local data kept" });
  await expect(dialog.getByText("Keeps local data", { exact: true })).toBeVisible();
  await expect(dialog.getByRole("region", { name: "What is kept and what is lost" })).toContainText("KeptThe guest OS disk and every local storage resource.");
  await expect(dialog.getByRole("textbox", { name: /to confirm$/ })).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Reboot WebFrontend_IN_1" }).click();
  await expect(dialog).toBeHidden();
  await expect(caret).toBeFocused();
  await expect.poll(async () => (await emulator.actions()).map((a) => a.query.comp)).toEqual(["reboot"]);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_1/ }).getByText(/Reboot requested by local operator/)).toBeVisible();

  // While it runs, no row offers an action: both halves say so and open nothing.
  const other = page.getByRole("button", { name: "All actions for WebFrontend_IN_0" });
  await expect(other).toHaveAttribute("aria-disabled", "true");
  await other.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menu")).toHaveCount(0);

  // Let it finish so the next test on this worker starts from a quiet proxy.
  await emulator.advance(20 * 60_000);
  await expect(other).not.toHaveAttribute("aria-disabled", "true");
});

test("rebuild asks for the word even in staging: Enter sends only once it is right", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await page.getByRole("button", { name: "All actions for WebFrontend_IN_0" }).click();
  await page.getByRole("menuitem", { name: /^Rebuild/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Rebuild/ });
  const word = dialog.getByRole("textbox", { name: "Type WebFrontend_IN_0 to confirm" });
  await expect(word).toBeFocused();
  await expect(dialog.getByText("Rebuild erases all local data on WebFrontend_IN_0; it cannot be undone.")).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Rebuild WebFrontend_IN_0" });
  await expect(confirm).toBeDisabled();
  await page.keyboard.type("WebFrontend_IN_1");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await word.fill("WebFrontend_IN_0");
  await expect(confirm).toBeEnabled();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await emulator.actions()).map((a) => a.query.comp)).toEqual(["rebuild"]);

  await emulator.advance(30 * 60_000);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ }).locator("[data-status]")).toHaveText("Ready");
});
