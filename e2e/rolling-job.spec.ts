import { deploymentPath, expect, test } from "./fixtures.ts";

// Journey: a rolling reboot of a whole role in production. Select the role, read the plan (steps by
// upgrade domain, floors at 50%), type the word, start it once; follow it step by step on the
// emulator clock, pause and resume it, see it succeed, and share it.

test("reboot WebFrontend by upgrade domain, pause, resume, succeed, share", async ({ page, context, emulator }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(deploymentPath("contoso-web", "production"));
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ }).locator("[data-status]")).toHaveText("Ready");

  // Select the role from its group header: the choice lives in the URL.
  await page.getByRole("checkbox", { name: "Select role WebFrontend" }).check();
  await expect(page.getByText("4 selected")).toBeVisible();
  await expect(page).toHaveURL(/sel=WebFrontend_IN_0%2CWebFrontend_IN_1%2CWebFrontend_IN_2%2CWebFrontend_IN_3/);

  // The plan: three steps by upgrade domain, each keeping WebFrontend at or above 2 of 4 ready.
  await page.getByRole("button", { name: "Reboot selected…" }).click();
  const dialog = page.getByRole("dialog", { name: /Reboot 4 instances — rolling job/ });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog.getByRole("radio", { name: "By upgrade domain" })).toBeChecked();
  await expect(dialog.getByRole("textbox", { name: "Minimum ready per role (%)" })).toHaveValue("50");
  const steps = dialog.getByRole("region", { name: "Steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(3);
  await expect(dialog.getByRole("listitem", { name: "Step 1" })).toContainText("upgrade domain 0: WebFrontend_IN_0, WebFrontend_IN_3");
  await expect(dialog.getByRole("listitem", { name: "Step 1" }).getByRole("row", { name: /WebFrontend/ })).toHaveText(/WebFrontend\s*4 of 4\s*2\s*2/);
  await expect(dialog.getByRole("listitem", { name: "Step 3" })).toContainText("upgrade domain 2: WebFrontend_IN_2");
  await expect(dialog.getByRole("alert")).toHaveCount(0); // no step would wait at 50%
  const planShot = "e2e-artifacts/rolling-job-plan.png";
  await page.screenshot({ path: planShot });
  await testInfo.attach("rolling-job-plan", { path: planShot, contentType: "image/png" });

  // Production: the target's name must be typed; a double click starts one job.
  const start = dialog.getByRole("button", { name: "Start reboot job (4 instances)" });
  await expect(start).toBeDisabled();
  await dialog.getByRole("textbox", { name: "Reason or ticket (optional)" }).fill("Patch Tuesday");
  await dialog.getByRole("textbox", { name: "Type contoso-web to confirm" }).fill("contoso-web");
  await start.dblclick();
  await expect(dialog).toBeHidden();

  const panel = page.getByRole("region", { name: /Reboot job/ });
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/job=[0-9a-f]{32}/);
  await expect(panel.getByText("“Patch Tuesday”", { exact: false })).toBeVisible();
  // Single actions are off while the job holds the target.
  await expect(page.getByRole("button", { name: "Reimage WebFrontend_IN_1" })).toHaveAttribute("aria-disabled", "true");
  await expect.poll(async () => (await emulator.actions()).length).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ })).toContainText(/Reboot job: step 1 of 3/);

  // Step 1 ends when its instances are ready again.
  const progress = panel.getByRole("progressbar", { name: "Job progress" });
  for (let i = 0; i < 20 && (await progress.getAttribute("aria-valuenow")) === "0"; i++) {
    await emulator.advance(60_000);
    await page.waitForTimeout(400);
  }
  await expect(progress).toHaveAttribute("aria-valuenow", "1");

  const panelShot = "e2e-artifacts/rolling-job-running.png";
  await page.screenshot({ path: panelShot });
  await testInfo.attach("rolling-job-running", { path: panelShot, contentType: "image/png" });

  // Pause: nothing new is sent until resume.
  await panel.getByRole("button", { name: "Pause job" }).click();
  await expect(panel.getByText("paused", { exact: true })).toBeVisible();
  await expect(panel.getByText(/Paused by local operator/)).toBeVisible();
  const sentWhilePaused = (await emulator.actions()).length;
  await emulator.advance(10 * 60_000);
  await page.waitForTimeout(1_000);
  expect((await emulator.actions()).length).toBe(sentWhilePaused);
  await panel.getByRole("button", { name: "Resume job" }).click();
  await expect(panel.getByText("running", { exact: true })).toBeVisible();

  // Drive the clock until the last step is done.
  for (let i = 0; i < 40 && !(await panel.getByText("succeeded", { exact: true }).isVisible()); i++) {
    await emulator.advance(60_000);
    await page.waitForTimeout(400);
  }
  await expect(panel.getByText("succeeded", { exact: true })).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", "3 of 3 steps · 4 of 4 instances done");
  expect((await emulator.actions()).filter((a) => a.query.comp === "reboot")).toHaveLength(4);
  await expect(page.getByRole("button", { name: "Reimage WebFrontend_IN_1" })).not.toHaveAttribute("aria-disabled", "true");

  // Share: the summary names the job; its link opens the same job.
  await page.getByRole("button", { name: "Copy summary" }).click();
  // The write may finish after the click (its text's code loads on demand): read once it says so.
  await expect(page.getByRole("status").getByText("Summary copied")).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary).toMatch(/Rolling job: Reboot job by upgrade domain, floor 50%: succeeded, 3 of 3 steps and 4 of 4 instances done/);
  const href = await panel.getByRole("link", { name: "Link to this job" }).getAttribute("href");
  expect(href).toMatch(/job=[0-9a-f]{32}/);
  await page.goto(href ?? "");
  await expect(page.getByRole("region", { name: /Reboot job/ }).getByText("succeeded", { exact: true })).toBeVisible();
});
