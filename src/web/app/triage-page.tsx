import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { TRIAGE_QUERY_MIN } from "../../shared/triage.ts";
import { configQueryOptions } from "../features/config/queries.ts";
import type { TriageQuery } from "../features/triage/api.ts";
import { TriageResults } from "../features/triage/components/TriageResults.tsx";
import { TriageSearch, type TriageView } from "../features/triage/components/TriageSearch.tsx";
import { askable, triageQueryOptions } from "../features/triage/queries.ts";
import { href } from "../lib/paths.ts";
import { Link, useParamsOf, useSearchState } from "../lib/router.tsx";
import { Freshness } from "./freshness.tsx";
import { usePoll } from "./live.tsx";
import { triageSearchSchema } from "./search.ts";

/** What was typed, once typing pauses: each search reads every target, so not one per keystroke. */
function useSettled(value: string | undefined, ms = 300): string | undefined {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Triage of a subscription: the instances that are not ready across every target and kind, or the
 * ones a name or IP search finds, each linked to its target's page with the instance open (where
 * it can be rebooted). The search and the switch live in the URL.
 */
export function TriagePage() {
  const { sub } = useParamsOf("triage");
  const [search, setSearch] = useSearchState(triageSearchSchema);
  const poll = usePoll();
  const config = useQuery(configQueryOptions()).data;
  const typed = useSettled(search.q?.trim());
  const q = typed && typed.length >= TRIAGE_QUERY_MIN ? typed : undefined;
  const query: TriageQuery = { notReady: search.all !== "1", q };
  const result = useQuery(triageQueryOptions(sub, query, poll));
  const view: TriageView = { q: search.q, all: search.all === "1" };
  const onChange = (patch: Partial<TriageView>) => {
    const next = { ...view, ...patch };
    setSearch({ q: next.q, all: next.all ? "1" : undefined });
  };
  const subName = config?.subscriptions.find((s) => s.id === sub)?.name ?? sub;

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link to={href("start", { sub })} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span> Find an instance
        </nav>
        <h1 className="text-xl font-semibold">Instances across all services</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Subscription {subName} · every cloud service and scale set
          {askable(query) ? <> · <Freshness state={{ updatedAt: result.data?.fetchedAt ?? result.dataUpdatedAt, error: result.error, failed: result.isError || result.data?.staleSince !== undefined, paused: poll.paused }} /></> : null}
        </p>
      </div>
      <TriageSearch value={view} onChange={onChange} />
      <TriageResults result={result} query={query} />
    </div>
  );
}
