import type { ArmOperation, OperationStatus } from "./types.ts";

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The ARM face's long-running operations, for cloud services and scale sets alike: by id (looked up
 * case-insensitively, as ARM matches the `operations/{id}` segment), and the latest per resource
 * (keyed by its unique id) for ARM's one-operation-at-a-time lock.
 */
export class ArmOperationBook {
  private byId = new Map<string, ArmOperation>();
  private latest = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  clear(): void {
    this.byId.clear();
    this.latest.clear();
  }

  record(op: ArmOperation, resourceUniqueId: string): void {
    this.byId.set(op.id.toLowerCase(), op);
    this.latest.set(resourceUniqueId, op.id.toLowerCase());
  }

  get(subscriptionId: string, id: string): ArmOperation | undefined {
    const op = this.byId.get(id.toLowerCase());
    return op && sameName(op.subscriptionId, subscriptionId) ? op : undefined;
  }

  status(op: ArmOperation): OperationStatus {
    return this.now() < op.finishesAt ? "InProgress" : op.outcome;
  }

  /** The operation that currently holds the resource, if any. */
  blocking(resourceUniqueId: string): ArmOperation | undefined {
    const id = this.latest.get(resourceUniqueId);
    const op = id === undefined ? undefined : this.byId.get(id);
    return op && this.status(op) === "InProgress" ? op : undefined;
  }

  all(): ArmOperation[] {
    return [...this.byId.values()];
  }
}
