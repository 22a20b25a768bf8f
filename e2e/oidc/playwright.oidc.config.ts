import { defineConfig } from "@playwright/test";

// Runs only the sign-in smoke in this folder, standalone: `npx playwright test -c e2e/oidc/playwright.oidc.config.ts`.
// The project's main Playwright config may pick the spec up as well.
export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  timeout: 60_000,
  outputDir: "../../test-results/oidc",
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
