import { auditListSchema, type AuditEntry } from "../../../shared/api.ts";
import { apiGet } from "../../lib/api-client.ts";

export interface AuditFilter {
  /** The target's /api path (`targetPath`), as the audit log records it. */
  target: string;
  instance: string;
  limit: number;
}

export function fetchAudit(f: AuditFilter, signal?: AbortSignal): Promise<AuditEntry[]> {
  return fetchAuditQuery({ target: f.target, instance: f.instance, limit: String(f.limit) }, signal);
}

/** `GET /api/audit` with the query as given (subscription or target, instance, before, limit). */
export function fetchAuditQuery(query: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<AuditEntry[]> {
  return apiGet(`/api/audit?${new URLSearchParams(query).toString()}`, auditListSchema, signal);
}
