import { describe, expect, it } from "vitest";
import type { AuditEntry, Instance, Job } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { inertText, storyOf } from "./story.ts";
import { deploymentSummary } from "./summary.ts";

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const T = `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`;
const now = Date.parse("2025-01-01T12:00:00Z");
const opA = "a".repeat(32);
const opB = "b".repeat(32);
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: "2025-01-01T11:00:00.000Z", actor: "Ada", action: "reimage", subscription: SUB, target: T, instances: ["W_0"], operationId: opA, outcome: "Succeeded", ...over,
});
const job = (over: Partial<Job>): Job => ({
  id: "j".repeat(32), target: T, kind: "classic", action: "reboot", state: "succeeded", batch: "upgradeDomain", minReadyPercent: 50, readyTimeoutSec: 900, soakSec: 0,
  steps: [
    { index: 0, upgradeDomain: 0, instances: ["W_0", "A_0"], state: "succeeded", operationIds: ["c".repeat(32)] },
    { index: 1, upgradeDomain: 1, instances: ["W_1"], state: "succeeded", operationIds: ["d".repeat(32)] },
  ],
  requestedBy: "Grace", requestedAt: "2025-01-01T10:00:00.000Z", finishedAt: "2025-01-01T10:20:00.000Z", ...over,
});
const ready = (name: string): Instance => ({ name, role: "W", status: "ReadyRole", tone: statusTone("ReadyRole"), powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small" });
const heading = { noun: "Cloud service", name: "contoso-web", resourceGroup: undefined, slot: "staging", production: false };

describe("the story of a target", () => {
  it("tells each action and job of the window, newest first: when, what, who, outcome, ids, reason", () => {
    const story = storyOf({
      audit: [
        entry({ id: 3, at: "2025-01-01T11:30:00.000Z", outcome: "Failed", operationId: opB, error: { code: "InternalError", message: "Retry later." } }),
        entry({ id: 2, at: "2025-01-01T11:00:00.000Z" }),
        // A listed job's own entries are told by its line, not again one by one.
        entry({ id: 1, at: "2025-01-01T10:05:00.000Z", jobId: "j".repeat(32), operationId: "c".repeat(32) }),
        // Out of the window.
        entry({ id: 0, at: "2024-12-31T20:00:00.000Z", actor: "Old" }),
      ],
      jobs: [job({ reason: "INC-42 memory leak", events: [{ at: "2025-01-01T10:00:00.000Z", actor: "Grace", what: "started" }, { at: "2025-01-01T10:10:00.000Z", actor: "Ada", what: "paused" }, { at: "2025-01-01T10:12:00.000Z", actor: "Grace", what: "resumed" }] })],
      now,
      hours: 12,
      seen: new Map([[opB, "went down and back to Ready · not reimaged"]]),
    });
    expect(story.lines).toEqual([
      "Actions and jobs in the last 12 h (newest first, times in UTC):",
      `- 2025-01-01 11:30:00 UTC · Reimage \`W_0\` by \`Ada\` — **Failed**: \`Retry later.\` (went down and back to Ready · not reimaged) · operation \`${opB}\``,
      `- 2025-01-01 11:00:00 UTC · Reimage \`W_0\` by \`Ada\` — Succeeded · operation \`${opA}\``,
      `- 2025-01-01 10:00:00 UTC · Rolling reboot job \`${"j".repeat(32)}\` of 3 instances by \`Grace\` · reason \`INC-42 memory leak\` — succeeded, 2 of 2 steps done`,
      "  - paused by `Ada` at 2025-01-01 10:10:00 UTC; resumed by `Grace` at 2025-01-01 10:12:00 UTC",
      `  - operations \`${"c".repeat(32)}\`, \`${"d".repeat(32)}\``,
    ]);
    expect(story.failures).toBe(1);
    expect(story.caveat).toBe("1 action failed in the last 12 h (listed below)");
  });

  it("says why beside each action and each job start that has a reason, as it does for a listed job", () => {
    const story = storyOf({
      audit: [
        entry({ id: 3, at: "2025-01-01T11:30:00.000Z", reason: "INC-4711, API latency", outcome: "Failed", operationId: opB, error: { code: "InternalError", message: "Retry later." } }),
        entry({ id: 2, at: "2025-01-01T11:10:00.000Z", jobId: "x".repeat(32), jobEvent: "started", reason: "patch", operationId: null, outcome: "accepted" }),
        entry({ id: 1, at: "2025-01-01T11:00:00.000Z" }),
      ],
      jobs: [],
      now,
      hours: 12,
    });
    expect(story.lines.slice(1)).toEqual([
      `- 2025-01-01 11:30:00 UTC · Reimage \`W_0\` by \`Ada\` · reason \`INC-4711, API latency\` — **Failed**: \`Retry later.\` · operation \`${opB}\``,
      `- 2025-01-01 11:10:00 UTC · Reimage job \`${"x".repeat(32)}\` started by \`Ada\` · reason \`patch\``,
      `- 2025-01-01 11:00:00 UTC · Reimage \`W_0\` by \`Ada\` — Succeeded · operation \`${opA}\``,
    ]);
  });

  it("keeps a reason inert: it cannot forge the outcome, close its quote, or notify the channel", () => {
    const forged = "x” — **Succeeded** · operation `" + opA + "` @here ping @channel, mail ada@contoso.com";
    const story = storyOf({
      audit: [entry({ reason: forged, outcome: "Failed", operationId: opB, error: { code: "InternalError", message: "Retry later." } })],
      jobs: [job({ reason: "`` **done** @channel", requestedAt: "2025-01-01T11:30:00.000Z" })],
      now,
      hours: 12,
    });
    const jobLine = story.lines.find((l) => l.includes("Rolling reboot job"));
    const actionLine = story.lines.find((l) => l.includes("Reimage `W_0`"));
    // One code span each: no backtick but its two ends, so nothing inside is Markdown.
    const span = (line: string | undefined) => /· reason (`[^`]*`) —/.exec(line ?? "")?.[1];
    expect(span(actionLine)).toBe("`x” — **Succeeded** · operation \u02CB" + opA + "\u02CB @\u200Dhere ping @\u200Dchannel, mail ada@contoso.com`");
    expect(actionLine?.endsWith(`— **Failed**: \`Retry later.\` · operation \`${opB}\``)).toBe(true);
    expect(span(jobLine)).toBe("`\u02CB\u02CB **done** @\u200Dchannel`");
    expect(jobLine).toMatch(/` — succeeded, 2 of 2 steps done$/);
    // Mentions are broken wherever they stand; line breaks cannot start a new list item.
    expect(inertText("@here")).toBe("`@\u200Dhere`");
    expect(inertText("(@channel)")).toBe("`(@\u200Dchannel)`");
    expect(inertText("a\n- **Succeeded**")).toBe("`a - **Succeeded**`");
  });

  it("keeps names and Azure's messages inert too: neither can forge an outcome or notify the channel", () => {
    const story = storyOf({
      audit: [entry({ actor: "@channel **Mallory**", outcome: "Failed", error: { code: "InternalError", message: "Retry. — **Succeeded** @here\n- `x`" } })],
      jobs: [job({ requestedBy: "@here", pausedReason: "Step 1: **ok** @channel", state: "paused", finishedAt: undefined, requestedAt: "2025-01-01T11:30:00.000Z", events: [{ at: "2025-01-01T11:40:00.000Z", actor: "*Eve*", what: "paused" }] })],
      now,
      hours: 12,
    });
    expect(story.lines.slice(1)).toEqual([
      "- 2025-01-01 11:30:00 UTC · Rolling reboot job `" + "j".repeat(32) + "` of 3 instances by `@\u200Dhere` — paused: `Step 1: **ok** @\u200Dchannel`, 2 of 2 steps done",
      "  - paused by `*Eve*` at 2025-01-01 11:40:00 UTC",
      expect.stringMatching(/^ {2}- operations /),
      `- 2025-01-01 11:00:00 UTC · Reimage \`W_0\` by \`@\u200Dchannel **Mallory**\` — **Failed**: \`Retry. — **Succeeded** @\u200Dhere - \u02CBx\u02CB\` · operation \`${opA}\``,
    ]);
  });

  it("tells a job it does not list by its entries, and counts a job paused by a failed step as a failure", () => {
    const unlisted = storyOf({
      audit: [
        entry({ id: 2, at: "2025-01-01T11:01:00.000Z", jobId: "x".repeat(32), jobEvent: "paused", actor: "Rolecall", operationId: null, error: { code: "StepFailed", message: "Step 1 failed." } }),
        entry({ id: 1, at: "2025-01-01T11:00:00.000Z", jobId: "x".repeat(32), outcome: "Failed" }),
      ],
      jobs: [],
      now,
      hours: 6,
    });
    expect(unlisted.lines.slice(1)).toEqual([
      `- 2025-01-01 11:01:00 UTC · Reimage job \`${"x".repeat(32)}\` paused by \`Rolecall\`: \`Step 1 failed.\``,
      `- 2025-01-01 11:00:00 UTC · Reimage \`W_0\` (step of job \`${"x".repeat(32)}\`) by \`Ada\` — **Failed** · operation \`${opA}\``,
    ]);
    expect(unlisted.failures).toBe(1);

    const paused = storyOf({
      audit: [],
      jobs: [job({ state: "paused", pausedReason: "Step 2 failed: Azure said Retry later.", finishedAt: undefined, steps: [{ index: 0, instances: ["W_0"], state: "failed", operationIds: [opA] }] })],
      now,
      hours: 6,
    });
    expect(paused.lines[1]).toContain("— **paused after a failed step**: `Step 2 failed: Azure said Retry later.`, 0 of 1 steps done");
    expect(paused.caveat).toBe("1 action failed in the last 6 h (listed below)");
  });

  it("says when nothing was done, caps long stories, and never guesses when the audit cannot be read", () => {
    expect(storyOf({ audit: [], jobs: [], now, hours: 12 })).toEqual({ lines: ["No actions or jobs on this target in the last 12 h."], failures: 0, caveat: undefined });
    const many = Array.from({ length: 20 }, (_, i) => entry({ id: i, at: new Date(now - (i + 1) * 60_000).toISOString() }));
    const capped = storyOf({ audit: many, jobs: [], now, hours: 12, maxListed: 5 });
    expect(capped.lines).toHaveLength(7);
    expect(capped.lines.at(-1)).toBe("- …and 15 earlier (see the audit page)");
    const unread = storyOf({ audit: { error: "The proxy did not answer." }, jobs: [], now, hours: 12 });
    expect(unread.lines[0]).toContain("the audit log could not be read (The proxy did not answer.)");
    expect(unread.caveat).toMatch(/not known/);
  });
});

