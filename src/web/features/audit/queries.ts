import { queryOptions } from "@tanstack/react-query";
import { fetchAudit, type AuditFilter } from "./api.ts";

export const auditKeys = {
  all: ["audit"] as const,
  instance: (f: AuditFilter) => [...auditKeys.all, f.target, f.instance, f.limit] as const,
};

export function instanceAuditQueryOptions(f: AuditFilter, intervalMs: number | false) {
  return queryOptions({ queryKey: auditKeys.instance(f), queryFn: ({ signal }) => fetchAudit(f, signal), refetchInterval: intervalMs });
}
