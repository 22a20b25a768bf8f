import type { Page, TestInfo } from "@playwright/test";
import { triageSchema } from "../src/shared/triage.ts";
import { call, expect, expectNoAxeViolations, SUB, test, type LoggedRequest } from "./fixtures.ts";

// Journey (issue #14): an on-call finds a sick instance without knowing where it lives. On the
// `large` scenario (50 classic services, a cloud service with extended support, a scale set): search
// an instance by name from the start page, follow it to its target's page with its details and
// Reboot open; list every instance that is not ready across kinds; and see what one refresh of that
// view costs Azure: each target read once, whoever else is looking.

const triagePath = (search = "") => `/s/${SUB}/triage${search}`;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const path = `e2e-artifacts/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Which target an upstream GET reads, or undefined for the kinds' lists and their extras. */
function targetRead(r: LoggedRequest): string | undefined {
  if (r.method !== "GET") return undefined;
  const classic = /\/services\/hostedservices\/([^/]+)\/deploymentslots\/(\w+)$/i.exec(r.path);
  if (classic) return `${classic[1]}/${classic[2]}`.toLowerCase();
  const arm = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/(cloudServices|virtualMachineScaleSets)\/([^/]+)$/i.exec(r.path);
  return arm ? `${arm[1]}/${arm[3]}`.toLowerCase() : undefined;
}

test.describe("triage across every service (large scenario)", () => {
  test.slow(); // every triage read reads 52 targets, 4,098 instances

  test.beforeEach(async ({ emulator }) => {
    await call(`${emulator.url}/_emulator/reset`, "POST", { scenario: "large" });
  });

  test("find an instance by name from the start page and open it on its target's page", async ({ page }) => {
    await page.goto(`/s/${SUB}`);
    await expect(page.getByRole("link", { name: /^bigfleet production:/ })).toBeVisible();
    const find = page.getByRole("search", { name: "Find an instance" });
    await find.getByRole("searchbox", { name: "Find an instance by name or IP" }).fill("indexer_in_371");
    await find.getByRole("button", { name: "Find" }).click();

    await expect(page).toHaveURL(/\/triage\?q=indexer_in_371&all=1$/);
    await expect(page.getByRole("heading", { level: 1, name: "Instances across all services" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Instances matching “indexer_in_371” (1)" })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Indexer_IN_371 in bigfleet · production" }) });
    await expect(row.getByRole("cell", { name: "Classic" })).toBeVisible();
    await expect(row.getByRole("link", { name: "bigfleet · production", exact: true })).toBeVisible();

    await row.getByRole("link", { name: "Indexer_IN_371 in bigfleet · production" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SUB}/services/bigfleet/production\\?instance=Indexer_IN_371$`));
    const details = page.getByRole("region", { name: "Indexer_IN_371" });
    await expect(details.getByRole("heading", { level: 2, name: "Indexer_IN_371" })).toBeVisible();
    await expect(details.getByRole("button", { name: "Reboot — restart, local data kept" })).toBeEnabled();
  });

  test("the instances that are not ready, across kinds, each read once per refresh; axe clean; three widths", async ({ page, emulator, baseURL }, testInfo) => {
    // What the proxy says is not ready, to hold the page to.
    const expected = triageSchema.parse(await call(`${baseURL ?? ""}/api/subscriptions/${SUB}/instances?notReady=1`, "GET"));
    expect(new Set(expected.rows.map((r) => r.kind))).toEqual(new Set(["classic", "extended", "scaleset"]));

    await page.goto(`/s/${SUB}`);
    await page.getByRole("link", { name: "Not ready across all services" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SUB}/triage$`));
    await expect(page.getByRole("heading", { level: 2, name: `Not ready (${expected.matched})` })).toBeVisible();
    await expect(page.getByText("Checked 52 targets (4,098 instances).")).toBeVisible();
    // The count is also said to a screen reader, politely, as it changes.
    const heard = page.locator('[aria-live="polite"]').filter({ hasText: /instances? not ready/ });
    await expect(heard).toHaveText(`${expected.matched} ${expected.matched === 1 ? "instance" : "instances"} not ready`);
    const table = page.getByRole("table", { name: "Instances across every target of the subscription" });
    await expect(table.locator("tbody tr")).toHaveCount(expected.rows.length);
    for (const kind of ["Classic", "Extended support", "Scale set"]) await expect(table.getByRole("cell", { name: kind, exact: true }).first()).toBeVisible();
    // Each sick row says since when Rolecall has seen it so, and links to the instance on its page.
    const first = expected.rows[0];
    if (!first) throw new Error("the large scenario has instances that are not ready");
    const firstRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: `${first.instance.name} in ${first.label}` }) });
    await expect(firstRow.getByRole("cell").last()).toContainText(/\d+ (s|min) ago/);

    // One refresh, with live updates paused so nothing else polls: a search typed in the box.
    await page.getByRole("button", { name: "Pause live updates" }).click();
    await call(`${emulator.url}/_emulator/requests`, "DELETE");
    const answered = page.waitForResponse((r) => r.url().includes("/instances?") && r.url().includes("q=Scheduler"));
    await page.getByRole("searchbox", { name: "Instance name or IP address" }).fill("Scheduler");
    expect((await answered).status()).toBe(200);
    await expect(page.getByRole("heading", { level: 2, name: /^Not ready matching “Scheduler” \(\d+\)$/ })).toBeVisible();
    await expect(heard).toHaveText(/^\d+ instances? not ready matching “Scheduler”$/);
    // The box holds no more than the proxy accepts.
    await expect(page.getByRole("searchbox", { name: "Instance name or IP address" })).toHaveAttribute("maxlength", "128");
    const log = await emulator.requests();
    const reads = new Map<string, number>();
    for (const r of log) {
      const t = targetRead(r);
      if (t) reads.set(t, (reads.get(t) ?? 0) + 1);
    }
    expect(reads.size, "targets read").toBe(52);
    expect([...reads.values()].every((n) => n === 1), "each target read once").toBe(true);
    expect(log.every((r) => r.method === "GET")).toBe(true);
    testInfo.annotations.push({ type: "upstream calls per triage refresh (large, cache off)", description: String(log.length) });
    await page.getByRole("searchbox", { name: "Instance name or IP address" }).fill("");
    await page.getByRole("button", { name: "Resume live updates" }).click();
    await expect(page.getByRole("heading", { level: 2, name: `Not ready (${expected.matched})` })).toBeVisible();

    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoAxeViolations(page);
    }
    await page.emulateMedia({ colorScheme: "light" });

    for (const size of [{ width: 1440, height: 900 }, { width: 800, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      const list = size.width < 640 ? page.getByRole("list", { name: "Instances across every target of the subscription" }) : table;
      await expect(list).toBeVisible();
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(fits, `no sideways scroll at ${size.width}`).toBe(true);
      await shoot(page, testInfo, `triage-${size.width}x${size.height}`);
    }
  });

  test("on a phone, each instance is a card that opens it on its target's page; axe clean in dark", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(triagePath("?q=Scheduler_IN_11&all=1"));
    const cards = page.getByRole("list", { name: "Instances across every target of the subscription" });
    // Scheduler_IN_11 and _110 to _119, in the classic bigfleet and in the cloud service.
    await expect(cards.getByRole("listitem")).toHaveCount(22);
    await expectNoAxeViolations(page);
    await cards.getByRole("link", { name: "Scheduler_IN_115 in rg-bigfleet/bigfleet-cses" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SUB}/resourceGroups/rg-bigfleet/cloudServices/bigfleet-cses\\?instance=Scheduler_IN_115$`));
    await expect(page.getByRole("dialog", { name: "Scheduler_IN_115" }).getByRole("button", { name: "Reboot — restart, local data kept" })).toBeInViewport();
  });
});
