import { useId, useMemo, useRef, useState } from "react";
import { availabilityImpact } from "../../../../shared/availability.ts";
import type { Instance } from "../../../../shared/domain.ts";
import type { Action, Slot } from "../../../../shared/names.ts";
import { describeStatus } from "../../../../shared/status-catalog.ts";
import { ProductionTag, Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { formatAgo, formatTime } from "../../../lib/format.ts";
import { useNow } from "../../../lib/use-now.ts";
import { confirmationRule, outageWarning, typedWordMatches, type StatusChange } from "../confirmation.ts";
import { actionCopy } from "../copy.ts";

export interface ConfirmDialogProps {
  action: Action;
  /**
   * The statuses the dialog shows and computes the impact from: the copy it opened on, then the
   * fresh one fetched on opening (the table behind stays held; `changes` says what moved).
   */
  instances: readonly Instance[];
  /** ms epoch the statuses were fetched at. */
  asOf?: number;
  /** Why Confirm is off even with the word typed (checking current status, stale, busy), or null. */
  blockedReason?: string | null;
  /** Target or same-role statuses that changed since the dialog opened. */
  changes?: readonly StatusChange[];
  targetNames: readonly string[];
  service: string;
  slot: Slot;
  onCancel: () => void;
  /** Called at most once. */
  onConfirm: () => void;
}

export function ConfirmDialog({ action, instances, asOf, blockedReason = null, changes = [], targetNames, service, slot, onCancel, onConfirm }: ConfirmDialogProps) {
  const titleId = useId();
  const descId = useId();
  const wordId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const sentRef = useRef(false);
  const [sent, setSent] = useState(false);
  const [typed, setTyped] = useState("");

  const copy = actionCopy[action];
  const targets = useMemo(() => instances.filter((i) => targetNames.includes(i.name)), [instances, targetNames]);
  const impacts = useMemo(() => availabilityImpact(instances, targetNames), [instances, targetNames]);
  const rule = useMemo(() => confirmationRule(slot, impacts, targetNames, service), [slot, impacts, targetNames, service]);
  const canConfirm = !sent && blockedReason === null && typedWordMatches(rule, typed) && targets.length > 0;

  const confirm = () => {
    // The ref guards a double click that lands before React re-renders the disabled button.
    if (sentRef.current || !canConfirm) return;
    sentRef.current = true;
    setSent(true);
    onConfirm();
  };

  return (
    <Dialog labelledBy={titleId} describedBy={descId} onCancel={onCancel} initialFocus={cancelRef}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <header className={`border-b px-5 py-3 ${slot === "production" ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950" : "border-slate-200 dark:border-slate-800"}`}>
          <h2 id={titleId} className="text-lg font-semibold">
            {copy.verb} — {copy.effect}
          </h2>
          <p id={descId} className="mt-1 text-sm">{copy.detail}</p>
        </header>

        <div className="space-y-4 px-5 py-4 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span>Cloud service <strong>{service}</strong>, slot</span>
            {slot === "production" ? <ProductionTag /> : <Badge tone="info">Staging</Badge>}
          </p>

          {asOf ? <AsOf at={asOf} /> : null}
          {changes.length > 0 ? <Changes changes={changes} /> : null}

          <table className="w-full text-left">
            <caption className="mb-1 text-left font-semibold">Target instance{targets.length === 1 ? "" : "s"}</caption>
            <thead className="text-xs text-slate-700 uppercase dark:text-slate-300">
              <tr>
                <th scope="col" className="py-1 pr-3">Instance</th>
                <th scope="col" className="py-1 pr-3">Role</th>
                <th scope="col" className="py-1 pr-3">Current status</th>
                <th scope="col" className="py-1"><abbr title="Upgrade domain">UD</abbr></th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => (
                <tr key={t.name} className="border-t border-slate-200 dark:border-slate-800">
                  <th scope="row" className="py-1.5 pr-3 font-mono">{t.name}</th>
                  <td className="py-1.5 pr-3">{t.role}</td>
                  <td className="py-1.5 pr-3"><StatusBadge status={t.status} /></td>
                  <td className="py-1.5">{t.upgradeDomain}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <section aria-label="Availability impact" className="space-y-2">
            <h3 className="font-semibold">Availability impact</h3>
            {impacts.map((i) => (
              <div key={i.role} className={`rounded-md border p-3 ${i.outage ? "border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950" : "border-slate-200 dark:border-slate-700"}`}>
                <p>
                  Ready instances of role <strong>{i.role}</strong>: <strong>{i.readyNow}</strong> of {i.total} now →{" "}
                  <strong>{i.readyDuring}</strong> during the {copy.verb.toLowerCase()}.
                </p>
                {i.outage ? (
                  <p className="mt-1 font-semibold text-red-800 dark:text-red-200" role="alert">
                    {outageWarning(i)}
                  </p>
                ) : null}
                {i.notReadyInSameUpgradeDomain.length > 0 ? (
                  <div className="mt-2">
                    <p>Not ready in the same upgrade domain:</p>
                    <ul className="mt-1 space-y-1">
                      {i.notReadyInSameUpgradeDomain.map((n) => (
                        <li key={n.name} className="flex flex-wrap items-center gap-2">
                          <span className="font-mono">{n.name}</span> ({n.role}, UD {n.upgradeDomain}) <StatusBadge status={n.status} />
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="mt-1 text-slate-700 dark:text-slate-300">Every other instance in the same upgrade domain is ready.</p>
                )}
              </div>
            ))}
          </section>

          {rule.word !== null ? (
            <div className="rounded-md border border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
              <ul className="mb-2 list-disc pl-5">
                {rule.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <label htmlFor={wordId} className="block font-medium">
                Type <strong className="font-mono select-all">{rule.word}</strong> to confirm
              </label>
              <input
                id={wordId}
                className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 font-mono dark:border-slate-500 dark:bg-slate-800"
                autoComplete="off"
                spellCheck={false}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </div>
          ) : null}
          <p className="text-slate-700 dark:text-slate-300">
            Current statuses: {targets.map((t) => `${t.name} ${describeStatus(t.status).label}`).join(", ")}. Nothing is sent until you confirm.
          </p>
        </div>

        <footer className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
          {blockedReason && !sent ? (
            <p role="status" className="mr-auto self-center text-sm font-medium text-amber-900 dark:text-amber-200">{blockedReason}</p>
          ) : null}
          {/* Once sent the request is out: closing no longer cancels anything, so the button says so. */}
          <Button ref={cancelRef} onClick={onCancel}>
            {sent ? "Close" : "Cancel"}
          </Button>
          <Button type="submit" variant={copy.risk === "low" && slot !== "production" ? "primary" : "danger"} disabled={!canConfirm}>
            {sent ? "Sending…" : `${copy.verb} ${targetNames.length === 1 ? targetNames[0] : `${targetNames.length} instances`}`}
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}

function AsOf({ at }: { at: number }) {
  const now = useNow(1_000);
  return (
    <p className="text-slate-700 dark:text-slate-300">
      Statuses as of <time dateTime={new Date(at).toISOString()}>{formatTime(at)}</time> ({formatAgo(at, now)})
    </p>
  );
}

/** Newer data arrived under the open dialog: say so, with the values now shown. */
function Changes({ changes }: { changes: readonly StatusChange[] }) {
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
