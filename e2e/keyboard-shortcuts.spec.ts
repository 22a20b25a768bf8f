import { deploymentPath, expect, expectNoAxeViolations, test } from "./fixtures.ts";

// Journey: the keyboard alone. `/` goes to the search, j/k move between instances, Enter opens one,
// `?` lists the shortcuts; none of them fires while typing in a field. A confirmation that needs a
// typed word starts in its field, and Enter confirms only once the word is right. After going to
// another page, focus is on that page's heading.

test("shortcuts: / searches, j and k move, Enter opens, ? lists them; typing is left alone", async ({ page }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const first = page.getByRole("button", { name: "WebFrontend_IN_0, show details" });
  await expect(first).toBeVisible();

  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toBeFocused();
  // In the field, j and ? are text.
  await page.keyboard.type("j?");
  await expect(search).toHaveValue("j?");
  await expect(search).toBeFocused();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await search.fill("");
  await page.getByRole("heading", { level: 1 }).click();

  await page.keyboard.press("j");
  await expect(first).toBeFocused();
  await page.keyboard.press("j");
  await expect(page.getByRole("button", { name: "WebFrontend_IN_1, show details" })).toBeFocused();
  await page.keyboard.press("k");
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "WebFrontend_IN_0" })).toBeFocused();
  await expect(page).toHaveURL(/instance=WebFrontend_IN_0/);
  // From the details, j goes on from the open instance's row.
  await page.keyboard.press("j");
  await expect(page.getByRole("button", { name: "WebFrontend_IN_1, show details" })).toBeFocused();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("term")).toHaveText(["/", "j", "k", "Enter", "↑ ↓", "?", "Esc"]);
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  // While the list is open, shortcuts do nothing behind it.
  await page.keyboard.press("j");
  await expect(help).toBeVisible();
  const shot = "e2e-artifacts/keyboard-shortcuts.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("keyboard-shortcuts", { path: shot, contentType: "image/png" });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(page.getByRole("button", { name: "WebFrontend_IN_1, show details" })).toBeFocused();
});

test("a typed word takes the focus; Enter confirms only when it is right", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  await page.getByRole("button", { name: "Reimage WebFrontend_IN_1" }).click();
  const dialog = page.getByRole("dialog", { name: /^Reimage/ });
  const word = dialog.getByRole("textbox", { name: "Type WebFrontend_IN_1 to confirm" });
  await expect(word).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.type("WebFrontend_IN_2");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  expect(await emulator.actions()).toEqual([]);
  await word.fill("");
  await page.keyboard.type("WebFrontend_IN_1");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);

  await emulator.advance(20 * 60_000);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_1/ }).locator("[data-status]")).toHaveText("Ready");
});

test("after going to another page, focus is on its heading", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
  await page.getByRole("link", { name: "Cloud services" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeFocused();
  await page.getByRole("link", { name: /^contoso-billing staging:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /contoso-billing/ })).toBeFocused();
  // Another slot of the same service is another page too.
  await page.getByRole("navigation", { name: "Slots" }).getByRole("link", { name: "Production" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /contoso-billing/ })).toBeFocused();
  await expect(page).toHaveURL(/\/production$/);
});
