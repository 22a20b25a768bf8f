/// <reference lib="dom" />
import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey: an operator moves between pages with links, Back and Forward, and pastes addresses. An
// address that only redirects ("/", a service without a slot) is replaced, so Back never bounces; a
// new page opens at its top, and Back returns to where the previous one was left; the code of a page
// loaded on demand starts coming when the pointer reaches a link to it; an address that matches no
// view says so, inside the dashboard.

test("redirects are replaced in the history: Back goes to the page before, never to the redirect", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
  await page.getByRole("link", { name: "Rolecall" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeFocused();
  await expect(page).toHaveURL(`/s/${SUB}`);
  await page.goBack();
  await expect(page).toHaveURL(deploymentPath("contoso-web", "staging"));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeFocused();

  // A pasted address of a service without a slot opens its production slot, in place.
  await page.goto(`/s/${SUB}/services/contoso-billing`);
  await expect(page).toHaveURL(deploymentPath("contoso-billing", "production"));
  await expect(page.getByRole("navigation", { name: "Slots" }).getByRole("link", { name: "Production" })).toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(deploymentPath("contoso-web", "staging"));
});

test("a new page opens at its top; Back returns to where the previous page was left", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 480 });
  await page.goto(`/s/${SUB}`);
  const link = page.getByRole("link", { name: /^contoso-billing staging:/ });
  await link.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  const left = await page.evaluate(() => window.scrollY);

  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: /contoso-billing/ })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeFocused();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(left);
});

test("the start page's and the audit log's code comes when the pointer reaches a link to them", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  await expect(page.getByRole("heading", { level: 1, name: /contoso-web/ })).toBeVisible();
  const audit = page.waitForRequest(/\/assets\/audit-page-[^/]+\.js$/);
  await page.getByRole("link", { name: "Audit log" }).hover();
  await audit;
  const start = page.waitForRequest(/\/assets\/services-page-[^/]+\.js$/);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Cloud services" }).focus();
  await start;
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeFocused();
  await expect(page).toHaveURL(`/s/${SUB}/audit?target=services/contoso-web/deployments/production`);
});

test("an address that matches no view says so inside the dashboard, with the way back", async ({ page }) => {
  for (const path of [`/s/${SUB}/nowhere/at/all`, `/s/${SUB}/services/contoso-web/preview`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Nothing here" })).toBeVisible();
    await expect(page.getByText("EMULATOR", { exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: "Go to the start page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeVisible();
  await expect(page).toHaveURL(`/s/${SUB}`);
});
