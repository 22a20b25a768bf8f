import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import type { ActionRisk, ActionWords } from "../copy.ts";

// The three actions must not look alike: the header's colour and tag rise with what can be lost
// (reboot < reimage < rebuild), and production stays red whatever the action.

const band: Record<ActionRisk, string> = {
  low: "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900",
  medium: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950",
  high: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950",
};

const tag: Record<ActionRisk, { tone: BadgeTone; text: string }> = {
  low: { tone: "info", text: "Keeps local data" },
  medium: { tone: "unknown", text: "May lose local data" },
  high: { tone: "danger", text: "Erases local data" },
};

export function ActionHeader({ copy, production, titleId, descId, title }: { copy: ActionWords; production: boolean; titleId: string; descId?: string; title: string }) {
  const risk = tag[copy.risk];
  const colour = production ? band.high : band[copy.risk];
  return (
    <>
      {/* Sticky, the tag and the title only: on a phone the dialog scrolls to the typed word's field,
          and what is about to happen must not scroll out of sight with it (nor take half the screen). */}
      <header className={`sticky top-0 z-10 px-5 pt-3 pb-1 ${colour}`}>
        <Badge tone={risk.tone}>{risk.text}</Badge>
        <h2 id={titleId} className="mt-1 text-lg font-semibold">{title}</h2>
      </header>
      <p id={descId} className={`border-b px-5 pb-3 text-sm ${colour}`}>{copy.detail}</p>
    </>
  );
}

/** What the instance keeps and what it loses, read before Confirm; a rebuild's loss is said loudest. */
export function LossSection({ copy }: { copy: ActionWords }) {
  const loud = copy.risk === "high";
  return (
    <section aria-label="What is kept and what is lost">
      <dl className="grid grid-cols-[4rem_1fr] gap-x-3 gap-y-1">
        <dt className="font-semibold">Kept</dt>
        <dd>{copy.kept}</dd>
        <dt className="font-semibold">{loud ? "Erased" : "Lost"}</dt>
        <dd className={loud ? "font-semibold text-red-800 dark:text-red-200" : ""}>{copy.lost}</dd>
      </dl>
    </section>
  );
}
