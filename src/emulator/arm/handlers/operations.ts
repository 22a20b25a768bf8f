import type { ArmOperation } from "../../model/types.ts";
import { armErrors, errorBody } from "../errors.ts";
import { isoTime } from "../wire.ts";
import { ok, type ArmContext, type ArmHandler, type ArmReply } from "./context.ts";
import { findSubscription } from "./lookup.ts";

/**
 * Long-running operations as Compute runs them (reference B5). An accepted action answers 202 with
 * both status URLs on the listener's own origin: `Azure-AsyncOperation` (a status document) and
 * `Location` (the same URL with `monitor=true`: 202 while running, 200 when done, which the SDK reads
 * once at the end). `Retry-After` is 10 emulated seconds, at least one real second. Both URLs carry
 * the api-version the action was sent with, for cloud services and scale sets alike.
 */
function statusUrl(ctx: ArmContext, op: ArmOperation): string {
  return `${ctx.origin}/subscriptions/${op.subscriptionId}/providers/Microsoft.Compute/locations/${op.location}/operations/${op.id}?api-version=${op.apiVersion}`;
}

const retryAfter = (ctx: ArmContext): string => String(Math.max(1, Math.ceil(10 / ctx.speed)));

export function accepted(ctx: ArmContext, op: ArmOperation): ArmReply {
  const url = statusUrl(ctx, op);
  return { status: 202, headers: { "Azure-AsyncOperation": url, Location: `${url}&monitor=true`, "Retry-After": retryAfter(ctx) } };
}

function findOperation(ctx: ArmContext): ArmOperation {
  const sub = findSubscription(ctx);
  const id = ctx.params.operationId ?? "";
  const op = ctx.state.armOperation(sub.id, id);
  if (!op || op.location.toLowerCase() !== (ctx.params.location ?? "").toLowerCase()) throw armErrors.noOperation(id);
  return op;
}

/** The Azure-AsyncOperation document: `InProgress` → `Succeeded`, or `Failed` with `error`. */
export const getOperationStatus: ArmHandler = (ctx) => {
  const op = findOperation(ctx);
  const status = ctx.state.armOperationStatus(op);
  return ok({
    startTime: isoTime(op.startedAt),
    ...(status === "InProgress" ? {} : { endTime: isoTime(op.finishesAt) }),
    status,
    name: op.id,
    ...(status === "Failed" && op.error ? { error: op.error } : {}),
  });
};

/** The Location URL: 202 (pointing at itself) while running, 200 without a body once succeeded, the error once failed. */
export const getOperationResult: ArmHandler = (ctx) => {
  const op = findOperation(ctx);
  const status = ctx.state.armOperationStatus(op);
  if (status === "InProgress") {
    return { status: 202, headers: { Location: `${statusUrl(ctx, op)}&monitor=true`, "Retry-After": retryAfter(ctx) } };
  }
  if (status === "Failed" && op.error) return { status: 500, json: errorBody(op.error.code, op.error.message) };
  return { status: 200 };
};
