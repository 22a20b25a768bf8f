import { deploymentPath } from "./fixtures.ts";
import { expect, signIn, test, TOKEN_TTL_SEC } from "./sign-in-fixtures.ts";

// Journey: signing in (ROLECALL_AUTH=msal). MSAL's real redirect flow against the local OpenID
// provider; the proxy verifies every token and forwards each user's management token upstream.

interface LoggedCall {
  method: string;
  authorization?: { present: boolean; scheme?: string };
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
  await reimage.click({ force: true });
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Reads reached the emulator with the reader's management token; no action did.
  const calls = (await emulator.requests()) as LoggedCall[];
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((c) => c.authorization?.scheme === "Bearer")).toBe(true);
  expect(await emulator.actions()).toEqual([]);
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
  expect(((await emulator.actions()) as LoggedCall[])[0]?.authorization).toEqual({ present: true, scheme: "Bearer" });

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
