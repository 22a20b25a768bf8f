import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentSchema } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";
import { json, wire } from "./wire.ts";

// DESIGN.md §4, Transport: compressed replies, ETag + 304 on /api reads, cache headers. Real HTTP
// against the real proxy and emulator; node:http so that the bytes on the wire are what is checked.

describe("/api replies on the wire", () => {
  let s: Stack;
  beforeAll(async () => {
    // Reads are shared for ten minutes, so that successive reads of an unchanged deployment are the
    // same body (its fetchedAt included) until something invalidates them. Reads across upstream
    // fetches are the next group's.
    s = await startStack({ env: { ROLECALL_CACHE_MS: "600000" } });
  });
  afterAll(async () => {
    await s.close();
  });

  it("br and gzip replies decode to the same JSON as the identity reply, which has no Content-Encoding", async () => {
    const identity = await wire(s.url, DEP);
    const gzip = await wire(s.url, DEP, { headers: { "accept-encoding": "gzip" } });
    const br = await wire(s.url, DEP, { headers: { "accept-encoding": "gzip, deflate, br" } });
    for (const r of [identity, gzip, br]) {
      expect(r.status).toBe(200);
      expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers["vary"]).toContain("accept-encoding");
    }
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.raw.length).toBeLessThan(identity.raw.length);
    expect(br.raw.length).toBeLessThan(identity.raw.length);
    deploymentSchema.parse(json(identity));
    expect(json(gzip)).toEqual(json(identity));
    expect(json(br)).toEqual(json(identity));
    // One ETag for every coding: it names the identity body.
    expect(identity.headers.etag).toBeTruthy();
    expect(gzip.headers.etag).toBe(identity.headers.etag);
    expect(br.headers.etag).toBe(identity.headers.etag);
  });

  it("an unchanged read answers 304 with no body to its ETag, uncompressed, keeping its cache headers", async () => {
    const first = await wire(s.url, DEP);
    const etag = first.headers.etag ?? "";
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const codings: Record<string, string>[] = [{}, { "accept-encoding": "br, gzip" }, { "accept-encoding": "gzip" }];
    for (const headers of codings) {
      const again = await wire(s.url, DEP, { headers: { ...headers, "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect(again.raw.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers["content-encoding"]).toBeUndefined();
      expect(again.headers["cache-control"]).toBe("private, no-cache");
      expect(again.headers["x-request-id"]).toBeTruthy();
    }
    // HEAD revalidates the same way.
    const head = await wire(s.url, DEP, { method: "HEAD", headers: { "accept-encoding": "br", "if-none-match": etag } });
    expect(head.status).toBe(304);
    expect(head.headers.etag).toBe(etag);
    expect(head.headers["content-encoding"]).toBeUndefined();
    // A list of tags, strong spelling or not, matches too; another tag does not.
    expect((await wire(s.url, DEP, { headers: { "if-none-match": `"other", ${etag.slice(2)}` } })).status).toBe(304);
    const miss = await wire(s.url, DEP, { headers: { "if-none-match": '"other"' } });
    expect(miss.status).toBe(200);
    expect(json(miss)).toEqual(json(first));
  });

  it("small and list reads get an ETag too; a small body goes out uncompressed", async () => {
    const health = await wire(s.url, "/api/health", { headers: { "accept-encoding": "br, gzip" } });
    expect(health.status).toBe(200);
    expect(health.headers.etag).toBeTruthy();
    expect(health.headers["content-encoding"]).toBeUndefined();
    const list = await wire(s.url, `/api/subscriptions/${SUB}/services`);
    expect(list.status).toBe(200);
    expect(list.headers.etag).toBeTruthy();
    expect((await wire(s.url, `/api/subscriptions/${SUB}/services`, { headers: { "if-none-match": list.headers.etag ?? "" } })).status).toBe(304);
  });

  it("a changed deployment gets a new ETag and a 200: after an action, and after the operation ends upstream", async () => {
    const before = await wire(s.url, DEP);
    const etag0 = before.headers.etag ?? "";
    const action = await wire(s.url, actionPath("WebFrontend_IN_0", "reboot"), {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.url, "accept-encoding": "br, gzip" },
      body: "{}",
    });
    expect(action.status).toBe(202);
    // A POST reply is never a cache entry: no ETag.
    expect(action.headers.etag).toBeUndefined();
    expect(action.headers["cache-control"]).toBe("no-store");

    const during = await wire(s.url, DEP, { headers: { "if-none-match": etag0 } });
    expect(during.status).toBe(200);
    const etag1 = during.headers.etag ?? "";
    expect(etag1).not.toBe(etag0);
    expect(deploymentSchema.parse(json(during)).inFlight).toHaveLength(1);
    // Compressed bodies are made once per reply body and shared by its viewers: never an older one's.
    for (const coding of ["br", "gzip"]) expect(json(await wire(s.url, DEP, { headers: { "accept-encoding": coding } }))).toEqual(json(during));
    expect((await wire(s.url, DEP, { headers: { "if-none-match": etag1 } })).status).toBe(304);

    // The emulator's clock passes the reboot's end: the tracker sees it and the read changes again.
    s.emu.advance(60 * 60_000);
    const after = await waitFor(async () => {
      const r = await wire(s.url, DEP, { headers: { "if-none-match": etag1 } });
      return r.status === 200 && deploymentSchema.parse(json(r)).inFlight.length === 0 ? r : undefined;
    }, "the read to show the reboot ended", 10_000);
    expect(after.headers.etag).not.toBe(etag1);
    // Back where it was (the rebooted instance is ready again, nothing in flight): the same
    // representation as before the action, whatever its fetch time, so the same tag.
    expect(after.headers.etag).toBe(etag0);
  });

  it("errors keep their JSON envelope and carry no ETag, whatever the Accept-Encoding", async () => {
    const bad = `/api/subscriptions/${SUB}/services/-leading-hyphen/deployments/production`;
    const variants: Record<string, string>[] = [{}, { "accept-encoding": "br, gzip" }, { "if-none-match": "*" }];
    for (const headers of variants) {
      const r = await wire(s.url, bad, { headers });
      expect(r.status).toBe(400);
      expect(errorOf({ body: json(r) }).code).toBe("InvalidName");
      expect(r.headers.etag).toBeUndefined();
      expect(r.headers["cache-control"]).toBe("no-store");
      expect(r.headers["content-type"]).toContain("application/json");
    }
    const miss = await wire(s.url, "/api/nothing-here", { headers: { "accept-encoding": "br" } });
    expect(miss.status).toBe(404);
    expect(errorOf({ body: json(miss) }).code).toBe("NotFound");
    expect(miss.headers.etag).toBeUndefined();
  });
});

