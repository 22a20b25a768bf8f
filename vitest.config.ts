import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Two projects: browser code runs in jsdom, everything else (server, emulator, shared) in Node.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: "web",
          environment: "jsdom",
          include: ["src/web/**/*.test.{ts,tsx}"],
        },
      },
      {
        test: {
          name: "node",
          environment: "node",
          include: ["src/{server,emulator,shared,launch}/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
