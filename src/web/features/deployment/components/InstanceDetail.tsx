import type { ReactNode } from "react";
import type { Instance } from "../../../../shared/api.ts";
import { describeStatus } from "../../../../shared/status-catalog.ts";
import { Button } from "../../../components/ui/button.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";

/** Everything known about one instance; the route slots in its actions and its audit history. */
export function InstanceDetail({ instance, missing, activity, onClose, actions, history }: {
  instance: Instance | undefined;
  /** The name from the URL, shown when the instance no longer exists. */
  missing: string;
  activity: string | undefined;
  onClose: () => void;
  actions: ReactNode;
  history: ReactNode;
}) {
  if (!instance) {
    return (
      <section aria-labelledby="detail-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950">
        <h2 id="detail-title" tabIndex={-1} className="font-semibold">Instance {missing}</h2>
        <p className="mt-1">There is no instance named “{missing}” here. It may have been removed.</p>
        <Button className="mt-3" onClick={onClose}>Close</Button>
      </section>
    );
  }
  const info = describeStatus(instance.status);
  const rows: [string, ReactNode][] = [
    ["Role", instance.role],
    ["Status", <span key="s" className="inline-flex flex-col gap-1"><StatusBadge status={instance.status} tone={instance.tone} /><span className="text-xs">{info.meaning}</span></span>],
    ["Power state", instance.powerState],
    ["Upgrade domain", instance.upgradeDomain],
    ["Fault domain", instance.faultDomain],
    ...(instance.zone !== undefined ? ([["Zone", instance.zone]] as [string, ReactNode][]) : []),
    ...(instance.health !== undefined ? ([["Health", instance.health]] as [string, ReactNode][]) : []),
    ...(instance.protectedFromActions ? ([["Protection", "Protected from scale-set actions"]] as [string, ReactNode][]) : []),
    ["Size", instance.size],
    ["IP address", instance.ipAddress ? <span key="ip" className="font-mono">{instance.ipAddress}</span> : "—"],
    ["Host name", instance.hostName ?? "—"],
    ["State details", instance.stateDetails ?? "—"],
    ["Error code", instance.errorCode ?? "—"],
  ];
  return (
    <section aria-labelledby="detail-title" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        {/* Focusable by script: opening a row with the keyboard lands here (tabIndex -1: no tab stop). */}
        <h2 id="detail-title" tabIndex={-1} className="truncate font-semibold">{instance.name}</h2>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close instance details">✕</Button>
      </header>
      {activity ? <p className="border-b border-slate-200 bg-blue-50 px-4 py-2 text-sm font-medium text-blue-900 dark:border-slate-800 dark:bg-blue-950 dark:text-blue-100">{activity}</p> : null}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 px-4 py-3 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-700 dark:text-slate-300">{k}</dt>
            <dd className="min-w-0 break-words">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">{actions}</div>
      <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">{history}</div>
    </section>
  );
}
