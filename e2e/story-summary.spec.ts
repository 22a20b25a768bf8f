import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey: the incident channel asks what was done. The operator gives the ticket as the reason of a
// reimage (which fails), and the tab offers it again for the rolling job that follows. "Copy summary"
// tells both — who, what, when, why, how it ended, the operation and job ids — and does not say
// "All instances are ready." as if the failure had not happened. Its audit link opens the target's
// log, where the reason stands beside the action.

test("Copy summary tells the failed action and the job with its reason, never a bare \"all ready\"", async ({ page, context, emulator }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(deploymentPath("contoso-web", "staging"));
  const tray = page.getByRole("list", { name: "Recent operations" });

  // A reimage, with the ticket as its reason, that Azure fails; the instance comes back to Ready on its own.
  await emulator.faults({ failNextOperations: 1 });
  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /^Reimage/ });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  const reason = dialog.getByRole("textbox", { name: "Reason or ticket (optional)" });
  await expect(reason).toHaveValue("");
  await reason.fill("INC-4711, API latency");
  // Enter ends the ticket number; it does not reimage anything: nothing reaches "Azure".
  await reason.press("Enter");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Sending…" })).toHaveCount(0);
  expect((await emulator.requests()).filter((r) => r.method === "POST")).toEqual([]);
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(dialog).toBeHidden();
  const entry = tray.getByRole("listitem").filter({ hasText: "Reimage WebFrontend_IN_0" }).first();
  const opId = (await entry.getAttribute("data-operation")) ?? "";
  expect(opId).toMatch(/^[0-9a-f]{32}$/);
  // Exactly one reimage left, the button's: had Enter sent one, the click would have found no dialog.
  expect((await emulator.actions()).map((r) => [r.method, r.path, r.query.comp])).toEqual([["POST", expect.stringMatching(/\/roleinstances\/WebFrontend_IN_0$/i), "reimage"]]);
  await emulator.advance(20 * 60_000);
  await expect(entry.getByText("✕ Failed")).toBeVisible();
  await expect(row.locator("[data-status]")).toHaveText("Ready");

  // A rolling reboot of ApiWorker: the tab offers the same ticket as its reason. Run to its end.
  await page.getByRole("checkbox", { name: "Select role ApiWorker" }).check();
  await page.getByRole("button", { name: "Reboot selected…" }).click();
  const plan = page.getByRole("dialog", { name: /Reboot 2 instances — rolling job/ });
  await expect(plan.getByRole("textbox", { name: "Reason or ticket (optional)" })).toHaveValue("INC-4711, API latency");
  await plan.getByRole("button", { name: "Start reboot job (2 instances)" }).click();
  await expect(plan).toBeHidden();
  const panel = page.getByRole("region", { name: /Reboot job/ });
  await expect
    .poll(async () => {
      await emulator.advance(60_000);
      return panel.getByText("succeeded", { exact: true }).isVisible();
    }, { timeout: 30_000 })
    .toBe(true);
  const jobId = new URL(page.url()).searchParams.get("job") ?? "";
  expect(jobId).toMatch(/^[0-9a-f]{32}$/);

  // Every instance is ready; the summary still says what failed, and what was done since.
  await expect(page.getByRole("button", { name: /WebFrontend 2 of 2 ready/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /ApiWorker 2 of 2 ready/ })).toBeVisible();
  await page.getByRole("button", { name: "Copy summary" }).click();
  await expect(page.getByRole("status").getByText("Summary copied")).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  await testInfo.attach("summary.md", { body: summary, contentType: "text/markdown" });

  expect(summary).not.toMatch(/^All instances are ready\.$/m);
  expect(summary).toMatch(/^All instances are ready now, but \d+ actions? failed in the last 12 h \(listed below\)\.$/m);
  expect(summary).toContain("Actions and jobs in the last 12 h (newest first, times in UTC):");
  expect(summary).toMatch(new RegExp(`^- \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC · Reimage \`WebFrontend_IN_0\` by \`local operator\` · reason \`INC-4711, API latency\` — \\*\\*Failed\\*\\*: \`The server encountered an internal error\\. Please retry the request\\.\` \\(Reimage failed · .*not reimaged\\) · operation \`${opId}\`$`, "m"));
  expect(summary).toMatch(new RegExp(`^- .* UTC · Rolling reboot job \`${jobId}\` of 2 instances by \`local operator\` · reason \`INC-4711, API latency\` — succeeded, 2 of 2 steps done$`, "m"));
  expect(summary).toMatch(/^ {2}- operations `[0-9a-f]{32}`, `[0-9a-f]{32}`$/m);
  // The job comes after the failure in time, so before it in the list (newest first).
  expect(summary.indexOf(`job \`${jobId}\``)).toBeLessThan(summary.indexOf(`operation \`${opId}\``));
  const auditLine = summary.split("\n").find((l) => l.startsWith("Audit: ")) ?? "";
  expect(auditLine).toBe(`Audit: ${new URL(`/s/${SUB}/audit?target=services/contoso-web/deployments/staging`, page.url()).href}`);

  // The link in the summary opens the target's log, with the failure and its reason in it.
  await page.goto(auditLine.slice("Audit: ".length));
  const failed = page.getByRole("table", { name: "Audit entries, newest first" }).locator("tbody tr").filter({ hasText: opId });
  await expect(failed).toContainText("Failed");
  await expect(failed.getByRole("cell").last()).toHaveText("INC-4711, API latency");

  // Back on the target, the next confirmation in this tab offers the ticket again; Cancel sends nothing.
  await page.goBack();
  await page.getByRole("row", { name: /WebFrontend_IN_1/ }).getByRole("button", { name: "Reimage WebFrontend_IN_1" }).click();
  const next = page.getByRole("dialog", { name: /^Reimage/ });
  await expect(next.getByRole("textbox", { name: "Reason or ticket (optional)" })).toHaveValue("INC-4711, API latency");
  await next.getByRole("button", { name: "Cancel" }).click();
  await expect(next).toBeHidden();
});
