import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. The fixture (e2e/fixtures.ts) starts the real
// proxy + emulator per worker on free ports and serves the SPA built into dist/ (`vite build`).
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e-artifacts/results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
