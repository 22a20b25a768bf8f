import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startStack, type Stack } from "./harness.ts";

describe("serving the built SPA", () => {
  let s: Stack;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "rolecall-dist-"));
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), `<!doctype html><title>Rolecall SPA</title><script type="module" src="/assets/app.js"></script>`);
    writeFileSync(join(dist, "assets", "app.js"), "console.log('rolecall');");
    s = await startStack({ env: { ROLECALL_STATIC_DIR: dist } });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("serves index.html at / and for client-side routes (deep links)", async () => {
    for (const path of ["/", "/subscriptions/x/services/contoso-web?slot=production"]) {
      const res = await s.get(path);
      expect(res.status).toBe(200);
      expect(String(res.body)).toContain("Rolecall SPA");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    }
  });

  it("serves assets, and keeps /api misses as JSON 404s", async () => {
    const asset = await s.get("/assets/app.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    const api = await s.get("/api/does-not-exist");
    expect(api.status).toBe(404);
    expect(errorOf(api).code).toBe("NotFound");
  });
});
