import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey: on call, the operator opens a link to a deployment, on a slow phone connection. The page
// fetches its one entry script and nothing else (no sign-in library: sign-in is off here; no dialog,
// no details, no list of shortcuts); what they then ask for comes as they ask. A part that cannot
// be fetched says so in its place, and "try again" brings it once the network is back.

test("a deep link fetches one script, never MSAL; parts load on demand and recover from a failed fetch", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(deploymentPath("contoso-web", "production"));
  await expect(page.getByRole("button", { name: "WebFrontend_IN_0, show details" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const entry = await page.locator('script[type="module"][src]').getAttribute("src");
  expect(scripts).toEqual([entry]);

  // The list of shortcuts cannot be fetched: said in place, and the rest of the page works on.
  const blocked = /\/assets\/(?!index-)[^/]+\.js$/;
  await page.route(blocked, (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The list of shortcuts could not be loaded" });
  await expect(alert).toBeVisible();
  await page.getByRole("button", { name: "WebFrontend_IN_0, show details" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "instance's details could not be loaded" })).toBeVisible();

  // Back online: each part comes on "try again".
  await page.unroute(blocked);
  await alert.getByRole("button", { name: "try again" }).click();
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await page.getByRole("alert").filter({ hasText: "instance's details could not be loaded" }).getByRole("button", { name: "try again" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "WebFrontend_IN_0" })).toBeVisible();
  expect(scripts.some((s) => /msal/i.test(s))).toBe(false);
});

test("on a slow link, a page whose code is still coming says so under the header, then opens", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  await expect(page.getByRole("button", { name: "WebFrontend_IN_0, show details" })).toBeVisible();
  // The audit page's script is held back until the test lets it through.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/audit-page-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loading the audit log…" })).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  release();
  await expect(page.getByRole("heading", { level: 1, name: /Audit log/ })).toBeVisible();
  await expect(page.getByText("Loading the audit log…")).toBeHidden();
});
