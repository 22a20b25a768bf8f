import * as z from "zod/mini";
import { actionAcceptedSchema, operationSchema, type ActionAccepted, type Operation } from "../../../shared/api.ts";
import type { Action } from "../../../shared/names.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGet, apiPath, apiPost, targetApiPath } from "../../lib/api-client.ts";

const operationListSchema = z.array(operationSchema);

export function fetchOperations(sub: string, signal?: AbortSignal): Promise<Operation[]> {
  return apiGet(apiPath("subscriptions", sub, "operations"), operationListSchema, signal);
}

export function fetchOperation(sub: string, id: string, signal?: AbortSignal): Promise<Operation> {
  return apiGet(apiPath("subscriptions", sub, "operations", id), operationSchema, signal);
}

export interface ActionTarget {
  target: TargetRef;
  instance: string;
  action: Action;
  /** The person's reason or ticket, for the audit. */
  reason?: string | undefined;
}

/** `POST {T}/instances/{instance}/{action}`, the same for every kind of target; the body is the reason, if any. */
export function postAction(t: ActionTarget): Promise<ActionAccepted> {
  return apiPost(targetApiPath(t.target, "instances", t.instance, t.action), actionAcceptedSchema, t.reason ? { reason: t.reason } : undefined);
}
