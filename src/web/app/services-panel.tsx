import type { UseQueryResult } from "@tanstack/react-query";
import { Panel } from "../components/ui/panel.tsx";
import type { ServiceListData } from "../features/services/api.ts";
import { ServiceList } from "../features/services/components/ServiceList.tsx";
import { kindLists, type ListedKind } from "../features/services/rows.ts";
import { explainError } from "../lib/errors.ts";

export interface ServiceLists {
  kinds: readonly ListedKind[];
  /** One query per kind, in the order of `kinds`. */
  results: readonly UseQueryResult<ServiceListData>[];
}

/**
 * Every kind's list in one table. A kind that cannot be loaded (its upstream down) is said in words
 * above the others, which still show.
 */
export function ServicesPanel({ lists, q, kind }: { lists: ServiceLists; q: string; kind: ListedKind | undefined }) {
  const rows = lists.results.flatMap((r) => r.data?.rows ?? []);
  const anyData = lists.results.some((r) => r.data);
  const notes = lists.kinds.flatMap((k, i) => {
    const r = lists.results[i];
    if (!r || r.data) return [];
    return [{ kind: k, text: r.isError ? `Could not load the ${kindLists[k]}: ${explainError(r.error)}` : `Loading the ${kindLists[k]}…`, error: r.isError }];
  });
  return (
    <Panel title={`Cloud services${anyData ? ` (${rows.length})` : ""}`}>
      {lists.kinds.length === 0 ? <p className="px-4 py-6 text-sm">This Rolecall serves no kind of cloud service: each upstream is switched off.</p> : null}
      {notes.map((n) => (
        <p key={n.kind} className={`border-b border-slate-200 px-4 py-3 text-sm dark:border-slate-800 ${n.error ? "text-red-800 dark:text-red-200" : ""}`}>{n.text}</p>
      ))}
      {anyData ? <ServiceList rows={rows} q={q} kind={kind} /> : null}
    </Panel>
  );
}
