/// <reference lib="dom" />
import { cloudServicePath, deploymentPath, expect, expectNoAxeViolations, test } from "./fixtures.ts";

// Journey 5: axe-core finds nothing on each view and on the dialog, in light and dark; screenshots
// of the main view and the dialog are kept as artifacts (e2e-artifacts/*.png, also attached).

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme });

    test(`every view and the dialog pass axe-core (${scheme})`, async ({ page }, testInfo) => {
      test.slow(); // five full axe-core scans
      const shot = async (name: string) => {
        const path = `e2e-artifacts/${name}${scheme === "dark" ? "-dark" : ""}.png`;
        await page.screenshot({ path });
        await testInfo.attach(name, { path, contentType: "image/png" });
      };

      await page.goto("/");
      await expect(page.getByRole("link", { name: /^contoso-web production:/ })).toBeVisible();
      await expectNoAxeViolations(page);
      await shot("services-view");

      // The main view: a deployment with an unhealthy instance selected.
      await page.goto(deploymentPath("contoso-web", "production", "?instance=ApiWorker_IN_2"));
      await expect(page.getByRole("heading", { level: 2, name: "ApiWorker_IN_2" })).toBeVisible();
      await expect(page.getByText("No actions recorded for this instance.")).toBeVisible();
      await expectNoAxeViolations(page);
      await shot("main-view");

      // A cloud service (extended support): the same page, its unhealthy instance selected.
      await page.goto(cloudServicePath("rg-shop-prod", "contoso-shop", "?instance=ApiRole_IN_1"));
      await expect(page.getByRole("heading", { level: 2, name: "ApiRole_IN_1" })).toBeVisible();
      await expect(page.getByText("No actions recorded for this instance.")).toBeVisible();
      await expectNoAxeViolations(page);
      await shot("cloud-service-view");

      // The filtered view with nothing selected.
      await page.goto(deploymentPath("contoso-web", "staging", "?tone=notready"));
      await expect(page.getByText("(0 shown by the filter)").first()).toBeVisible();
      await expectNoAxeViolations(page);

      // The dialog, at its most demanding: production, typed word.
      await page.goto(deploymentPath("contoso-web", "production", "?instance=ApiWorker_IN_2"));
      await page.getByRole("button", { name: "Reimage — fresh OS, local data may be lost" }).click();
      const dialog = page.getByRole("dialog", { name: /Reimage/ });
      await expect(dialog.getByRole("textbox", { name: "Type ApiWorker_IN_2 to confirm" })).toBeFocused();
      await expectNoAxeViolations(page);
      await shot("confirm-dialog");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });
  });
}

test("keyboard alone reaches an instance and its Reimage dialog", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const target = page.getByRole("button", { name: "WebFrontend_IN_0, show details" });
  await expect(target).toBeVisible();
  // Tab from the top of the page until the first instance is focused.
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  // Arrows move between instances; Enter opens the details.
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "WebFrontend_IN_1, show details" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(target).toBeFocused();
  // Status badges are not tab stops: the next Tab from a row's name is its Reimage button.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Reimage WebFrontend_IN_0" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(target).toBeFocused();
  await expect(target).toHaveAccessibleDescription("Started and taking traffic.");
  // Enter opens the details and takes focus there, next to the instance's actions.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "WebFrontend_IN_0" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Close instance details" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Reimage — fresh OS, local data may be lost" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog").getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeHidden();
});
