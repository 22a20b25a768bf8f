import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Build and dev-server settings only; test settings live in vitest.config.ts.
// `vite build --mode bench --outDir dist-bench` produces the bench build, which keeps the
// row render counter (see src/web/lib/bench.ts); every other mode strips it.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": "http://127.0.0.1:8080",
    },
  },
});
