import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `x.br` and `x.gz` beside every text file of the build (1 KB and up) at the highest levels,
 * once, so the proxy serves them without compressing per request (@fastify/static's preCompressed,
 * see src/server/static.ts). A coding that would not be smaller is not written.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "rolecall-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
      const files = entries.filter((e) => e.isFile() && /\.(?:html|js|mjs|css|svg|json|txt|map)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
      await Promise.all(
        files.map(async (file) => {
          const body = await readFile(file);
          if (body.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
            gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < body.length) await writeFile(`${file}.br`, br);
          if (gz.length < body.length) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

// Build and dev-server settings only; test settings live in vitest.config.ts.
// `vite build --mode bench --outDir dist-bench` produces the bench build, which keeps the
// row render counter (see src/web/lib/bench.ts); every other mode strips it.
export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  resolve: {
    alias: [
      // wouter asks for the shim (React 17 and older); React 19 has the hook built in: the same code
      // path, without the fallback's bytes.
      { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: resolve(import.meta.dirname, "src/web/lib/use-sync-external-store.ts") },
    ],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Raw size, which is not what the browser fetches: the budget is on brotli bytes (bench "wire").
    chunkSizeWarningLimit: 600,
    // No polyfill in the entry: of the browsers the build targets, Firefox before 115 and Safari before
    // 17 lack <link rel="modulepreload">, and all they lose is the early fetch of lazy chunks' imports.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically stays in one file: a deep link to a target (the
          // on-call path) loads that file alone (bench "wire"), and one file compresses better than
          // several. What loads on demand (the other pages, the action dialogs, the parts only some
          // visits show: see src/web/app/lazy-part.tsx; MSAL) gets its own.
          groups: [{ name: "index", tags: ["$initial"] }],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": "http://127.0.0.1:8080",
    },
  },
});
