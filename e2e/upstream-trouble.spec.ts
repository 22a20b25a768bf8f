import { call, deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Journey 4: upstream busy (409) and upstream down. Messages are plain; stale data stays on screen,
// marked stale with the last good time, turns actions off, and recovers by itself.

test("a real conflict names the operation that holds the deployment", async ({ page, baseURL, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /ApiWorker_IN_0/ });
  await expect(row.locator("[data-status]")).toHaveText("Ready");
  await row.getByRole("button", { name: "Reimage ApiWorker_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  const confirm = dialog.getByRole("button", { name: "Reimage ApiWorker_IN_0" });
  await expect(confirm).toBeEnabled(); // the status check made on opening has landed

  // From here this page's deployment polls do not come back (a slow network), so the dialog cannot
  // learn what happens next; only the proxy can stop the second action.
  await page.route("**/deployments/staging", () => undefined);
  // A colleague reboots another instance of the same deployment, through the proxy.
  const res = await page.request.post(`/api/subscriptions/${SUB}/services/contoso-web/deployments/staging/instances/WebFrontend_IN_1/reboot`, {
    headers: { origin: baseURL ?? "" },
    data: {},
  });
  expect(res.status()).toBe(202);
  const { operationId } = (await res.json()) as { operationId: string };

  await confirm.click();
  const alert = page.getByRole("alert").filter({ hasText: "Reimage of ApiWorker_IN_0 was not started" });
  await expect(alert).toContainText(/Another action already holds this target\. local operator started a reboot of WebFrontend_IN_1 at .* \(operation [0-9a-f]{32}\)/);
  await expect(alert).toContainText("Nothing was sent to Azure.");
  await expect(alert).toContainText(operationId);
  // Refused before Azure and not retried: the colleague's reboot is the only action that reached it.
  expect((await emulator.actions()).map((a) => a.query.comp)).toEqual(["reboot"]);

  // Let the reboot finish so the next test on this worker starts from a quiet proxy.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await emulator.advance(20 * 60_000);
  // By its id: the worker's proxy keeps the operations of earlier tests, some with the same words.
  await expect(page.getByRole("list", { name: "Recent operations" }).locator(`li[data-operation="${operationId}"]`).getByText("✓ Succeeded")).toBeVisible();
});

test("when the upstream is down the last data stays, marked stale, then recovers", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "production"));
  const row = page.getByRole("row", { name: /ApiWorker_IN_2/ });
  await expect(row.locator("[data-status]")).toHaveText("Unresponsive");

  await emulator.faults({ failNext: { count: 10_000, status: 503, code: "ServiceUnavailable", message: "The service is temporarily unavailable." }, match: { method: "GET" } });
  const banner = page.getByRole("status").filter({ hasText: "Data is stale" });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/showing instances from \d/);
  await expect(page.getByRole("banner").getByText(/Stale · last good/)).toBeVisible();
  // The rows are still there.
  await expect(row.locator("[data-status]")).toHaveText("Unresponsive");
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ })).toBeVisible();
  // Old data is no basis for an action: actions are off, with the reason.
  const reimage = row.getByRole("button", { name: "Reimage ApiWorker_IN_2" });
  await expect(reimage).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByText(/^Data is stale since .+; actions are off until it refreshes\.$/)).toBeVisible();
  await reimage.click({ force: true }); // aria-disabled keeps it focusable; a click must still do nothing
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await emulator.clearFaults();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole("banner").getByText(/updated \d+ s ago/)).toBeVisible();
  await expect(reimage).not.toHaveAttribute("aria-disabled", "true");

  // Paused updates are not current either.
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await expect(reimage).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByText("Live updates are paused; resume them to act.").first()).toBeVisible();
  await page.getByRole("button", { name: "Resume live updates" }).click();
  await expect(reimage).not.toHaveAttribute("aria-disabled", "true");
});

test("the start page, upstream down: its lists say they are stale, with the last good time, then recover", async ({ page, emulator }) => {
  await page.goto(`/s/${SUB}`);
  const header = page.getByRole("banner");
  const service = page.getByRole("link", { name: /^contoso-web production:/ });
  await expect(service).toBeVisible();
  await expect(header.getByText(/updated \d+ s ago/)).toBeVisible();

  // Both of Azure's faces stop answering reads: every list comes from the proxy's last good copy.
  await call(`${emulator.url}/_emulator/faults`, "POST", {
    failNext: { count: 10_000, status: 503, code: "ServiceUnavailable", message: "The service is temporarily unavailable." },
    match: { method: "GET", face: "any" },
  });
  const stale = page.getByRole("status").filter({ hasText: "Data is stale" });
  const classic = stale.filter({ hasText: "classic cloud services" });
  await expect(classic).toContainText(/^Data is stale: showing the classic cloud services from (.+); Azure has not answered since .+\. Rolecall keeps trying\.$/, { timeout: 20_000 });
  await expect(stale).toHaveCount(3);
  const lastGood = header.getByText(/^Stale · last good (.+) \(.+ ago\)$/);
  await expect(lastGood).toBeVisible();
  // The header names the oldest banner's last good time.
  const headerTime = /last good (.+) \(/.exec((await lastGood.textContent()) ?? "")?.[1] ?? "header";
  const oldest = stale.filter({ hasText: `from ${headerTime};` }).first();
  await expect(oldest).toBeVisible();
  await expect(service).toBeVisible();

  // A reload in the outage: the same, and the header still names the subscription the page lists.
  await page.reload();
  await expect(service).toBeVisible();
  await expect(oldest).toBeVisible();
  await expect(header.getByText(/^Stale · last good /)).toBeVisible();
  await expect(header.getByLabel("Subscription").filter({ visible: true })).toHaveText(SUB);

  // The triage view, from the same stale lists, says so too, and recovers with them.
  await page.getByRole("link", { name: "Not ready across all services" }).click();
  const triageFreshness = page.getByRole("main").getByText(/^(Stale · last good|updated) /);
  // Last good as the oldest target read says: an earlier test on this worker may have read one minutes ago.
  await expect(triageFreshness).toHaveText(/^Stale · last good .+ \(.+ ago\)$/);
  await emulator.clearFaults();
  await expect(triageFreshness).toHaveText(/^updated \d+ s ago$/, { timeout: 20_000 });

  await page.goBack();
  await expect(service).toBeVisible();
  await expect(stale).toHaveCount(0, { timeout: 20_000 });
  await expect(header.getByText(/updated \d+ s ago/)).toBeVisible();
});
