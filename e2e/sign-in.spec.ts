import type { Request } from "@playwright/test";
import { ARM_TOKEN_HEADER } from "../src/shared/api.ts";
import { deploymentPath, SUB } from "./fixtures.ts";
import { expect, signIn, test, TOKEN_TTL_SEC } from "./sign-in-fixtures.ts";

// Journey: signing in (ROLECALL_AUTH=msal). MSAL's real redirect flow against the local OpenID
// provider; the proxy verifies every token and forwards each user's management and ARM tokens upstream.

interface LoggedCall {
  face: "classic" | "arm";
  method: string;
  authorization?: { present: boolean; scheme?: string };
}

const isApi = (r: Request) => new URL(r.url()).pathname.startsWith("/api/");

/** The `exp` (seconds) of a bearer token as the page sent it. */
function expiryOf(authorization: string): number {
  const payload = authorization.replace(/^Bearer /, "").split(".")[1] ?? "";
  const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { exp?: unknown };
  if (typeof exp !== "number") throw new Error("token without exp");
  return exp;
}

test("a reader signs in, sees the instances, and finds Reimage disabled with the reason", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging"));
  await signIn(page, "bob");
  await expect(page.getByLabel("Signed in as")).toHaveText("Bob Reader (Reader)");

  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  await expect(row.locator("[data-status]")).toHaveText("Ready");
  const reimage = row.getByRole("button", { name: "Reimage WebFrontend_IN_0" });
  await expect(reimage).toHaveAttribute("aria-disabled", "true");
  await expect(reimage).toHaveAccessibleDescription("Your role is Reader; only Operators can reimage, reboot or rebuild.");
  await expect(page.getByText("Your role is Reader; only Operators can reimage, reboot or rebuild.")).toBeVisible();
  // Playwright will not click an aria-disabled button; force it to prove that nothing opens anyway.
  const posts: string[] = [];
  const reads: Request[] = [];
  page.on("request", (r) => {
    if (isApi(r) && r.method() !== "GET") posts.push(`${r.method()} ${r.url()}`);
  });
  page.on("requestfinished", (r) => {
    if (isApi(r) && r.method() === "GET") reads.push(r);
  });
  await reimage.click({ force: true });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Not only nothing shown at that instant: a whole poll interval later (the same read finished
  // twice since the click), still no action left the page, reached the emulator, or entered the
  // audit log under the reader's name.
  const urls = () => reads.map((r) => r.url());
  await expect.poll(() => urls().some((u, i) => urls().indexOf(u) !== i)).toBe(true);
  expect(posts).toEqual([]);
  expect(await emulator.actions()).toEqual([]);
  const audit = await page.request.get(`/api/audit?subscription=${SUB}`, { headers: await (reads.at(-1) as Request).allHeaders() });
  expect(audit.status()).toBe(200);
  expect(((await audit.json()) as unknown[]).filter((e) => JSON.stringify(e).includes("Bob Reader"))).toEqual([]);

  // Reads reached the emulator with the reader's management token; no action did.
  const calls = (await emulator.requests()) as LoggedCall[];
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((c) => c.authorization?.scheme === "Bearer")).toBe(true);
  expect(await emulator.actions()).toEqual([]);

  // The start page lists the cloud services (extended support) through ARM, as the reader: the page
  // sends the reader's ARM token, and the proxy passes it on.
  const armList = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/subscriptions/${SUB}/cloudServices`);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Cloud services" }).click();
  expect(await (await armList).headerValue(ARM_TOKEN_HEADER)).toMatch(/^ey/);
  await expect(page.getByRole("row", { name: /contoso-shop/ })).toBeVisible();
  const armCalls = ((await emulator.requests()) as LoggedCall[]).filter((c) => c.face === "arm");
  expect(armCalls.length).toBeGreaterThan(0);
  expect(armCalls.every((c) => c.authorization?.scheme === "Bearer")).toBe(true);
});

test("an operator signs in, reimages, and the audit names the operator", async ({ page, emulator }) => {
  await page.goto(deploymentPath("contoso-web", "staging", "?instance=WebFrontend_IN_0"));
  await signIn(page, "ada");
  await expect(page.getByLabel("Signed in as")).toHaveText("Ada Operator (Operator)");

  const row = page.getByRole("row", { name: /WebFrontend_IN_0/ });
  await row.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  const dialog = page.getByRole("dialog", { name: /Reimage/ });
  await dialog.getByRole("button", { name: "Reimage WebFrontend_IN_0" }).click();
  await expect(row.getByText(/Reimage requested by Ada Operator · /)).toBeVisible();
  await expect.poll(async () => (await emulator.actions()).length).toBe(1);
  expect(((await emulator.actions()) as LoggedCall[])[0]?.authorization).toMatchObject({ present: true, scheme: "Bearer" });

  // The instance's recent actions come from the audit log.
  const history = page.getByRole("heading", { name: "Recent actions" }).locator("..");
  await expect(history.getByText(/ by Ada Operator$/)).toBeVisible();

  // Sign out: back to the gate.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Rolecall" })).toBeVisible();
});

test("a shared link opened signed out lands on the same view after sign-in", async ({ page }) => {
  const link = deploymentPath("contoso-web", "production", "?role=ApiWorker&tone=notready&instance=ApiWorker_IN_2");
  await page.goto(link);
  await signIn(page, "bob");
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === link);
  await expect(page.getByRole("heading", { level: 2, name: "ApiWorker_IN_2" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("ApiWorker");
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("notready");
});

test("an expired token is renewed silently while the page keeps polling", async ({ page, baseURL }) => {
  const tokens: string[] = [];
  const failures: string[] = [];
  page.on("request", (r) => {
    const auth = r.headers().authorization;
    if (r.url().startsWith(`${baseURL}/api/`) && auth) tokens.push(auth);
  });
  page.on("response", (r) => {
    if (r.url().startsWith(`${baseURL}/api/`) && r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(deploymentPath("contoso-web", "staging"));
  await signIn(page, "bob");
  const signedInAt = Date.now();
  let navigations = 0;
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations += 1;
  });

  // Wait for polls that carry a token issued after the first one expired.
  const first = tokens[0] ?? "";
  await expect
    .poll(() => new Set(tokens).size, { timeout: (TOKEN_TTL_SEC * 3 + 10) * 1000, intervals: [500] })
    .toBeGreaterThanOrEqual(3);
  expect(Date.now() - signedInAt).toBeGreaterThan((TOKEN_TTL_SEC - 3) * 1000);
  expect(tokens.at(-1)).not.toBe(first);
  // No 401 ever, and no trip to the provider: renewal went through the refresh token.
  expect(failures).toEqual([]);
  expect(navigations).toBe(0);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ }).locator("[data-status]")).toHaveText("Ready");
});

test("a cached token that has truly expired is renewed silently on the next request", async ({ page, baseURL, signInStack }) => {
  // Renewal offset 0 for this page: MSAL keeps its cached token up to `exp`, never renewing early.
  await page.route("**/api/config", async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { auth: Record<string, unknown> };
    await route.fulfill({ response, json: { ...config, auth: { ...config.auth, tokenRenewalOffsetSec: 0 } } });
  });
  const sent: { authorization: string; at: number; request: Request }[] = [];
  page.on("request", (r) => {
    const authorization = r.headers().authorization;
    if (isApi(r) && authorization) sent.push({ authorization, at: Date.now(), request: r });
  });
  const toProvider: string[] = [];
  await page.goto(deploymentPath("contoso-web", "staging"));
  await signIn(page, "bob");
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ }).locator("[data-status]")).toHaveText("Ready");

  // Stop polling, then let the token the page last sent expire by the clock this machine shares
  // with the browser.
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await expect(page.getByRole("button", { name: "Resume live updates" })).toBeVisible();
  page.on("request", (r) => {
    if (r.url().startsWith(signInStack.provider.issuer)) toProvider.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  let navigations = 0;
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations += 1;
  });
  const last = sent.at(-1)?.authorization ?? "";
  const expiredAt = expiryOf(last) * 1000;
  await expect.poll(() => Date.now(), { timeout: (TOKEN_TTL_SEC + 5) * 1000, intervals: [250] }).toBeGreaterThan(expiredAt + 1000);

  // The next poll: its token was renewed from the refresh token, and it succeeded.
  const resumedAt = Date.now();
  await page.getByRole("button", { name: "Resume live updates" }).click();
  await expect.poll(() => sent.filter((s) => s.at >= resumedAt).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const next = sent.find((s) => s.at >= resumedAt);
  if (!next) throw new Error("no request after expiry");
  expect(next.authorization).not.toBe(last);
  expect(expiryOf(next.authorization) * 1000).toBeGreaterThan(next.at);
  expect((await next.request.response())?.status()).toBe(200);
  // Silently: a refresh-token redemption at the token endpoint, no trip to the sign-in page.
  expect(toProvider.length).toBeGreaterThan(0);
  expect(toProvider.every((r) => r === "POST /token")).toBe(true);
  expect(navigations).toBe(0);
  expect(new URL(page.url()).origin).toBe(baseURL);
  await expect(page.getByRole("row", { name: /WebFrontend_IN_0/ }).locator("[data-status]")).toHaveText("Ready");
});