describe("a steady target read between upstream fetches", () => {
  const CACHE_MS = 50;
  let s: Stack;
  beforeAll(async () => {
    // A short cache, so that reads a little apart are separate upstream fetches with their own fetchedAt.
    s = await startStack({ env: { ROLECALL_CACHE_MS: String(CACHE_MS) } });
  });
  afterAll(async () => {
    await s.close();
  });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const fetchedAtOf = (r: { headers: Record<string, unknown> }) => String(r.headers["x-rolecall-fetched-at"]);

  it("keeps its ETag across upstream fetches, answers 304 with the new fetch time, and changes with an instance's status", async () => {
    const first = await wire(s.url, DEP, { headers: { "accept-encoding": "br" } });
    expect(first.status).toBe(200);
    const etag = first.headers.etag ?? "";
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    // The body keeps fetchedAt (the contract), and the header says the same time.
    const body = deploymentSchema.parse(json(first));
    expect(fetchedAtOf(first)).toBe(body.fetchedAt);

    await pause(CACHE_MS * 3);
    const second = await wire(s.url, DEP, { headers: { "accept-encoding": "br" } });
    expect(second.status).toBe(200);
    // Another upstream fetch (another fetchedAt, in body and header), same statuses: same tag.
    expect(deploymentSchema.parse(json(second)).fetchedAt).toBe(fetchedAtOf(second));
    expect(Date.parse(fetchedAtOf(second))).toBeGreaterThan(Date.parse(fetchedAtOf(first)));
    expect(second.headers.etag).toBe(etag);

    await pause(CACHE_MS * 3);
    const revalidated = await wire(s.url, DEP, { headers: { "accept-encoding": "br", "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    // The 304 carries the time of the fetch it vouches for: the browser keeps the old body, not an old time.
    expect(Date.parse(fetchedAtOf(revalidated))).toBeGreaterThan(Date.parse(fetchedAtOf(second)));

    // An instance changes status without Rolecall's doing (a colleague's reboot, straight to the
    // upstream): nothing in flight here, yet the read is another one, with another tag.
    const instance = "WebFrontend_IN_0";
    const up = await fetch(`${s.emu.url}/${SUB}/services/hostedservices/contoso-web/deploymentslots/Production/roleinstances/${instance}?comp=reboot`, {
      method: "POST",
      headers: { "x-ms-version": "2017-01-01" },
    });
    expect(up.status).toBe(202);
    const changed = await waitFor(async () => {
      const r = await wire(s.url, DEP, { headers: { "if-none-match": etag } });
      return r.status === 200 ? r : undefined;
    }, "the read to show the reboot");
    const after = deploymentSchema.parse(json(changed));
    expect(after.inFlight).toEqual([]);
    expect(after.instances.find((i) => i.name === instance)?.status).not.toBe(body.instances.find((i) => i.name === instance)?.status);
    expect(changed.headers.etag).not.toBe(etag);
    expect(fetchedAtOf(changed)).toBe(after.fetchedAt);
  });

  it("a 304 to HEAD carries the fetch time too; other reads have no such header", async () => {
    const first = await wire(s.url, DEP);
    const head = await wire(s.url, DEP, { method: "HEAD", headers: { "if-none-match": first.headers.etag ?? "" } });
    expect(head.status).toBe(304);
    expect(Date.parse(fetchedAtOf(head))).not.toBeNaN();
    const list = await wire(s.url, `/api/subscriptions/${SUB}/services`);
    expect(list.headers["x-rolecall-fetched-at"]).toBeUndefined();
  });
});

describe("a 2,000-instance deployment read", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ emulator: { scenario: "large" }, env: { ROLECALL_CACHE_MS: "600000" } });
  });
  afterAll(async () => {
    await s.close();
  });

  it("shrinks under br and gzip, and revalidates to an empty 304", async () => {
    const path = `/api/subscriptions/${SUB}/services/bigfleet/deployments/production`;
    const identity = await wire(s.url, path);
    const gzip = await wire(s.url, path, { headers: { "accept-encoding": "gzip" } });
    const br = await wire(s.url, path, { headers: { "accept-encoding": "br" } });
    expect(deploymentSchema.parse(json(identity)).instances).toHaveLength(2000);
    expect(json(gzip)).toEqual(json(identity));
    expect(json(br)).toEqual(json(identity));
    // JSON of many alike rows compresses well: at least tenfold.
    expect(gzip.raw.length * 10).toBeLessThan(identity.raw.length);
    expect(br.raw.length * 10).toBeLessThan(identity.raw.length);
    const revalidated = await wire(s.url, path, { headers: { "accept-encoding": "br", "if-none-match": identity.headers.etag ?? "" } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
  });
});

