import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchAudit, fetchAuditQuery, type AuditFilter } from "./api.ts";

export const auditKeys = {
  all: ["audit"] as const,
  instance: (f: AuditFilter) => [...auditKeys.all, f.target, f.instance, f.limit] as const,
  query: (q: Readonly<Record<string, string>>) => [...auditKeys.all, "query", q] as const,
};

export function instanceAuditQueryOptions(f: AuditFilter, intervalMs: number | false) {
  return queryOptions({ queryKey: auditKeys.instance(f), queryFn: ({ signal }) => fetchAudit(f, signal), refetchInterval: intervalMs });
}

/**
 * One page of the audit log (`query` as auditQueryOf builds it). The previous page stays on screen
 * while the next loads, so paging does not flash an empty table.
 */
export function auditQueryOptions(query: Readonly<Record<string, string>>, intervalMs: number | false) {
  return queryOptions({
    queryKey: auditKeys.query(query),
    queryFn: ({ signal }) => fetchAuditQuery(query, signal),
    refetchInterval: intervalMs,
    placeholderData: keepPreviousData,
  });
}
