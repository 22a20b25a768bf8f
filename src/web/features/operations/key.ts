import type { Operation } from "../../../shared/api.ts";

/**
 * What tells an operation apart in this page's records: its id, or for an action whose start Azure
 * never confirmed (no id) its target and request time, the same while it is held and once it has
 * ended with its outcome unknown.
 */
export const operationKey = (op: Pick<Operation, "id" | "target" | "requestedAt">): string => op.id || `${op.target ?? ""}@${op.requestedAt}`;

/** An action whose start was never confirmed, no longer held: its outcome stays unknown. */
export const outcomeUnknown = (op: Pick<Operation, "status" | "unconfirmed">): boolean => op.status === "Failed" && op.unconfirmed === true;

/** How the tray and the rows end the story of such an action: the same words in both places. */
export const UNKNOWN_FINAL = "Outcome unknown — check the instance";
