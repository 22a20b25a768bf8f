import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey 3: friction scales with risk. Production needs the typed word; an action that would leave
// a role with no ready instance shows the outage warning and needs the word even in staging.

test("production requires typing the instance name before Confirm is enabled", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  await expect(page.getByRole("banner").getByText("Production", { exact: true })).toBeVisible();
  const row = page.getByRole("row", { name: /WebFrontend_IN_1/ });
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_1" }).click();

  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  // A word must be typed: focus starts in its field (Cancel has it when no word is asked).
  await expect(dialog.getByRole("textbox", { name: "Type WebFrontend_IN_1 to confirm" })).toBeFocused();
  await expect(dialog.getByText("This is the production slot.")).toBeVisible();
  await expect(dialog.getByText(/Ready instances of role WebFrontend: 4 of 4 now → 3 during/)).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Reimage WebFrontend_IN_1" });
  const word = dialog.getByRole("textbox", { name: "Type WebFrontend_IN_1 to confirm" });
  await expect(confirm).toBeDisabled();
  await word.fill("WebFrontend_IN_2");
  await expect(confirm).toBeDisabled();
  // Off, it is grey, not a faded red that reads as "on" (dark mode most of all).
  const background = () => confirm.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const off = await background();
  await word.fill("WebFrontend_IN_1");
  await expect(confirm).toBeEnabled();
  const on = await background();
  // Tailwind's colours come as oklch(lightness chroma hue): grey is a chroma near zero; red's is ≈ 0.2.
  const chroma = (colour: string) => Number(/^oklch\([\d.]+ ([\d.]+) /.exec(colour)?.[1] ?? NaN);
  expect(chroma(off), `off: ${off}`).toBeLessThan(0.06);
  expect(chroma(on), `on: ${on}`).toBeGreaterThan(0.15);
  await page.emulateMedia({ colorScheme: "light" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await emulator.actions()).toEqual([]);
});

test("the last ready instance of a role shows the outage warning and needs the word", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-billing", "staging"));
  const row = page.getByRole("row", { name: /InvoiceWorker_IN_0/ });
  await row.getByRole("button", { name: "Reimage InvoiceWorker_IN_0" }).click();

  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  await expect(dialog.getByText("Outage warning: InvoiceWorker will have no ready instance until this finishes.")).toBeVisible();
  await expect(dialog.getByText(/Ready instances of role InvoiceWorker: 1 of 1 now → 0 during/)).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Reimage InvoiceWorker_IN_0" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox", { name: "Type InvoiceWorker_IN_0 to confirm" }).fill("InvoiceWorker_IN_0");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);
  await expect(row.getByText(/Reimage requested by local operator/)).toBeVisible();

  // Let it finish so the next test on this worker starts from a quiet proxy.
  await emulator.advance(20 * 60_000);
  await expect(row.locator("[data-status]")).toHaveText("Ready");
});
