import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey: a colleague acts on the target while the confirmation is open. The open dialog keeps
// checking its own target at the fast pace, so within one fast poll Confirm turns off and the dialog
// names who started what; the table behind it does not redraw. The steady poll is set to a minute
// here, so only the dialog's own fast checking can make that happen within the assertion's 10 s.

test.use({ stackEnv: { ROLECALL_POLL_FAST_MS: "500", ROLECALL_POLL_SLOW_MS: "60000" } });

const target = `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`;

test("someone else's reimage turns Confirm off within a fast poll, naming them", async ({ page, baseURL, emulator }, testInfo) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const other = page.getByRole("row", { name: /WebFrontend_IN_1/ }).locator("[data-status]");
  await expect(other).toHaveText("Ready");
  await page.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /^Reimage/ });
  const confirm = dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" });
  await expect(confirm).toBeEnabled();

  // Another request, straight to the proxy's API, as a colleague's browser would send it.
  const res = await page.request.post(`${target}/instances/WebFrontend_IN_1/reimage`, { headers: { origin: baseURL ?? "" }, data: {} });
  expect(res.status()).toBe(202);

  // Fast polls are 500 ms here, steady ones a minute: a few fast polls at most.
  await expect(confirm).toBeDisabled({ timeout: 3_000 });
  await expect(dialog.getByRole("status").getByText(/^local operator started Reimage of WebFrontend_IN_1 at .+: Confirm is off until it ends/)).toBeVisible();
  // The table behind the dialog still shows what it showed when the dialog opened.
  await expect(other).toHaveText("Ready");
  const shot = "e2e-artifacts/dialog-watches-target.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("dialog-watches-target", { path: shot, contentType: "image/png" });

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(other).toHaveText("Stopping role");
  expect(await emulator.actions()).toHaveLength(1);
  await emulator.advance(20 * 60_000);
  await expect(other).toHaveText("Ready");
});

test("a rolling job started meanwhile turns Confirm off, naming who started it", async ({ page, baseURL, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await page.getByRole("button", { name: "All actions for ApiWorker_IN_0" }).click();
  await page.getByRole("menuitem", { name: /^Reboot/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Reboot/ });
  const confirm = dialog.getByRole("button", { name: "Reboot ApiWorker_IN_0" });
  await expect(confirm).toBeEnabled();

  const res = await page.request.post(`${target}/jobs`, { headers: { origin: baseURL ?? "" }, data: { action: "reboot", instances: ["WebFrontend_IN_1"], batch: "instance" } });
  expect(res.status()).toBe(202);
  const job = (await res.json()) as { id: string };

  await expect(confirm).toBeDisabled({ timeout: 3_000 });
  await expect(dialog.getByRole("status").getByText(/^local operator started a reboot job on this target at .+ \(step 1 of 1\): Confirm is off while it runs\.$/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Stop the job and let its reboot finish, so the next test starts from a quiet proxy.
  const cancelled = await page.request.post(`/api/subscriptions/${SUB}/jobs/${job.id}/cancel`, { headers: { origin: baseURL ?? "" }, data: {} });
  expect(cancelled.status()).toBe(200);
  await emulator.advance(20 * 60_000);
  await expect(page.getByText(/Actions are unavailable/)).toHaveCount(0);
});