describe("the built SPA's cache headers and precompressed files", () => {
  let s: Stack;
  let dist: string;
  const script = `console.log(${JSON.stringify("rolecall ".repeat(400))});`;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "rolecall-dist-"));
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), `<!doctype html><title>Rolecall SPA</title><script type="module" src="/assets/app-3f9a1c.js"></script>`);
    writeFileSync(join(dist, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`);
    // As the build writes them (vite.config.ts): the file, and beside it its br and gzip codings.
    writeFileSync(join(dist, "assets", "app-3f9a1c.js"), script);
    writeFileSync(join(dist, "assets", "app-3f9a1c.js.br"), brotliCompressSync(script));
    writeFileSync(join(dist, "assets", "app-3f9a1c.js.gz"), gzipSync(script));
    s = await startStack({ env: { ROLECALL_STATIC_DIR: dist } });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("hashed assets are immutable for a year, in the coding the client accepts", async () => {
    const identity = await wire(s.url, "/assets/app-3f9a1c.js");
    const br = await wire(s.url, "/assets/app-3f9a1c.js", { headers: { "accept-encoding": "gzip, br" } });
    const gzip = await wire(s.url, "/assets/app-3f9a1c.js", { headers: { "accept-encoding": "gzip" } });
    for (const r of [identity, br, gzip]) {
      expect(r.status).toBe(200);
      expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(r.headers["content-type"]).toContain("javascript");
      expect(r.headers["vary"]).toContain("accept-encoding");
      expect(r.decoded.toString()).toBe(script);
    }
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(br.raw.length).toBeLessThan(script.length);
    // Revalidation (the file's own validator) answers 304 with no body and no coding.
    const again = await wire(s.url, "/assets/app-3f9a1c.js", { headers: { "accept-encoding": "br", "if-none-match": br.headers.etag ?? "" } });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers["content-encoding"]).toBeUndefined();
  });

  it("index.html, deep links and other files are revalidated (no-cache), never max-age=0", async () => {
    for (const path of ["/", "/index.html", "/subscriptions/x/services/contoso-web?slot=production", "/favicon.svg"]) {
      const r = await wire(s.url, path, { headers: { "accept-encoding": "br, gzip" } });
      expect(r.status, path).toBe(200);
      expect(r.headers["cache-control"], path).toBe("no-cache");
    }
    const deep = await wire(s.url, "/subscriptions/x/services/contoso-web");
    expect(deep.decoded.toString()).toContain("Rolecall SPA");
  });

  it("/api reads are private and revalidated", async () => {
    const r = await wire(s.url, DEP);
    expect(r.status).toBe(200);
    expect(r.headers["cache-control"]).toBe("private, no-cache");
  });
});
