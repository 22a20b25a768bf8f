import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../shared/api.ts";
import { auditCsv, auditJson, exportFileName, withReasons } from "./export.ts";

const T = "/api/subscriptions/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/deployments/staging";
const failed: AuditEntry = {
  id: 7, at: "2025-01-01T10:31:05.000Z", actor: "Ada, on call", action: "reimage", subscription: "s", target: T, instances: ["W_0", "W_1"],
  operationId: "a".repeat(32), outcome: "Failed", error: { code: "InternalError", message: 'Azure said "retry"\nlater' },
};
const step: AuditEntry = { ...failed, id: 8, actor: "=cmd", outcome: "Succeeded", error: undefined, jobId: "j".repeat(32), instances: ["W_2"] };

describe("audit export", () => {
  it("writes one CSV line per shown entry, with every field a ticket needs, escaped", () => {
    const csv = auditCsv(withReasons([failed, step], new Map([["j".repeat(32), "INC-42, memory"]])));
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe('"id","at (UTC)","actor","action","job event","target","instances","outcome","error code","error message","operation id","job id","reason"');
    expect(lines[1]).toBe(`"7","2025-01-01T10:31:05.000Z","Ada, on call","reimage",,"${T}","W_0 W_1","Failed","InternalError","Azure said ""retry""\nlater","${"a".repeat(32)}",,`);
    expect(lines[2]).toBe(`"8","2025-01-01T10:31:05.000Z","'=cmd","reimage",,"${T}","W_2","Succeeded",,,"${"a".repeat(32)}","${"j".repeat(32)}","INC-42, memory"`);
    expect(lines[3]).toBe("");
  });

  it("writes JSON in the /api shape, with the reason shown", () => {
    const json = JSON.parse(auditJson(withReasons([step], new Map([["j".repeat(32), "INC-42"]])))) as unknown;
    expect(json).toEqual([{ ...step, reason: "INC-42" }]);
    expect(withReasons([failed], new Map())[0]).toBe(failed);
  });

  it("keeps the reason given with an action, in CSV and JSON; an entry's own reason outranks its job's", () => {
    const single: AuditEntry = { ...failed, id: 9, outcome: "Succeeded", error: undefined, reason: "INC-4711 · “latency”, again" };
    const own: AuditEntry = { ...step, id: 10, reason: "given with the job" };
    const shown = withReasons([single, own], new Map([["j".repeat(32), "read from the jobs list"]]));
    expect(shown.map((e) => e.reason)).toEqual(["INC-4711 · “latency”, again", "given with the job"]);
    const lines = auditCsv(shown).slice(1).split("\r\n");
    expect(lines[1]).toBe(`"9","2025-01-01T10:31:05.000Z","Ada, on call","reimage",,"${T}","W_0 W_1","Succeeded",,,"${"a".repeat(32)}",,"INC-4711 · “latency”, again"`);
    expect(lines[2]?.endsWith(`,"${"j".repeat(32)}","given with the job"`)).toBe(true);
    expect((JSON.parse(auditJson(shown)) as AuditEntry[]).map((e) => e.reason)).toEqual(["INC-4711 · “latency”, again", "given with the job"]);
  });

  it("names the file after what it holds and when", () => {
    const at = new Date("2025-01-01T12:00:00.123Z");
    expect(exportFileName("contoso-web · production", "csv", at)).toBe("rolecall-audit-contoso-web-production-20250101T120000Z.csv");
    expect(exportFileName("rg-shop/contoso shop", "json", at)).toBe("rolecall-audit-rg-shop-contoso-shop-20250101T120000Z.json");
    expect(exportFileName("···", "json", at)).toBe("rolecall-audit-audit-20250101T120000Z.json");
  });
});
