import { auditListSchema, type AuditEntry } from "../../../shared/api.ts";
import { apiGet } from "../../lib/api-client.ts";

export interface AuditFilter {
  /** The target's /api path (`targetPath`), as the audit log records it. */
  target: string;
  instance: string;
  limit: number;
}

export function fetchAudit(f: AuditFilter, signal?: AbortSignal): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({ target: f.target, instance: f.instance, limit: String(f.limit) });
  return apiGet(`/api/audit?${qs.toString()}`, auditListSchema, signal);
}
