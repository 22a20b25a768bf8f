import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey: the operator filters the table to one role, then picks instances for a rolling job with
// the selection bar's shortcuts. What they pick is what they see: a shortcut never adds a row the
// filters hide, and a selection that does include hidden rows (a shared link) says so.

test("the selection shortcuts pick among the rows shown; chosen rows the filters hide are counted", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "production", "?role=WebFrontend"));
  const table = page.getByRole("region", { name: "Role instances" });
  await expect(table.getByRole("row", { name: /WebFrontend_IN_0/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /ApiWorker_IN_0/ })).toHaveCount(0);

  const bar = page.getByRole("group", { name: "Selection" });
  await bar.getByRole("button", { name: "Select upgrade domain 0" }).click();
  // ApiWorker_IN_0 is in upgrade domain 0 too, but not on screen.
  await expect(page).toHaveURL(/[?&]sel=WebFrontend_IN_0%2CWebFrontend_IN_3(&|$)/);
  await expect(bar.getByText("2 selected", { exact: true })).toBeVisible();

  // Every WebFrontend instance is ready: not ready among those shown is none (ApiWorker_IN_2 is hidden).
  await bar.getByRole("button", { name: "Select not ready" }).click();
  await expect(bar.getByText("0 selected", { exact: true })).toBeVisible();
  await expect(page).not.toHaveURL(/sel=/);

  // A shared link may choose what the filters hide: the bar says how many, before any plan opens.
  await page.goto(deploymentPath("contoso-web", "production", "?role=WebFrontend&sel=ApiWorker_IN_2,WebFrontend_IN_0"));
  await expect(bar.getByText(/^2 selected/)).toHaveText("2 selected (1 hidden by the filters)");
  await bar.getByRole("button", { name: "Reboot selected…" }).click();
  const plan = page.getByRole("dialog", { name: /Reboot 2 instances — rolling job/ });
  await expect(plan.getByRole("listitem").filter({ hasText: "ApiWorker_IN_2" })).toHaveCount(1);
});