describe("the summary with its story", () => {
  const base = { target: heading, mode: "emulator" as const, subscriptionName: "S", roles: ["W"], instances: [ready("W_0")], inFlight: [], asOf: "t", url: "u", auditUrl: "a" };

  it("never says all is ready right after a failed action without saying the failure", () => {
    const story = storyOf({ audit: [entry({ outcome: "Failed", error: { code: "X", message: "Boom." } })], jobs: [], now, hours: 12 });
    const md = deploymentSummary({ ...base, story });
    expect(md).not.toMatch(/All instances are ready\.$/m);
    expect(md).toContain("All instances are ready now, but 1 action failed in the last 12 h (listed below).");
    expect(md).toContain("— **Failed**: `Boom.`");
    expect(md.endsWith("View: u\nAudit: a")).toBe(true);
  });

  it("says the failure beside a not-ready list too, and plain ready when nothing failed", () => {
    const failed = storyOf({ audit: [entry({ outcome: "rejected" })], jobs: [], now, hours: 12 });
    const notReady = deploymentSummary({ ...base, instances: [{ ...ready("W_0"), status: "StoppedVM", tone: statusTone("StoppedVM") }], story: failed });
    expect(notReady).toContain("Not ready (1):");
    expect(notReady).toContain("Also: 1 action failed in the last 12 h (listed below).");
    const fine = deploymentSummary({ ...base, story: storyOf({ audit: [entry({})], jobs: [], now, hours: 12 }) });
    expect(fine).toContain("All instances are ready.\n");
    const unread = deploymentSummary({ ...base, story: storyOf({ audit: { error: "down" }, jobs: [], now, hours: 12 }) });
    expect(unread).toContain("All instances are ready now, but the audit log could not be read, so whether a recent action failed is not known.");
  });
});
