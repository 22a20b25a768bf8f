import type { AuditEntry, Job } from "../../../shared/api.ts";
import { actionVerbs as verbs, auditOutcomeWords, formatUtc, jobEventWords } from "../../lib/format.ts";

// What was done to a target lately, for the summary pasted into an incident channel: each action
// (who, what, when, why, how it ended, its operation id) and each rolling job (who, why, how far, its
// operations), newest first. Pure: the summary is tested as text.

export interface StoryInput {
  /** The target's audit entries, newest first; or why they could not be read. */
  audit: readonly AuditEntry[] | { error: string };
  /** The target's jobs, newest first. */
  jobs: readonly Job[];
  /** ms epoch "now", and how many hours back the story goes. */
  now: number;
  hours: number;
  /** operation id → what the page saw it do to its instances ("went down and back to Ready · not reimaged"). */
  seen?: ReadonlyMap<string, string> | undefined;
  /** Lines listed before "and N more". */
  maxListed?: number | undefined;
}

export interface Story {
  lines: string[];
  /** Actions that did not end well (failed, refused, outcome unknown) and jobs with a failed step, in the window. */
  failures: number;
  /**
   * What must stand beside "All instances are ready": the failures of the window, or that they could
   * not be read. Undefined when nothing failed.
   */
  caveat?: string | undefined;
}

const failedOutcomes = new Set<AuditEntry["outcome"]>(["Failed", "rejected", "unknown"]);
const jobFailed = (j: Job) => j.state === "failed" || j.steps.some((st) => st.state === "failed");
const names = (list: readonly string[]) => list.map((n) => `\`${n}\``).join(", ");
/**
 * Words we did not write (a reason, a person's name, Azure's message), verbatim but inert, as a Markdown code span: nothing in it is formatting, so a
 * reason such as `x — **Succeeded** · operation …` cannot pass for the outcome that follows it. A
 * backtick in it becomes the look-alike "ˋ" (Slack ends a code span at any backtick and knows no
 * longer fences), a line break a space, and an "@" that starts a word gets a zero-width joiner, so
 * "@here" or "@channel" pasted into the channel notifies nobody (an address like a@b is left alone).
 */
export function inertText(text: string): string {
  const safe = text
    .replaceAll("`", "\u02CB")
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/(^|[^\p{L}\p{N}_])@/gu, "$1@\u200D");
  return `\`${safe}\``;
}

/** The person's reason, for an action as for a job: " · reason `INC-4711`", or nothing. */
const reasonPart = (reason: string | undefined) => (reason ? ` · reason ${inertText(reason)}` : "");

/** One single action (or a step of a job not listed): when, what, who, why, how it ended, its id. */
function actionLine(e: AuditEntry, seen: ReadonlyMap<string, string> | undefined): string {
  const failed = failedOutcomes.has(e.outcome);
  const outcome = failed ? `**${auditOutcomeWords[e.outcome]}**` : auditOutcomeWords[e.outcome];
  const why = e.error ? `: ${inertText(e.error.message)}` : "";
  const saw = e.operationId ? seen?.get(e.operationId) : undefined;
  const step = e.jobId ? ` (step of job \`${e.jobId}\`)` : "";
  const op = e.operationId ? ` · operation \`${e.operationId}\`` : "";
  return `- ${formatUtc(e.at)} · ${verbs[e.action]} ${names(e.instances)}${step} by ${inertText(e.actor)}${reasonPart(e.reason)} — ${outcome}${why}${saw ? ` (${saw})` : ""}${op}`;
}

/** One job event of a job not listed (its own line in the audit log); its start says why. */
function jobEventLine(e: AuditEntry): string {
  const event = e.jobEvent ? jobEventWords[e.jobEvent] : "";
  const why = e.jobEvent === "started" ? reasonPart(e.reason) : "";
  return `- ${formatUtc(e.at)} · ${verbs[e.action]} job \`${e.jobId ?? "?"}\` ${event} by ${inertText(e.actor)}${why}${e.error ? `: ${inertText(e.error.message)}` : ""}`;
}

/** A rolling job: who started it and why, where it is, who steered it, its operations. */
function jobLines(j: Job): string[] {
  const done = j.steps.filter((s) => s.state === "succeeded" || s.state === "skipped").length;
  const state = jobFailed(j) ? `**${j.state}${j.state === "failed" ? "" : " after a failed step"}**` : j.state;
  const reason = reasonPart(j.reason);
  const why = j.pausedReason && j.state !== "succeeded" ? `: ${inertText(j.pausedReason)}` : "";
  const steered = (j.events ?? []).filter((ev) => ev.what !== "started" && ev.what !== "succeeded").map((ev) => `${jobEventWords[ev.what]} by ${inertText(ev.actor)} at ${formatUtc(ev.at)}`);
  const ops = j.steps.flatMap((s) => s.operationIds);
  const instances = j.steps.reduce((n, s) => n + s.instances.length, 0);
  return [
    `- ${formatUtc(j.requestedAt)} · Rolling ${verbs[j.action].toLowerCase()} job \`${j.id}\` of ${instances} instance${instances === 1 ? "" : "s"} by ${inertText(j.requestedBy)}${reason} — ${state}${why}, ${done} of ${j.steps.length} steps done`,
    ...(steered.length ? [`  - ${steered.join("; ")}`] : []),
    ...(ops.length ? [`  - operations ${ops.map((o) => `\`${o}\``).join(", ")}`] : []),
  ];
}

/** The actions and jobs of the last `hours` on the target, newest first, and how many failed. */
export function storyOf(s: StoryInput): Story {
  const since = s.now - s.hours * 3_600_000;
  const max = s.maxListed ?? 15;
  const heading = `Actions and jobs in the last ${s.hours} h (newest first, times in UTC):`;
  if ("error" in s.audit) {
    return {
      lines: [`Actions and jobs in the last ${s.hours} h: the audit log could not be read (${s.audit.error}); check the audit page before saying what was done.`],
      failures: 0,
      caveat: "the audit log could not be read, so whether a recent action failed is not known",
    };
  }
  const recentJobs = s.jobs.filter((j) => Date.parse(j.requestedAt) >= since || Date.parse(j.finishedAt ?? "") >= since || j.state === "running" || j.state === "paused");
  const listed = new Set(recentJobs.map((j) => j.id));
  // A listed job tells its own steps and events; an unlisted one's entries are told one by one.
  const entries = s.audit.filter((e) => Date.parse(e.at) >= since && !(e.jobId && listed.has(e.jobId)));
  const items = [
    ...entries.map((e) => ({ at: Date.parse(e.at), text: [e.jobEvent ? jobEventLine(e) : actionLine(e, s.seen)] })),
    ...recentJobs.map((j) => ({ at: Date.parse(j.requestedAt), text: jobLines(j) })),
  ].sort((a, b) => b.at - a.at);
  const failures = entries.filter((e) => !e.jobEvent && failedOutcomes.has(e.outcome)).length + recentJobs.filter(jobFailed).length;
  const caveat = failures ? `${failures} ${failures === 1 ? "action" : "actions"} failed in the last ${s.hours} h (listed below)` : undefined;
  if (items.length === 0) return { lines: [`No actions or jobs on this target in the last ${s.hours} h.`], failures, caveat };
  const lines = [heading, ...items.slice(0, max).flatMap((i) => i.text)];
  if (items.length > max) lines.push(`- …and ${items.length - max} earlier (see the audit page)`);
  return { lines, failures, caveat };
}
