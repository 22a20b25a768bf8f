import { auditListSchema } from "../../../shared/api-schemas.ts";
import type { AuditEntry } from "../../../shared/domain.ts";
import type { Slot } from "../../../shared/names.ts";
import { apiGet } from "../../lib/api-client.ts";

export interface AuditFilter {
  service: string;
  slot: Slot;
  instance: string;
  limit: number;
}

export function fetchAudit(f: AuditFilter, signal?: AbortSignal): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({ service: f.service, slot: f.slot, instance: f.instance, limit: String(f.limit) });
  return apiGet(`/api/audit?${qs.toString()}`, auditListSchema, signal);
}
