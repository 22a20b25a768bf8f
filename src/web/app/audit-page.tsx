import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { targetLabel, targetPath } from "../../shared/targets.ts";
import { Panel } from "../components/ui/panel.tsx";
import { AuditCards } from "../features/audit/components/AuditCards.tsx";
import { AuditExport } from "../features/audit/components/AuditExport.tsx";
import { AuditFilters } from "../features/audit/components/AuditFilters.tsx";
import { AuditPager } from "../features/audit/components/AuditPager.tsx";
import { AuditTable } from "../features/audit/components/AuditTable.tsx";
import { NoActorMatch } from "../features/audit/components/NoActorMatch.tsx";
import { withReasons } from "../features/audit/export.ts";
import { actorScanQueryOf, actorsOf, auditQueryOf, pageSizeOf, targetOfParam, type AuditView } from "../features/audit/filter.ts";
import { auditQueryOptions } from "../features/audit/queries.ts";
import { configQueryOptions } from "../features/config/queries.ts";
import { jobListQueryOptions } from "../features/jobs/queries.ts";
import { explainError } from "../lib/errors.ts";
import { href } from "../lib/paths.ts";
import { Link, useParamsOf, useSearchState } from "../lib/router.tsx";
import { PHONE, useMediaQuery } from "../lib/use-media-query.ts";
import { targetHref } from "../lib/targets.ts";
import { usePoll } from "./live.tsx";
import { auditSearchSchema } from "./search.ts";

/**
 * Who did what, when, to which instances, how it ended and why: a subscription's audit log or one
 * target's, filtered (by the proxy) and paged from the URL, exported as shown.
 */
export function AuditPage() {
  const { sub } = useParamsOf("audit");
  const [search, setSearch] = useSearchState(auditSearchSchema);
  const poll = usePoll();
  const phone = useMediaQuery(PHONE);
  const config = useQuery(configQueryOptions()).data;
  const target = targetOfParam(sub, search.target);
  const query = useMemo(() => auditQueryOf(sub, search), [sub, search]);
  // Only the newest page changes as people act; an older page is history.
  const audit = useQuery(auditQueryOptions(query, search.before || poll.paused ? false : poll.slowMs));
  // Entries written before the audit kept reasons take their job's from the jobs list.
  const jobs = useQuery(jobListQueryOptions(sub, target ? targetPath(target) : undefined, 200, poll));
  const reasons = useMemo(() => new Map((jobs.data ?? []).flatMap((j) => (j.reason ? [[j.id, j.reason] as const] : []))), [jobs.data]);
  const page = audit.data;
  const shown = useMemo(() => withReasons(page ?? [], reasons), [page, reasons]);
  // "Who" offers the names of the scope's recent entries, read without the page's filters: the page
  // itself is empty after a half-typed name.
  const scanQuery = useMemo(() => actorScanQueryOf(sub, { target: search.target }), [sub, search.target]);
  const scan = useQuery(auditQueryOptions(scanQuery, poll.paused ? false : poll.slowMs));
  const actors = useMemo(() => actorsOf([...(scan.data ?? []), ...shown]), [scan.data, shown]);

  const setView = useCallback((patch: Partial<AuditView>) => setSearch({ ...patch, before: undefined }), [setSearch]);
  const older = () => setSearch({ before: String(page?.at(-1)?.id ?? "") }, { push: true });
  const subName = config?.subscriptions.find((s) => s.id === sub)?.name ?? sub;
  const scope = target ? targetLabel(target) : subName;

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link to={href("start", { sub })} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span>{" "}
          {target ? <><Link to={targetHref(target)} className="text-blue-800 underline dark:text-blue-300">{targetLabel(target)}</Link> <span aria-hidden="true">›</span> </> : null}
          Audit log
        </nav>
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">{target ? `${target.kind === "scaleset" ? "Scale set" : "Cloud service"} ${targetLabel(target)}` : `Subscription ${subName}`}, newest first</p>
      </div>
      {search.target && !target ? <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950">The link names no target Rolecall knows (“{search.target}”): showing the whole subscription.</p> : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <AuditFilters value={search} actors={actors} targetName={target ? targetLabel(target) : undefined} onChange={setView} />
        <AuditExport entries={shown} scope={scope} />
      </div>
      <Panel title={page ? `Entries (${shown.length})` : "Entries"}>
        {audit.isError ? <p className="px-4 py-3 text-sm text-red-800 dark:text-red-200">Could not load the audit log: {explainError(audit.error)}</p> : null}
        {!page && !audit.isError ? <p className="px-4 py-3 text-sm">Loading…</p> : null}
        {page && shown.length === 0 ? (
          search.actor?.trim() && !search.before ? (
            <NoActorMatch actor={search.actor.trim()} actors={actors} narrowed={!!(search.instance || search.outcome)} onPick={(actor) => setView({ actor })} />
          ) : (
            <p className="px-4 py-3 text-sm text-slate-700 dark:text-slate-300">No entry matches{search.before ? " on this page" : ""}.</p>
          )
        ) : null}
        {shown.length > 0 ? (phone ? <AuditCards entries={shown} showTarget={!target} /> : <div className="overflow-x-auto"><AuditTable entries={shown} showTarget={!target} /></div>) : null}
        <AuditPager paged={!!search.before} more={page?.length === pageSizeOf(search)} onNewest={() => setView({})} onOlder={older} />
      </Panel>
    </div>
  );
}
