import { expect, test } from "@playwright/test";
import { createJwtVerifier } from "../../src/server/auth/jwt-verifier.ts";
import { startMsalTestApp, type MsalTestApp } from "./msal-test-app.ts";
import { startOidcProvider, type OidcProvider } from "./provider.ts";

// MSAL (the SPA's real wrapper) against the local OpenID provider over HTTPS, with the proxy's
// verifier behind /api/me. No Microsoft host is involved: the authority is 127.0.0.1.

const TTL_SEC = 4;
let op: OidcProvider;
let app: MsalTestApp;

test.beforeAll(async () => {
  app = await startMsalTestApp();
  op = await startOidcProvider({
    clients: [{ client_id: "rolecall-spa", redirect_uris: [`${app.url}/`], post_logout_redirect_uris: [`${app.url}/`] }],
    users: [
      { id: "ada", name: "Ada Operator", roles: ["Rolecall.Operator"] },
      { id: "bob", name: "Bob Reader", roles: ["Rolecall.Reader"] },
    ],
    audience: "api://rolecall",
    accessTokenTtlSec: TTL_SEC,
  });
  app.configure({
    auth: {
      mode: "msal",
      clientId: "rolecall-spa",
      authority: op.issuer,
      apiScope: op.apiScope,
      knownAuthorities: [new URL(op.issuer).host],
      protocolMode: "OIDC",
      upstreamIdentity: "certificate",
    },
    verifier: createJwtVerifier({
      issuers: [op.issuer],
      audience: "api://rolecall",
      jwksUri: `${op.issuer}/jwks`,
      caPem: op.caPem,
      clockToleranceSec: 0,
      requiredScope: op.apiScope,
      readerRole: "Rolecall.Reader",
      operatorRole: "Rolecall.Operator",
    }),
    renewalOffsetSec: 1,
  });
});
test.afterAll(async () => {
  await app.close();
  await op.close();
});
// The provider's certificate comes from a CA made seconds ago; only this browser context accepts it.
test.use({ ignoreHTTPSErrors: true });

test("sign in through the redirect flow keeps the deep link, calls the API, renews silently, signs out", async ({ page }) => {
  // Anything that is neither the app nor the provider would be a leak to the outside world.
  const foreign: string[] = [];
  page.on("request", (r) => {
    const origin = new URL(r.url()).origin;
    if (origin !== app.url && origin !== op.issuer) foreign.push(r.url());
  });

  await page.goto(`${app.url}/subscriptions/s1/services/web?slot=staging#instance=web_IN_0`);
  await expect(page.locator("#ready")).toHaveText("ready");
  await expect(page.locator("#who")).toHaveText("signed out");

  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Username").fill("ada");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.locator("#who")).toHaveText("Ada Operator (Rolecall.Operator)");
  expect(page.url()).toBe(`${app.url}/subscriptions/s1/services/web?slot=staging#instance=web_IN_0`);

  await page.getByRole("button", { name: "Call API" }).click();
  await expect(page.locator("#api")).toHaveText("200 reader,operator call 1 distinct tokens 1");

  // Past the token's lifetime, the next call renews through the refresh token without navigating.
  await page.waitForTimeout((TTL_SEC + 1) * 1000);
  await page.getByRole("button", { name: "Call API" }).click();
  await expect(page.locator("#api")).toHaveText("200 reader,operator call 2 distinct tokens 2");
  expect(page.url()).toContain("/subscriptions/s1/services/web");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page.locator("#who")).toHaveText("signed out");
  expect(foreign).toEqual([]);
});
