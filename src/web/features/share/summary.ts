import type { Instance, Operation } from "../../../shared/api.ts";
import { describeStatus } from "../../../shared/status-catalog.ts";
import { actionVerbs as verbs, formatUtc } from "../../lib/format.ts";
import type { TargetHeading } from "../../lib/targets.ts";
import { inertText, type Story } from "./story.ts";

export interface SummaryInput {
  target: TargetHeading;
  mode: "emulator" | "azure";
  subscriptionName: string;
  roles: readonly string[];
  instances: readonly Instance[];
  inFlight: readonly Operation[];
  /** When the data was fetched (ISO). */
  asOf: string;
  url: string;
  /** The target's rolling job in one line, when it has one on screen. */
  job?: string;
  /** Not-ready instances listed before "and N more". */
  maxListed?: number;
  /** What was done lately (story.ts): listed, and its failures said beside the ready count. */
  story?: Story | undefined;
  /** The target's audit page. */
  auditUrl?: string | undefined;
}

/** A short Markdown summary for an incident channel: what is on screen, and a link to it. */
export function deploymentSummary(s: SummaryInput): string {
  const max = s.maxListed ?? 20;
  const roles = [...new Set([...s.roles, ...s.instances.map((i) => i.role)])];
  const lines: string[] = [];
  const { name, resourceGroup, slot, production } = s.target;
  const where = [
    `**${name}**${resourceGroup ? ` (resource group ${resourceGroup})` : ""}`,
    production ? "**PRODUCTION**" : slot,
    `${s.subscriptionName} (${s.mode === "azure" ? "Azure" : "emulator"})`,
    `as of ${formatUtc(s.asOf)}`,
  ];
  lines.push(where.filter(Boolean).join(" · "));
  lines.push("");
  for (const role of roles) {
    const of = s.instances.filter((i) => i.role === role);
    const ready = of.filter((i) => i.tone === "ok").length;
    lines.push(`- ${role}: ${ready} of ${of.length} ready`);
  }
  const notReady = s.instances.filter((i) => i.tone !== "ok");
  lines.push("");
  // "All ready" right after a failed action would read as "fixed": the failure is said in the same breath.
  const caveat = s.story?.caveat;
  if (notReady.length === 0) {
    lines.push(caveat ? `All instances are ready now, but ${caveat}.` : "All instances are ready.");
  } else {
    lines.push(`Not ready (${notReady.length}):`);
    for (const i of notReady.slice(0, max)) {
      const info = describeStatus(i.status);
      lines.push(`- \`${i.name}\` (${i.role}, UD ${i.upgradeDomain}): ${info.known ? `${info.label} (${i.status})` : info.label}${i.stateDetails ? ` — ${inertText(i.stateDetails)}` : ""}`);
    }
    if (notReady.length > max) lines.push(`- …and ${notReady.length - max} more`);
    if (caveat) lines.push(`Also: ${caveat}.`);
  }
  if (s.inFlight.length > 0) {
    lines.push("");
    lines.push("In flight:");
    for (const op of s.inFlight) {
      lines.push(`- ${verbs[op.action]} ${op.instances.map((n) => `\`${n}\``).join(", ")}: ${op.status}, requested by ${inertText(op.requestedBy)} at ${formatUtc(op.requestedAt)}`);
    }
  }
  if (s.job) {
    lines.push("");
    lines.push(`Rolling job: ${s.job}`);
  }
  if (s.story) {
    lines.push("");
    lines.push(...s.story.lines);
  }
  lines.push("");
  lines.push(`View: ${s.url}`);
  if (s.auditUrl) lines.push(`Audit: ${s.auditUrl}`);
  return lines.join("\n");
}
