import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey 2: reimage a staging instance. Cancel sends nothing; Confirm sends exactly one action; the
// badge walks through the real transitional states (driven by the emulator clock) back to Ready; the
// tray shows success.

const steps: [label: string, seconds: number][] = [
  ["Stopping role", 40],
  ["Stopping VM", 30],
  ["Stopped", 10],
  ["Creating VM", 240],
  ["Starting VM", 120],
  ["Creating role", 120],
  ["Starting role", 90],
  ["Busy", 70],
];

test("reimage of a staging instance, from dialog to recovery", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  // The status badge carries the raw upstream value; its text is the catalog's label.
  const badge = row.locator("[data-status]");
  await expect(badge).toHaveText("Ready");

  // Cancel: the dialog names the target and the impact, and nothing reaches the emulator.
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage — fresh OS, local data may be lost/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog.getByRole("rowheader", { name: "WebFrontend_IN_0" })).toBeVisible();
  await expect(dialog.getByText(/Ready instances of role WebFrontend: 2 of 2 now → 1 during the reimage/)).toBeVisible();
  await expect(dialog.getByText("Staging", { exact: true })).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: /to confirm$/ })).toHaveCount(0); // staging, no outage: one click suffices
  await expect(dialog.getByText(/^Statuses as of \d.* \(\d+ s ago\)$/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // Esc cancels too.
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await emulator.actions()).toEqual([]);

  // Confirm, double-clicked: exactly one action is sent.
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(row.getByText(/Reimage requested by local operator · /)).toBeVisible();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);
  const [sent] = await emulator.actions();
  expect(sent?.query.comp).toBe("reimage");
  expect(sent?.path).toMatch(/\/services\/hostedservices\/contoso-web\/deploymentslots\/staging\/roleinstances\/WebFrontend_IN_0$/i);

  // Other actions on this deployment are disabled, with the reason shown.
  await expect(page.getByText(/Actions are unavailable while Reimage of WebFrontend_IN_0/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reimage WebFrontend_IN_1" })).toHaveAttribute("aria-disabled", "true");

  // Walk the real states by driving the emulator clock.
  for (const [label, seconds] of steps) {
    await expect(badge).toHaveText(label);
    await emulator.advance(seconds * 1000);
  }
  await expect(badge).toHaveText("Ready");

  // The tray shows the operation's success, and it was announced.
  const tray = page.getByRole("list", { name: "Recent operations" });
  // The newest such entry: the worker's proxy keeps earlier tests' operations, some with the same words.
  await expect(tray.getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" }).first().getByText("Succeeded")).toBeVisible();
  await expect(page.getByRole("status").getByText("Reimage of WebFrontend_IN_0 succeeded")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reimage WebFrontend_IN_1" })).not.toHaveAttribute("aria-disabled", "true");
  expect(await emulator.actions()).toHaveLength(1);
});

test("rows do not redraw under an open dialog; updates apply when it closes", async ({ page, baseURL, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const other = page.getByRole("row", { name: /WebFrontend_IN_1/ }).locator("[data-status]");
  await expect(other).toHaveText("Ready");
  await page.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  await expect(dialog).toBeVisible();

  // A colleague reimages WebFrontend_IN_1 meanwhile (straight through the API).
  const res = await page.request.post(`/api/subscriptions/${SUB}/services/contoso-web/deployments/staging/instances/WebFrontend_IN_1/reimage`, {
    headers: { origin: baseURL ?? "" },
    data: {},
  });
  expect(res.status()).toBe(202);
  // Polls keep arriving (the tray is live)…
  // (the newest such entry: the worker's proxy keeps earlier tests' operations, some with the same words)
  await expect(page.getByRole("list", { name: "Recent operations" }).getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_1" }).first()).toBeVisible();
  await page.waitForResponse((r) => r.url().endsWith("/deployments/staging") && r.status() === 200);
  await page.waitForResponse((r) => r.url().endsWith("/deployments/staging") && r.status() === 200);
  // …but the table under the dialog still shows what the dialog opened with, and says so…
  await expect(other).toHaveText("Ready");
  await expect(page.getByRole("banner").getByText(/table held while the dialog is open/)).toBeVisible();
  // …while the dialog shows the fresh statuses, what moved, and refuses to act during the reimage.
  await expect(dialog.getByText("Statuses changed since you opened this")).toBeVisible();
  await expect(dialog.getByRole("listitem").filter({ hasText: "WebFrontend_IN_1" })).toHaveText("WebFrontend_IN_1: Ready → Stopping role");
  await expect(dialog.getByText(/Ready instances of role WebFrontend: 1 of 2 now → 0 during the reimage/)).toBeVisible();
  await expect(dialog.getByText(/^local operator started Reimage of WebFrontend_IN_1 at .*: Confirm is off until it ends/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" })).toBeDisabled();

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(other).toHaveText("Stopping role");
  await expect(page.getByRole("row", { name: /WebFrontend_IN_1/ }).getByText(/Reimage requested by local operator/)).toBeVisible();

  // Let it finish so the next test on this worker starts from a quiet proxy.
  await emulator.advance(20 * 60_000);
  await expect(other).toHaveText("Ready");
  await expect(page.getByText(/Actions are unavailable/)).toHaveCount(0);
});
