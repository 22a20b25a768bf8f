import type { $ZodType } from "zod/v4/core";
import { armTargetListSchema, cloudServiceListSchema } from "../../../shared/api.ts";
import { apiGetWithHeaders, apiPath } from "../../lib/api-client.ts";
import { replyFreshness } from "../../lib/reply-freshness.ts";
import { classicRows, extendedRows, scaleSetRows, type ListedKind, type ServiceRow } from "./rows.ts";

/**
 * One kind's list as start-page rows, and how fresh it is. Shaped like a target read (`fetchedAt`,
 * `stale`) so that the header's freshness and the stale banner read both alike (app/root.tsx).
 */
export interface ServiceListData {
  rows: ServiceRow[];
  /** When the proxy read the list from Azure: said only of its last good copy. */
  fetchedAt: string | undefined;
  /** Set when the list is the proxy's last good copy: since when Azure has not answered. */
  stale: { since: string } | undefined;
}

async function listOf<T>(path: string, schema: $ZodType<T>, toRows: (data: T) => ServiceRow[], signal?: AbortSignal): Promise<ServiceListData> {
  const { data, headers } = await apiGetWithHeaders(path, schema, signal);
  const { fetchedAt, staleSince } = replyFreshness(headers);
  return { rows: toRows(data), fetchedAt, stale: staleSince ? { since: staleSince } : undefined };
}

/** Each listed kind's endpoint, its reply as start-page rows. */
const lists: Record<ListedKind, (sub: string, signal?: AbortSignal) => Promise<ServiceListData>> = {
  classic: (sub, signal) => listOf(apiPath("subscriptions", sub, "services"), cloudServiceListSchema, (l) => classicRows(sub, l), signal),
  extended: (sub, signal) => listOf(apiPath("subscriptions", sub, "cloudServices"), armTargetListSchema, (l) => extendedRows(sub, l), signal),
  scaleset: (sub, signal) => listOf(apiPath("subscriptions", sub, "virtualMachineScaleSets"), armTargetListSchema, (l) => scaleSetRows(sub, l), signal),
};

export function fetchServiceList(sub: string, kind: ListedKind, signal?: AbortSignal): Promise<ServiceListData> {
  return lists[kind](sub, signal);
}
