import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config-error.ts";
import { openStore, storeChoice } from "./open-store.ts";
import { describeDatabaseUrl } from "./postgres-store.ts";

describe("openStore", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("opens SQLite files in the data dir when no database URL is set", async () => {
    dir = mkdtempSync(join(tmpdir(), "rolecall-open-"));
    for (const databaseUrl of [undefined, "", "  "]) {
      const store = await openStore({ databaseUrl, dataDir: dir });
      expect(store.kind).toBe("sqlite");
      await store.close();
    }
  });

  it("takes postgres:// and postgresql:// URLs, and refuses anything else naming the variable, never the value", () => {
    expect(storeChoice("postgres://rc:pw@db.internal:5432/rolecall")).toEqual({ kind: "postgres", url: "postgres://rc:pw@db.internal:5432/rolecall" });
    expect(storeChoice("POSTGRESQL://db/rolecall?sslmode=require").kind).toBe("postgres");
    expect(storeChoice("postgres:///rolecall?host=/var/run/postgresql").kind).toBe("postgres");
    for (const bad of ["mysql://rc:s3cret@db/rolecall", "s3cret", "postgres://rc:s3cret@/rolecall", "postgres://rc:s3cret@db:99999/x"]) {
      expect(() => storeChoice(bad)).toThrow(ConfigError);
      expect(() => storeChoice(bad)).toThrow(/ROLECALL_DATABASE_URL/);
      expect(() => storeChoice(bad)).not.toThrow(/s3cret/);
    }
  });

  it("fails to open an unreachable PostgreSQL with a message that names it without its password", async () => {
    // Port 1 on loopback: refused at once, nothing listens there.
    await expect(openStore({ databaseUrl: "postgres://rc:s3cret@127.0.0.1:1/rolecall", dataDir: "/nonexistent" })).rejects.toThrow(
      /^could not open the PostgreSQL store at postgres:\/\/rc@127\.0\.0\.1:1\/rolecall: (?!.*s3cret)/,
    );
    expect(describeDatabaseUrl("postgres://rc:s3cret@db:5432/x")).toBe("postgres://rc@db:5432/x");
  });
});
