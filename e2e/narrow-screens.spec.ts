import type { Page, TestInfo } from "@playwright/test";
import { call, deploymentPath, expect, expectNoAxeViolations, SUB, test } from "./fixtures.ts";

// Journey: the same on-call work from a desk, a small window and a phone. No page scrolls sideways
// from 360 px up: not the start page, not a target with an instance open, not a confirmation. On a
// phone the header is one line, instances are cards (still only a few rendered for 2,000), an
// instance's details open over the page in view, and the confirmation fits with its title in sight.

const sizes = [
  { width: 1440, height: 900 },
  { width: 800, height: 900 },
  { width: 390, height: 844 },
  { width: 360, height: 740 },
] as const;

const fitsWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const path = `e2e-artifacts/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

for (const size of sizes) {
  const label = `${size.width}x${size.height}`;
  test(`no sideways scroll at ${label}: start page, an open instance, a confirmation`, async ({ page }, testInfo) => {
    await page.setViewportSize(size);
    await page.goto(`/s/${SUB}`);
    await expect(page.getByRole("link", { name: /^contoso-web production:/ })).toBeVisible();
    const start = await fitsWidth(page);
    expect(start.scroll, "start page").toBeLessThanOrEqual(start.view);
    await shoot(page, testInfo, `narrow-start-${label}`);

    // A target, and the unhealthy instance opened by its name: its details are in view at once.
    await page.goto(deploymentPath("contoso-web", "production"));
    await page.getByRole("button", { name: "ApiWorker_IN_2, show details" }).click();
    const details = page.getByRole("region", { name: "ApiWorker_IN_2" });
    await expect(details.getByRole("heading", { level: 2, name: "ApiWorker_IN_2" })).toBeInViewport();
    // Below 1280 px the details open in a sheet over the page: its actions are in view too.
    if (size.width < 1280) await expect(page.getByRole("dialog", { name: "ApiWorker_IN_2" }).getByRole("button", { name: "Reboot — restart, local data kept" })).toBeInViewport();
    const target = await fitsWidth(page);
    expect(target.scroll, "target page with an open instance").toBeLessThanOrEqual(target.view);
    await shoot(page, testInfo, `narrow-instance-${label}`);

    // Its reimage: production asks for the word, and focus goes to its field; the title stays in sight.
    await details.getByRole("button", { name: "Reimage — fresh OS, local data may be lost" }).click();
    const dialog = page.getByRole("dialog", { name: "Reimage — fresh OS, local data may be lost" });
    await expect(dialog.getByRole("textbox", { name: "Type ApiWorker_IN_2 to confirm" })).toBeFocused();
    await expect(dialog.getByRole("heading", { name: "Reimage — fresh OS, local data may be lost" })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeInViewport({ ratio: 1 });
    const inDialog = await dialog.evaluate((d) => ({ scroll: d.scrollWidth, client: d.clientWidth, right: d.getBoundingClientRect().right }));
    expect(inDialog.scroll, "dialog content").toBeLessThanOrEqual(inDialog.client);
    expect(inDialog.right).toBeLessThanOrEqual(size.width);
    const confirm = await fitsWidth(page);
    expect(confirm.scroll, "page under the confirmation").toBeLessThanOrEqual(confirm.view);
    await shoot(page, testInfo, `narrow-confirm-${label}`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
}

test("a status badge's hidden meaning widens nothing at 1440 px, and shows on hover", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "production", "?instance=ApiWorker_IN_2"));
  await expect(page.getByRole("region", { name: "ApiWorker_IN_2" })).toBeVisible();
  const before = await fitsWidth(page);
  expect(before.scroll).toBe(before.view);
  const badge = page.getByRole("region", { name: "ApiWorker_IN_2" }).locator("[data-status]");
  await badge.hover();
  await expect(page.getByRole("tooltip")).toHaveText("The instance stopped reporting its status and is not answering.");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const scheme of ["light", "dark"] as const) {
    test(`a one-line header with a menu, instance cards, details in a sheet; axe clean (${scheme})`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(deploymentPath("contoso-web", "production"));
      const header = page.getByRole("banner");
      await expect(header.getByText("EMULATOR", { exact: true })).toBeVisible();
      expect((await header.boundingBox())?.height).toBeLessThanOrEqual(56);
      await expect(header.getByRole("button", { name: "Pause live updates" })).toBeHidden();
      await header.getByRole("button", { name: "Menu" }).click();
      await expect(header.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "true");
      await expect(header.getByRole("button", { name: "Pause live updates" })).toBeVisible();
      await expect(header.getByLabel("Signed in as")).toBeVisible();
      await expectNoAxeViolations(page);
      await header.getByRole("button", { name: "Menu" }).click();
      await expect(header.getByRole("button", { name: "Pause live updates" })).toBeHidden();

      // Cards, not a table: each with its name, status and actions in reach.
      const list = page.getByRole("region", { name: "Role instances" });
      await expect(list.getByRole("table")).toHaveCount(0);
      const card = list.getByRole("listitem").filter({ has: page.getByRole("button", { name: "ApiWorker_IN_2, show details" }) });
      await expect(card.getByText("Unresponsive")).toBeVisible();
      await expect(card.getByRole("button", { name: "Reimage ApiWorker_IN_2" })).toBeVisible();
      await card.getByRole("button", { name: "ApiWorker_IN_2, show details" }).scrollIntoViewIfNeeded();
      await shoot(page, testInfo, `phone-cards-${scheme}`);
      await expectNoAxeViolations(page);

      // The details open over the page, in view; ✕ closes them and the URL forgets the instance.
      await card.getByRole("button", { name: "ApiWorker_IN_2, show details" }).click();
      const sheet = page.getByRole("dialog", { name: "ApiWorker_IN_2" });
      await expect(sheet).toBeInViewport();
      await expect(sheet.getByRole("button", { name: "Reboot — restart, local data kept" })).toBeInViewport();
      await expect(page).toHaveURL(/[?&]instance=ApiWorker_IN_2(&|$)/);
      await shoot(page, testInfo, `phone-sheet-${scheme}`);
      await expectNoAxeViolations(page);
      // Where the tap landed a primary button may now sit under the pointer: hovered, it stays readable.
      await sheet.getByRole("button", { name: /^Reimage — / }).hover();
      await expectNoAxeViolations(page);
      await sheet.getByRole("button", { name: "Close instance details" }).click();
      await expect(sheet).toBeHidden();
      await expect(page).not.toHaveURL(/instance=/);
    });
  }

  test("2,000 instances as cards: a few dozen rendered, every one reachable by scrolling", async ({ page, emulator }) => {
    await call(`${emulator.url}/_emulator/reset`, "POST", { scenario: "large" });
    await page.goto(deploymentPath("bigfleet", "production"));
    await expect(page.getByRole("heading", { level: 2, name: "Instances (2000)" })).toBeVisible();
    const list = page.getByRole("region", { name: "Role instances" });
    const rendered = list.locator("li[data-instance]");
    await expect(rendered.first()).toBeVisible();
    expect(await rendered.count()).toBeLessThan(40);

    // Scrolled to the end, as a thumb would: the last role's last cards are there, still few rendered.
    await list.hover();
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 20_000);
        return list.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
      }, { intervals: [100] }) // a flick every 100 ms: the poll's default back-off spent most of 10 s waiting between them
      .toBe(true);
    const last = list.locator("li[data-instance]").last();
    await expect(last).toBeInViewport();
    await expect(last).toHaveAttribute("data-instance", /^Scheduler_IN_/);
    expect(await rendered.count()).toBeLessThan(40);
    const name = (await last.getAttribute("data-instance")) ?? "";
    await last.getByRole("button", { name: `${name}, show details` }).click();
    await expect(page.getByRole("dialog", { name })).toBeInViewport();
  });
});
