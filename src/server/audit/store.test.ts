import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openAuditStore } from "./store.ts";

describe("audit store", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const row = { at: "2026-01-01T00:00:00.000Z", actor: "local operator", actorId: "local", action: "reimage" as const, subscription: "s", service: "contoso-web", slot: "production" as const, instances: ["Web_IN_0"] };

  it("keeps rows across reopen, updates in place, and lists open rows", () => {
    dir = mkdtempSync(join(tmpdir(), "rolecall-audit-"));
    const file = join(dir, "audit.sqlite");
    const a = openAuditStore(file);
    const first = a.insert(row);
    const second = a.insert({ ...row, service: "other", instances: ["X_IN_1"] });
    a.update(first, { operationId: "ab".repeat(16), outcome: "accepted" });
    a.close();

    const b = openAuditStore(file);
    expect(b.get(first)).toMatchObject({ outcome: "accepted", operationId: "ab".repeat(16), instances: ["Web_IN_0"] });
    expect(b.open().map((r) => r.id)).toEqual([first, second]);
    b.update(first, { outcome: "Failed", error: { code: "E", message: "m" }, httpStatusCode: 500, finishedAt: "2026-01-01T00:01:00.000Z" });
    expect(b.byOperation("ab".repeat(16))).toMatchObject({ outcome: "Failed", error: { code: "E", message: "m" }, httpStatusCode: 500 });
    expect(b.list({ limit: 10, instance: "x_in_1" }).map((r) => r.id)).toEqual([second]);
    expect(b.list({ limit: 10, before: second }).map((r) => r.id)).toEqual([first]);
    expect(b.list({ limit: 10, withOperation: true }).map((r) => r.id)).toEqual([first]);
    b.close();
  });
});
