import { useMemo } from "react";
import { slots } from "../../../../shared/names.ts";
import { slotWord } from "../../../lib/targets.ts";
import { PHONE, useMediaQuery } from "../../../lib/use-media-query.ts";
import { kindLabels, matchesRow, sortRows, type ListedKind, type ServiceRow } from "../rows.ts";
import { SlotCell } from "./SlotCell.tsx";

/** Every listed cloud service of the subscription, whatever its kind, filtered by the page's search and kind. */
export function ServiceList({ rows, q, kind }: { rows: readonly ServiceRow[]; q: string; kind: ListedKind | undefined }) {
  const shown = useMemo(() => sortRows(rows.filter((r) => (!kind || r.kind === kind) && matchesRow(r, q))), [rows, q, kind]);
  const phone = useMediaQuery(PHONE);
  return (
    <div className="overflow-x-auto">
      {phone ? <ServiceCards rows={shown} /> : <ServiceTable rows={shown} />}
      {shown.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-700 dark:text-slate-300">
          {rows.length === 0 ? "This subscription has no cloud services." : q ? `No cloud service matches “${q}”.` : "No cloud service of this kind."}
        </p>
      ) : null}
    </div>
  );
}

/** Phones: each service as a card, its slots one under the other (five columns do not fit 390 px). */
function ServiceCards({ rows }: { rows: readonly ServiceRow[] }) {
  return (
    <ul aria-label="Cloud services and their deployments" className="divide-y divide-slate-200 dark:divide-slate-800">
      {rows.map((r) => (
        <li key={r.key} className="space-y-1.5 px-4 py-3 text-sm">
          <p className="font-medium">
            {r.name} <span className="text-xs font-normal text-slate-700 dark:text-slate-300">· {kindLabels[r.kind]} · {r.location}</span>
          </p>
          {r.resourceGroup ? <p className="text-xs text-slate-600 dark:text-slate-400">Resource group {r.resourceGroup}</p> : null}
          {slots.map((s) => (
            <div key={s} className={`pl-2 ${s === "production" ? "border-l-4 border-red-600" : "border-l-4 border-transparent"}`}>
              <span className="block text-xs text-slate-700 dark:text-slate-300">{slotWord(s)} slot</span>
              <SlotCell row={r} slot={s} />
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** Wider screens: one row per service, a column per slot. */
function ServiceTable({ rows }: { rows: readonly ServiceRow[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Cloud services and their deployments</caption>
      <thead className="border-b border-slate-200 text-xs text-slate-700 uppercase dark:border-slate-800 dark:text-slate-300">
        <tr>
          <th scope="col" className="px-4 py-2">Cloud service</th>
          <th scope="col" className="px-4 py-2">Kind</th>
          <th scope="col" className="px-4 py-2">Location</th>
          {slots.map((s) => (
            <th key={s} scope="col" className="px-4 py-2">{slotWord(s)} slot</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
            <th scope="row" className="px-4 py-2 font-medium">
              <div>{r.name}</div>
              {r.resourceGroup ? <div className="text-xs font-normal text-slate-600 dark:text-slate-400">Resource group {r.resourceGroup}</div> : null}
              {r.label && r.label !== r.name ? <div className="text-xs font-normal text-slate-600 dark:text-slate-400">{r.label}</div> : null}
            </th>
            <td className="px-4 py-2">{kindLabels[r.kind]}</td>
            <td className="px-4 py-2">{r.location}</td>
            {slots.map((s) => (
              <td key={s} className={`px-4 py-2 ${s === "production" ? "border-l-4 border-red-600" : ""}`}>
                <SlotCell row={r} slot={s} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
