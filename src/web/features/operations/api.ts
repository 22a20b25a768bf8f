import { z } from "zod";
import { actionAcceptedSchema, operationSchema, type ActionAccepted, type Operation } from "../../../shared/api.ts";
import type { Action, Slot } from "../../../shared/names.ts";
import { apiGet, apiPath, apiPost } from "../../lib/api-client.ts";

const operationListSchema = z.array(operationSchema);

export function fetchOperations(sub: string, signal?: AbortSignal): Promise<Operation[]> {
  return apiGet(apiPath("subscriptions", sub, "operations"), operationListSchema, signal);
}

export function fetchOperation(sub: string, id: string, signal?: AbortSignal): Promise<Operation> {
  return apiGet(apiPath("subscriptions", sub, "operations", id), operationSchema, signal);
}

export interface ActionTarget {
  sub: string;
  service: string;
  slot: Slot;
  instance: string;
  action: Action;
}

export function postAction(t: ActionTarget): Promise<ActionAccepted> {
  return apiPost(
    apiPath("subscriptions", t.sub, "services", t.service, "deployments", t.slot, "instances", t.instance, t.action),
    actionAcceptedSchema,
  );
}
