import { call, expect, expectNoAxeViolations, scaleSetPath, SUB, test } from "./fixtures.ts";

// Journey (issue #11): a virtual machine scale set in the same dashboard. From the start page to
// the scale set checkout-web; its zones and health are in the table; the protected instance cannot
// be chosen and says why; "Select not ready" picks the two unhealthy instances; the plan goes by
// upgrade domain at a floor of 50%; the job sends one batch call per step naming exactly that step's
// instance ids; the scale set never drops below its floor (read from the API, as a viewer sees it).

interface EmulatorState {
  armOperations: { scaleSet?: string; instances: string[] }[];
}

test("rolling reimage of the unhealthy instances of a scale set, floor kept", async ({ page, context, emulator }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await page.getByRole("combobox", { name: "Kind" }).selectOption("Scale set");
  await expect(page).toHaveURL(/[?&]kind=scaleset(&|$)/);
  const list = page.getByRole("table", { name: "Cloud services and their deployments" });
  const row = list.getByRole("row", { name: /checkout-web/ });
  await expect(row.getByRole("cell", { name: "Scale set" })).toBeVisible();
  await expect(row.getByText("no slots")).toBeVisible();
  await row.getByRole("link", { name: "4 of 6 ready in checkout-web: show the 2 not ready" }).click();
  await expect(page).toHaveURL(scaleSetPath("rg-checkout", "checkout-web", "?tone=notready"));

  // Every instance, with its zone and health.
  await page.goto(scaleSetPath("rg-checkout", "checkout-web"));
  const table = page.getByRole("region", { name: "Role instances" });
  await expect(table.getByRole("columnheader", { name: "Zone" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Health" })).toBeVisible();
  const sick = table.locator('tr[data-instance="1"]');
  await expect(sick.locator("[data-status]")).toHaveText("Unhealthy");
  // Power, UD, FD, zone, health.
  expect((await sick.locator("td").allInnerTexts()).slice(1, 6).map((t) => t.trim())).toEqual(["running", "1", "0", "2", "Unhealthy"]);

  // The protected instance: marked, its box and its action off, with why.
  const guarded = table.locator('tr[data-instance="3"]');
  await expect(guarded).toContainText("Protected: Protected from scale-set actions");
  await expect(guarded.getByRole("checkbox", { name: "Select 3" })).toBeDisabled();
  await expect(guarded.getByRole("checkbox", { name: "Select 3" })).toHaveAttribute("title", /Protected from scale-set actions/);
  await expect(guarded.getByRole("button", { name: "Reimage 3" })).toHaveAttribute("aria-disabled", "true");
  // Its details say so too, and offer no action.
  await guarded.getByRole("button", { name: "3, show details" }).click();
  const detail = page.getByRole("region", { name: "3" });
  await expect(detail.getByText("Protected from scale-set actions").first()).toBeVisible();
  await expect(detail.getByRole("button", { name: /^Reboot/ })).toHaveAttribute("aria-disabled", "true");
  await page.getByRole("button", { name: "Close instance details" }).click();

  // Select the instances that are not ready: the two unhealthy ones, never the protected one.
  await page.getByRole("button", { name: "Select not ready" }).click();
  await expect(page.getByText("2 selected")).toBeVisible();
  await expect(page).toHaveURL(/sel=1%2C5/);

  await page.getByRole("button", { name: "Reimage selected…" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage 2 instances — rolling job/ });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog.getByRole("listitem", { name: "Step 1" })).toContainText("upgrade domain 1: 1");
  await expect(dialog.getByRole("listitem", { name: "Step 2" })).toContainText("upgrade domain 2: 5");
  await expect(dialog.getByRole("alert")).toHaveCount(0); // unhealthy instances add no outage: no step waits
  // What a reimage loses, under its amber "May lose local data" header, readable in both schemes.
  await expect(dialog.getByRole("region", { name: "What is kept and what is lost" })).toContainText("Lost");
  await expect(dialog.getByText("May lose local data")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "light" });
  const shot = "e2e-artifacts/scale-set-plan.png";
  await page.screenshot({ path: shot });
  await testInfo.attach("scale-set-plan", { path: shot, contentType: "image/png" });
  await dialog.getByRole("textbox", { name: "Reason or ticket (optional)" }).fill("INC-7 unhealthy checkout");
  await dialog.getByRole("button", { name: "Start reimage job (2 instances)" }).dblclick();
  await expect(dialog).toBeHidden();

  const panel = page.getByRole("region", { name: /Reimage job/ });
  await expect(panel).toBeVisible();
  const progress = panel.getByRole("progressbar", { name: "Job progress" });
  const api = `/api/subscriptions/${SUB}/resourceGroups/rg-checkout/virtualMachineScaleSets/checkout-web`;
  let lowest = Infinity;
  for (let i = 0; i < 60 && !(await panel.getByText("succeeded", { exact: true }).isVisible()); i++) {
    const dep = (await (await page.request.get(api)).json()) as { instances: { tone: string }[] };
    lowest = Math.min(lowest, dep.instances.filter((x) => x.tone === "ok").length);
    // A minute on, then until the proxy has read the emulator again (the job looks on its own polls).
    const seen = (await emulator.requests()).length;
    await emulator.advance(60_000);
    await expect.poll(async () => (await emulator.requests()).length).toBeGreaterThan(seen + 2);
  }
  await expect(panel.getByText("succeeded", { exact: true })).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", "2 of 2 steps · 2 of 2 instances done");
  // Floor: 50% of 6 = 3 ready at all times (4 were ready; the job only took unhealthy ones out).
  expect(lowest).toBeGreaterThanOrEqual(3);

  // One batch call per step, each naming exactly that step's instance id.
  const sent = await emulator.actions();
  expect(sent.map((r) => r.path.replace(/^.*\/virtualMachineScaleSets\//i, ""))).toEqual(["checkout-web/reimage", "checkout-web/reimage"]);
  const state = (await call(`${emulator.url}/_emulator/state`, "GET")) as EmulatorState;
  const ops = state.armOperations.filter((o) => o.scaleSet === "checkout-web");
  expect(ops.map((o) => o.instances)).toEqual([["1"], ["5"]]);
  await expect(sick.locator("[data-status]")).toHaveText("Healthy");

  await page.getByRole("button", { name: "Copy summary" }).click();
  // The write may finish after the click (its text's code loads on demand): read once it says so.
  await expect(page.getByRole("status").getByText("Summary copied")).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary).toMatch(/Reimage job by upgrade domain, floor 50%: succeeded, 2 of 2 steps and 2 of 2 instances done/);
});
