import { deploymentPath, expect, SUB, test } from "./fixtures.ts";

// Issue #12: a steady target revalidates to 304 (its ETag leaves out the fetch time) while the
// dashboard's freshness stays honest. Chromium's fetch turns a 304 into a 200 with the cached body
// and the 304's headers; the fetch time the page uses comes from x-rolecall-fetched-at. The stack
// here has no read cache, so every poll is an upstream fetch with a new fetch time.

const API = `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`;
const HEADER = "x-rolecall-fetched-at";

test("Chromium's fetch answers a 304 with the cached body and the fresh headers", async ({ page }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await expect(page.getByRole("row", { name: /ApiWorker_IN_0/ }).locator("[data-status]")).toHaveText("Ready");
  const seen = await page.evaluate(
    async ({ path, header }) => {
      const read = async () => {
        const r = await fetch(path, { headers: { accept: "application/json" } });
        const body = (await r.json()) as { fetchedAt: string };
        return { status: r.status, header: r.headers.get(header), body: body.fetchedAt };
      };
      const first = await read();
      await new Promise((r) => setTimeout(r, 50));
      const second = await read();
      const timing = performance.getEntriesByName(new URL(path, location.href).href, "resource").at(-1) as PerformanceResourceTiming | undefined;
      return { first, second, transferSize: timing?.transferSize ?? -1, encodedBodySize: timing?.encodedBodySize ?? -1 };
    },
    { path: API, header: HEADER },
  );
  expect(seen.second.status).toBe(200);
  // Same (cached) body, later header: the second answer was a 304 the browser filled in.
  expect(seen.second.body).toBe(seen.first.body);
  expect(Date.parse(seen.second.header ?? "")).toBeGreaterThan(Date.parse(seen.first.header ?? ""));
  expect(Date.parse(seen.second.header ?? "")).toBeGreaterThan(Date.parse(seen.second.body));
  // The body did not cross the wire again: only headers did.
  expect(seen.encodedBodySize).toBeGreaterThan(1000);
  expect(seen.transferSize).toBeLessThan(seen.encodedBodySize);
});

test("steady polls revalidate to 304s and the freshness shown follows every poll", async ({ page, emulator }) => {
  const polls: string[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname === API && r.request().method() === "GET") polls.push(r.headers()[HEADER] ?? "");
  });
  await page.goto(deploymentPath("contoso-web", "staging"));
  const row = page.getByRole("row", { name: /ApiWorker_IN_0/ });
  await expect(row.locator("[data-status]")).toHaveText("Ready");
  const loadedAt = Date.now();

  // The header's "updated … ago" follows the polls (2 s here), though they bring no body.
  const updated = page.getByRole("banner").locator("time");
  const updatedAt = async () => Date.parse((await updated.getAttribute("datetime")) ?? "");
  const firstUpdate = await updatedAt();
  // Playwright reports the 200 the browser made of a 304; the resource timing tells them apart (a
  // revalidated reply transfers its headers only, less than the cached body it stands for).
  const revalidated = () =>
    page.evaluate((href) => performance.getEntriesByName(href, "resource").filter((e) => (e as PerformanceResourceTiming).transferSize < (e as PerformanceResourceTiming).encodedBodySize).length, new URL(API, page.url()).href);
  await expect.poll(revalidated, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(updatedAt, { timeout: 10_000 }).toBeGreaterThan(firstUpdate + 3_000);
  await expect(page.getByRole("banner").getByText(/updated [0-2] s ago/)).toBeVisible();

  // The confirmation's "Statuses as of" is the fetch made on opening (a 304 too), not the cached body's time.
  const firstFetchedAt = Date.parse(polls[0] ?? "");
  await row.getByRole("button", { name: "Reimage ApiWorker_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  await expect(dialog.getByRole("button", { name: "Reimage ApiWorker_IN_0" })).toBeEnabled();
  const asOf = Date.parse((await dialog.getByText(/Statuses as of/).locator("time").getAttribute("datetime")) ?? "");
  expect(asOf).toBeGreaterThan(firstFetchedAt + 3_000);
  expect(polls.map((p) => Date.parse(p))).toContain(asOf);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Stale is said plainly, with the time of the last good poll (a 304), not of the last 200.
  await expect.poll(updatedAt, { timeout: 10_000 }).toBeGreaterThan(Date.now() - 1_500);
  const lastGood = await updatedAt();
  await emulator.faults({ failNext: { count: 10_000, status: 503, code: "ServiceUnavailable", message: "The service is temporarily unavailable." }, match: { method: "GET" } });
  const banner = page.getByRole("status").filter({ hasText: "Data is stale" });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  // A later poll may have succeeded before the fault took: a few seconds of candidates. The proxy's
  // last good copy is dated by its upstream read, which may round to the second before the header's.
  const candidates = await page.evaluate(
    (at) => [-1, 0, 1, 2, 3, 4].map((s) => new Date(at + s * 1000).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })),
    lastGood,
  );
  const shown = /showing instances from (.+?)[;.]/.exec((await banner.textContent()) ?? "")?.[1] ?? "";
  expect(candidates).toContain(shown);
  expect(lastGood - loadedAt).toBeGreaterThan(3_000);
  await emulator.clearFaults();
  await expect(banner).toBeHidden({ timeout: 20_000 });
});
