import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey: Rolecall's own action limit (here one action per person per minute). The second action
// in a row is refused by Rolecall itself, before Azure: the message says that you sent too many
// actions, when you may act again and that nothing was sent to Azure, and nothing is retried.

test.use({ stackEnv: { ROLECALL_ACTION_RATE_LIMIT: "1" } });

test("a second action in a row meets Rolecall's own limit, worded as such", async ({ page, emulator }, testInfo) => {
  // First action: reimage a staging instance of contoso-web.
  await page.goto(deploymentPath("contoso-web", "staging"));
  const first = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  await expect(first.locator("[data-status]")).toHaveText("Ready");
  await first.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  let dialog = page.getByRole("dialog", { name: /Reimage/ });
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(dialog).toBeHidden();
  await expect(first.getByText(/Reimage requested by local operator · /)).toBeVisible();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);

  // Second action, at once, on another deployment (so nothing holds it): refused by Rolecall.
  await page.goto(deploymentPath("contoso-billing", "staging"));
  const second = page.getByRole("row", { name: /BillingApi_IN_0/ });
  await expect(second.locator("[data-status]")).toHaveText("Ready");
  await second.getByRole("button", { name: "Reimage BillingApi_IN_0" }).click();
  dialog = page.getByRole("dialog", { name: /Reimage/ });
  const confirm = dialog.getByRole("button", { name: "Reimage BillingApi_IN_0" });
  await expect(confirm).toBeEnabled();
  let sent = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/instances/BillingApi_IN_0/reimage")) sent++;
  });
  const reply = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/instances/BillingApi_IN_0/reimage"));
  await confirm.click();
  const refused = await reply;
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  const alert = page.getByRole("alert").filter({ hasText: "Reimage of BillingApi_IN_0 was not started" });
  await expect(alert).toContainText("You sent too many actions in a short time.");
  await expect(alert).toContainText(/You may act again at \d{1,2}:\d{2}:\d{2}.* \(in [^)]+\)\./);
  await expect(alert).toContainText("Nothing was sent to Azure.");
  await expect(alert).not.toContainText(/throttl|will (try|retry)/i);
  const path = "e2e-artifacts/too-many-actions.png";
  await page.screenshot({ path });
  await testInfo.attach("too-many-actions", { path, contentType: "image/png" });

  // Only the first action reached the emulator.
  expect((await emulator.actions()).map((a) => a.path)).toEqual([expect.stringMatching(/\/contoso-web\/deploymentslots\/staging\/roleinstances\/WebFrontend_IN_0$/i)]);

  // Let the first action finish so the stack ends quiet.
  await emulator.advance(20 * 60_000);
  await page.goto(deploymentPath("contoso-web", "staging"));
  // The newest such entry: the worker's proxy keeps earlier tests' operations, some with the same words.
  await expect(page.getByRole("list", { name: "Recent operations" }).getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" }).first().getByText("Succeeded")).toBeVisible();
  // The refused action was sent once and never retried behind the person's back.
  expect(sent).toBe(1);
  expect(await emulator.actions()).toHaveLength(1);
});
