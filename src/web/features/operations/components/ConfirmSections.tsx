import type { Ref } from "react";
import type { Instance } from "../../../../shared/api.ts";
import type { AvailabilityImpact } from "../../../../shared/availability.ts";
import { describeStatus } from "../../../../shared/status-catalog.ts";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { formatAgo, formatTime } from "../../../lib/format.ts";
import { useNow } from "../../../lib/use-now.ts";
import { outageWarning, type ConfirmationRule, type StatusChange } from "../confirmation.ts";

// The sections of the confirmation dialog, each one thing the operator must read before acting.

/** The instances the action goes to, with the status each has now. */
export function TargetTable({ targets }: { targets: readonly Instance[] }) {
  return (
    <table className="w-full text-left">
      <caption className="mb-1 text-left font-semibold">Target instance{targets.length === 1 ? "" : "s"}</caption>
      <thead className="text-xs text-slate-700 uppercase dark:text-slate-300">
        <tr>
          <th scope="col" className="py-1 pr-3">Instance</th>
          <th scope="col" className="py-1 pr-3 max-sm:hidden">Role</th>
          <th scope="col" className="py-1 pr-3">Current status</th>
          <th scope="col" className="py-1"><abbr title="Upgrade domain">UD</abbr></th>
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => (
          <tr key={t.name} className="border-t border-slate-200 dark:border-slate-800">
            {/* Phones: a long name may break, and the role goes under the status, so the table fits. */}
            <th scope="row" className="py-1.5 pr-3 font-mono break-all">{t.name}</th>
            <td className="py-1.5 pr-3 max-sm:hidden">{t.role}</td>
            <td className="py-1.5 pr-3">
              <StatusBadge status={t.status} tone={t.tone} />
              <span className="block text-xs sm:hidden">{t.role}</span>
            </td>
            <td className="py-1.5">{t.upgradeDomain}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Ready instances of each role touched, now and during the action; an outage is said loudly. */
export function ImpactSection({ impacts, verb }: { impacts: readonly AvailabilityImpact[]; verb: string }) {
  return (
    <section aria-label="Availability impact" className="space-y-2">
      <h3 className="font-semibold">Availability impact</h3>
      {impacts.map((i) => (
        <div key={i.role} className={`rounded-md border p-3 ${i.outage ? "border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950" : "border-slate-200 dark:border-slate-700"}`}>
          <p>
            Ready instances of role <strong>{i.role}</strong>: <strong>{i.readyNow}</strong> of {i.total} now →{" "}
            <strong>{i.readyDuring}</strong> during the {verb.toLowerCase()}.
          </p>
          {i.outage ? (
            <p className="mt-1 font-semibold text-red-800 dark:text-red-200" role="alert">
              {outageWarning(i)}
            </p>
          ) : null}
          <NotReadyNearby instances={i.notReadyInSameUpgradeDomain} />
        </div>
      ))}
    </section>
  );
}

function NotReadyNearby({ instances }: { instances: readonly Instance[] }) {
  if (instances.length === 0) {
    return <p className="mt-1 text-slate-700 dark:text-slate-300">Every other instance in the same upgrade domain is ready.</p>;
  }
  return (
    <div className="mt-2">
      <p>Not ready in the same upgrade domain:</p>
      <ul className="mt-1 space-y-1">
        {instances.map((n) => (
          <li key={n.name} className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{n.name}</span> ({n.role}, UD {n.upgradeDomain}) <StatusBadge status={n.status} tone={n.tone} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Why typing is required, and the field for the word; shown only when the rule asks for one. */
export function TypedWord({ rule, inputId, inputRef, value, onChange }: { rule: ConfirmationRule; inputId: string; inputRef?: Ref<HTMLInputElement>; value: string; onChange: (value: string) => void }) {
  if (rule.word === null) return null;
  return (
    <div className="rounded-md border border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      <ul className="mb-2 list-disc pl-5">
        {rule.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <label htmlFor={inputId} className="block font-medium">
        Type <strong className="font-mono select-all">{rule.word}</strong> to confirm
      </label>
      <input
        id={inputId}
        ref={inputRef}
        className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 font-mono dark:border-slate-500 dark:bg-slate-800"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function AsOf({ at }: { at: number }) {
  const now = useNow(1_000);
  return (
    <p className="text-slate-700 dark:text-slate-300">
      Statuses as of <time dateTime={new Date(at).toISOString()}>{formatTime(at)}</time> ({formatAgo(at, now)})
    </p>
  );
}

/** Newer data arrived under the open dialog: say so, with the values now shown. */
export function Changes({ changes }: { changes: readonly StatusChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      <p className="font-semibold">Statuses changed since you opened this</p>
      <ul className="mt-1 list-disc pl-5">
        {changes.map((c) => (
          <li key={c.name}>
            <span className="font-mono">{c.name}</span>: {describeStatus(c.before).label} → {c.after === null ? "no longer exists" : describeStatus(c.after).label}
          </li>
        ))}
      </ul>
    </div>
  );
}
