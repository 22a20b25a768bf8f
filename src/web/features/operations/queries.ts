import { queryOptions, useMutation } from "@tanstack/react-query";
import type { ActionAccepted, Operation } from "../../../shared/api.ts";
import { fetchOperation, fetchOperations, postAction, type ActionTarget } from "./api.ts";

export const operationKeys = {
  all: ["operations"] as const,
  list: (sub: string) => [...operationKeys.all, sub, "list"] as const,
  detail: (sub: string, id: string) => [...operationKeys.all, sub, "detail", id] as const,
};

export interface OpsPoll {
  fastMs: number;
  slowMs: number;
  paused: boolean;
}

const running = (ops: Operation[] | undefined) => (ops ?? []).some((o) => o.status === "InProgress");

export function operationsQueryOptions(sub: string, poll: OpsPoll) {
  return queryOptions({
    queryKey: operationKeys.list(sub),
    queryFn: ({ signal }) => fetchOperations(sub, signal),
    refetchInterval: (q) => (poll.paused ? false : running(q.state.data) ? poll.fastMs : poll.slowMs),
    refetchOnWindowFocus: !poll.paused,
  });
}

export function operationQueryOptions(sub: string, id: string, poll: OpsPoll) {
  return queryOptions({
    queryKey: operationKeys.detail(sub, id),
    queryFn: ({ signal }) => fetchOperation(sub, id, signal),
    refetchInterval: (q) => (poll.paused || (q.state.data && q.state.data.status !== "InProgress") ? false : poll.fastMs),
  });
}

/** Operations this browser started: the tray announces how each one ends, even if it ended fast. */
export const startedHere = new Set<string>();

/** Sends one action. Never retried: an action must reach Azure at most once per click. */
export function useRunAction(onAccepted: (accepted: ActionAccepted, target: ActionTarget) => void) {
  return useMutation({
    mutationFn: postAction,
    retry: 0,
    onSuccess: (accepted, target) => {
      startedHere.add(accepted.operationId);
      onAccepted(accepted, target);
    },
  });
}
