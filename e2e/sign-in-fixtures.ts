import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { ARM_SCOPE, MANAGEMENT_SCOPE } from "../src/server/auth/msal-config.ts";
import { call, emulatorControl, type Emulator } from "./fixtures.ts";
import { startOidcProvider, type OidcProvider } from "./oidc/provider.ts";
import { startStack, type Stack } from "./stack.ts";

// The stack in ROLECALL_AUTH=msal: the local OpenID provider (HTTPS, a CA made now), the emulator
// requiring a bearer token on both faces, and the proxy in passthrough mode (for the management API
// and ARM alike) serving the built SPA. MSAL in the browser signs in through the provider's real
// redirect flow. Nothing here reaches the internet.

/** Short-lived tokens, so that silent renewal happens within a test. */
export const TOKEN_TTL_SEC = 8;

/** A port that was free a moment ago: the provider must know the SPA's redirect URI before the proxy listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface SignInStack {
  app: string;
  provider: OidcProvider;
}

export const test = base.extend<{ emulator: Emulator }, { signInStack: SignInStack & { stack: Stack } }>({
  signInStack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const port = await freePort();
      const app = `http://127.0.0.1:${port}`;
      const provider = await startOidcProvider({
        clients: [{ client_id: "rolecall-spa", redirect_uris: [`${app}/`], post_logout_redirect_uris: [`${app}/`] }],
        users: [
          { id: "ada", name: "Ada Operator", roles: ["Rolecall.Operator"] },
          { id: "bob", name: "Bob Reader", roles: ["Rolecall.Reader"] },
        ],
        audience: "api://rolecall",
        extraResources: [
          { audience: "https://management.core.windows.net/", scope: MANAGEMENT_SCOPE },
          { audience: "https://management.azure.com/", scope: ARM_SCOPE },
        ],
        accessTokenTtlSec: TOKEN_TTL_SEC,
      });
      const dir = await mkdtemp(join(tmpdir(), "rolecall-e2e-auth-"));
      await writeFile(join(dir, "ca.pem"), provider.caPem);
      const stack = await startStack({
        requireAuth: true,
        env: {
          ROLECALL_PORT: String(port),
          ROLECALL_AUTH: "msal",
          ROLECALL_AUTH_CLIENT_ID: "rolecall-spa",
          ROLECALL_AUTH_AUTHORITY: provider.issuer,
          ROLECALL_AUTH_API_SCOPE: provider.apiScope,
          ROLECALL_AUTH_AUDIENCE: "api://rolecall",
          ROLECALL_AUTH_PROTOCOL: "OIDC",
          ROLECALL_AUTH_CA_PATH: join(dir, "ca.pem"),
          // Renew 3 s before expiry: tokens live about 5 s in the browser's cache.
          ROLECALL_AUTH_RENEWAL_OFFSET_SEC: "3",
          ROLECALL_UPSTREAM_IDENTITY: "passthrough",
          ROLECALL_ARM_IDENTITY: "passthrough",
        },
      });
      await use({ app, provider, stack });
      await stack.close();
      await provider.close();
      await rm(dir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  baseURL: async ({ signInStack }, use) => {
    await use(signInStack.app);
  },
  // The provider's certificate comes from a CA made seconds ago; only these browser contexts accept it.
  ignoreHTTPSErrors: true,
  emulator: [
    async ({ signInStack }, use) => {
      const url = signInStack.stack.emulatorUrl;
      await call(`${url}/_emulator/reset`, "POST", { scenario: "demo" });
      await use(emulatorControl(url));
      await call(`${url}/_emulator/faults`, "DELETE");
    },
    { auto: true },
  ],
  page: async ({ page, signInStack }, use) => {
    // Every request must go to the app or the local provider: anything else (a Microsoft host, a
    // font, telemetry) would be a leak to the outside world. The context-wide route sees requests
    // from every page, worker and service worker, and aborts a foreign one before it leaves.
    const blocked: string[] = [];
    await page.context().route("**", (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.fallback();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    // Stricter for the page itself: only the app's and the provider's origins, not any loopback port.
    const foreign: string[] = [];
    page.on("request", (r) => {
      const origin = new URL(r.url()).origin;
      if (origin !== signInStack.app && origin !== signInStack.provider.issuer) foreign.push(r.url());
    });
    await use(page);
    expect(blocked, "requests to non-loopback hosts (aborted)").toEqual([]);
    expect(foreign, "requests to other hosts").toEqual([]);
  },
});

export { expect };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Whether a request stays on this machine (data: and blob: URLs never leave it). */
export function isLoopback(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "data:" || parsed.protocol === "blob:") return true;
  return LOOPBACK.has(parsed.hostname);
}

/** From the sign-in gate, through the provider's page, back to the app signed in. */
export async function signIn(page: Page, username: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Sign in to Rolecall" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Signed in as")).toBeVisible();
}
