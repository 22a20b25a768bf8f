import { expect, test } from "./fixtures.ts";

// Issue 2: the SPA shell, served by the real proxy with the emulator behind it, loads in Chromium.
test("the shell loads from the real stack and lands on the subscription's services", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Rolecall" })).toBeVisible();
  await expect(page.getByText("EMULATOR", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeVisible();
  await expect(page).toHaveURL(/\/s\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/updated \d+ s ago/)).toBeVisible();

  // Live updates can be paused and resumed from the header.
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await expect(page.getByRole("button", { name: "Resume live updates" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/Paused · updated \d+ s ago/)).toBeVisible();
  await page.getByRole("button", { name: "Resume live updates" }).click();
  await expect(page.getByRole("button", { name: "Pause live updates" })).toHaveAttribute("aria-pressed", "false");
  expect(errors).toEqual([]);
});
