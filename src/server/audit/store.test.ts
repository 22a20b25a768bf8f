import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "./schema.ts";
import { openAuditStore } from "./store.ts";

describe("audit store", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const row = { at: "2026-01-01T00:00:00.000Z", actor: "local operator", actorId: "local", action: "reimage" as const, subscription: "s", target: "/api/subscriptions/s/services/contoso-web/deployments/production", instances: ["Web_IN_0"] };

  it("keeps rows across reopen, updates in place, and lists open rows", () => {
    dir = mkdtempSync(join(tmpdir(), "rolecall-audit-"));
    const file = join(dir, "audit.sqlite");
    const a = openAuditStore(file);
    const first = a.insert(row);
    const second = a.insert({ ...row, target: "/api/subscriptions/s/services/other/deployments/production", instances: ["X_IN_1"] });
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
    expect(b.list({ limit: 10, target: "/api/subscriptions/s/services/OTHER/deployments/production" }).map((r) => r.id)).toEqual([second]);
    b.close();
  });

  it("gives rows written before targets existed their classic target path, keeping every row and id", () => {
    dir = mkdtempSync(join(tmpdir(), "rolecall-audit-"));
    const file = join(dir, "audit.sqlite");
    // A store as the previous release left it: service and slot columns, schema version 4.
    const old = new Database(file);
    for (const sql of migrations.slice(0, 4)) old.exec(sql);
    old.pragma("user_version = 4");
    old.prepare(
      `INSERT INTO audit (id, at, actor, actor_id, action, subscription, service, slot, instances, operation_id, outcome, updated_at)
       VALUES (7, '2026-01-01T00:00:00.000Z', 'Ada', 'ada', 'reboot', 's', 'contoso-web', 'staging', '["Web_IN_1"]', ?, 'Succeeded', '2026-01-01T00:00:00.000Z')`,
    ).run("cd".repeat(16));
    // An id that was handed out and is gone must not come back.
    old.prepare(`INSERT INTO audit (id, at, actor, actor_id, action, subscription, service, slot, instances, outcome, updated_at) VALUES (9, 'x', 'a', 'a', 'reboot', 's', 'w', 'staging', '[]', 'rejected', 'x')`).run();
    old.prepare(`DELETE FROM audit WHERE id = 9`).run();
    old.close();

    const store = openAuditStore(file);
    expect(store.get(7)).toMatchObject({ actor: "Ada", outcome: "Succeeded", instances: ["Web_IN_1"], target: "/api/subscriptions/s/services/contoso-web/deployments/staging" });
    // New rows continue the id sequence after every id ever handed out.
    expect(store.insert(row)).toBe(10);
    store.close();
  });
});
