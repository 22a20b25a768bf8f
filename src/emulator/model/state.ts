import { randomUUID } from "node:crypto";
import type { Slot } from "../../shared/names.ts";
import { ArmOperationBook } from "./arm-operations.ts";
import type { Clock } from "./clock.ts";
import { armOperationError, operationError, planAction, settle, viewInstance } from "./lifecycle.ts";
import { createPrng, type Prng } from "./prng.ts";
import { buildScenario, type ScenarioName } from "./scenarios.ts";
import type {
  ActionKind,
  ActionOutcome,
  ArmInstance,
  ArmOperation,
  ArmResourceType,
  CloudService,
  Deployment,
  HostedService,
  Instance,
  InstanceView,
  Operation,
  OperationStatus,
  ScaleSet,
  ScaleSetVm,
  Subscription,
} from "./types.ts";

export interface StateOptions {
  scenario: ScenarioName;
  seed: number;
  speed: number;
  failureRate: number;
  clock: Clock;
}

export interface ActionTarget {
  subscription: Subscription;
  service: HostedService;
  deployment: Deployment;
  instance: Instance;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The emulator's whole world behind a small interface. Time-driven values (instance statuses,
 * operation statuses, deployment status) are computed from the clock on every read.
 */
export class EmulatorState {
  scenario: ScenarioName;
  seed: number;
  subscriptions: Subscription[] = [];
  /** Forced outcomes for the next actions (test control); they win over the seeded draw. */
  forced = { failOperations: 0, failInstances: 0 };
  private operations = new Map<string, Operation>();
  /** Latest operation id per deployment (keyed by private id), for the one-operation-at-a-time lock. */
  private lastOperation = new Map<string, string>();
  /** The ARM face's operations, on cloud services and scale sets. */
  private armOperations = new ArmOperationBook(() => this.now());
  private failurePrng: Prng = createPrng(0);

  constructor(private readonly opts: StateOptions) {
    this.scenario = opts.scenario;
    this.seed = opts.seed;
    this.reset();
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  now(): number {
    return this.opts.clock.now();
  }

  reset(scenario: ScenarioName = this.scenario, seed: number = this.seed): void {
    this.scenario = scenario;
    this.seed = seed;
    this.subscriptions = buildScenario(scenario, createPrng(seed), this.now());
    // A separate stream for failures, so that failures do not depend on the scenario's size.
    this.failurePrng = createPrng(seed ^ 0x5eed);
    this.operations.clear();
    this.lastOperation.clear();
    this.armOperations.clear();
    this.forced = { failOperations: 0, failInstances: 0 };
  }

  subscription(id: string): Subscription | undefined {
    return this.subscriptions.find((s) => sameName(s.id, id));
  }

  service(sub: Subscription, name: string): HostedService | undefined {
    return sub.services.find((s) => sameName(s.name, name));
  }

  deploymentBySlot(service: HostedService, slot: Slot): Deployment | undefined {
    return service.deployments.find((d) => d.slot === slot);
  }

  deploymentByName(service: HostedService, name: string): Deployment | undefined {
    return service.deployments.find((d) => sameName(d.name, name));
  }

  instance(deployment: Deployment, name: string): Instance | undefined {
    return deployment.instances.find((i) => sameName(i.name, name));
  }

  viewInstance(instance: Instance): InstanceView {
    return viewInstance(instance, this.now());
  }

  /** The operation that currently holds the deployment, if any. */
  blockingOperation(deployment: Deployment): Operation | undefined {
    const id = this.lastOperation.get(deployment.privateId);
    const op = id === undefined ? undefined : this.operations.get(id);
    return op && this.operationStatus(op) === "InProgress" ? op : undefined;
  }

  deploymentStatus(deployment: Deployment): "Running" | "RunningTransitioning" {
    return this.blockingOperation(deployment) ? "RunningTransitioning" : "Running";
  }

  operation(subscriptionId: string, id: string): Operation | undefined {
    const op = this.operations.get(id.toLowerCase());
    return op && sameName(op.subscriptionId, subscriptionId) ? op : undefined;
  }

  operationStatus(op: Operation): OperationStatus {
    return this.now() < op.finishesAt ? "InProgress" : op.outcome;
  }

  allOperations(): Operation[] {
    return [...this.operations.values()];
  }

  /** Starts an action; the caller has already checked that nothing holds the deployment. */
  startAction(target: ActionTarget, action: ActionKind, operationId: string): Operation {
    const now = this.now();
    const outcome = this.drawOutcome();
    const { instance, deployment } = target;
    settle(instance, now);
    const { plan, opEndsAt } = planAction(action, outcome, operationId, now, this.opts.speed);
    instance.plan = plan;
    deployment.modifiedAt = now;
    const failed = outcome === "failOperation";
    const op: Operation = {
      id: operationId,
      subscriptionId: target.subscription.id,
      service: target.service.name,
      deployment: deployment.name,
      slot: deployment.slot,
      instance: instance.name,
      action,
      startedAt: now,
      finishesAt: now + opEndsAt,
      outcome: failed ? "Failed" : "Succeeded",
      httpStatusCode: failed ? 500 : 200,
      ...(failed ? { error: { ...operationError } } : {}),
    };
    this.operations.set(op.id, op);
    this.lastOperation.set(deployment.privateId, op.id);
    return op;
  }

  /** Resource groups exist in the emulator as long as they hold a cloud service or a scale set. */
  resourceGroupExists(sub: Subscription, resourceGroup: string): boolean {
    return [...sub.cloudServices, ...sub.scaleSets].some((r) => sameName(r.resourceGroup, resourceGroup));
  }

  cloudService(sub: Subscription, resourceGroup: string, name: string): CloudService | undefined {
    return sub.cloudServices.find((cs) => sameName(cs.resourceGroup, resourceGroup) && sameName(cs.name, name));
  }

  armInstance(cs: CloudService, name: string): ArmInstance | undefined {
    return cs.instances.find((i) => sameName(i.name, name));
  }

  scaleSet(sub: Subscription, resourceGroup: string, name: string): ScaleSet | undefined {
    return sub.scaleSets.find((ss) => sameName(ss.resourceGroup, resourceGroup) && sameName(ss.name, name));
  }

  /** Matched exactly, as given: "01" names no instance (whether Azure normalises such ids is UNCONFIRMED). */
  scaleSetVm(ss: ScaleSet, instanceId: string): ScaleSetVm | undefined {
    return ss.instances.find((i) => i.instanceId === instanceId);
  }

  /** The ARM operation that currently holds the cloud service, if any (ARM allows one at a time). */
  cloudServiceBlocking(cs: CloudService): ArmOperation | undefined {
    return this.armOperations.blocking(cs.uniqueId);
  }

  /** The same lock for a scale set. */
  scaleSetBlocking(ss: ScaleSet): ArmOperation | undefined {
    return this.armOperations.blocking(ss.uniqueId);
  }

  armOperation(subscriptionId: string, id: string): ArmOperation | undefined {
    return this.armOperations.get(subscriptionId, id);
  }

  armOperationStatus(op: ArmOperation): OperationStatus {
    return this.armOperations.status(op);
  }

  allArmOperations(): ArmOperation[] {
    return this.armOperations.all();
  }

  /** Starts one action on several instances of a cloud service at once (the caller has checked the lock). */
  startCloudServiceAction(sub: Subscription, cs: CloudService, instances: ArmInstance[], action: ActionKind, apiVersion: string): ArmOperation {
    return this.startArmAction(sub, cs, "cloudServices", instances, instances.map((i) => i.name), action, apiVersion);
  }

  /** Starts one action on several virtual machines of a scale set at once (the caller has checked the lock). */
  startScaleSetAction(sub: Subscription, ss: ScaleSet, instances: ScaleSetVm[], action: ActionKind, apiVersion: string): ArmOperation {
    return this.startArmAction(sub, ss, "virtualMachineScaleSets", instances, instances.map((i) => i.instanceId), action, apiVersion);
  }

  /**
   * Each instance draws its own outcome; the operation fails if any instance's does, and it ends when
   * the slowest instance's part ends.
   */
  private startArmAction(
    sub: Subscription,
    resource: CloudService | ScaleSet,
    resourceType: ArmResourceType,
    instances: Instance[],
    names: string[],
    action: ActionKind,
    apiVersion: string,
  ): ArmOperation {
    const now = this.now();
    const id = randomUUID();
    let endsAt = 0;
    let failed = false;
    for (const instance of instances) {
      const outcome = this.drawOutcome();
      settle(instance, now);
      const { plan, opEndsAt } = planAction(action, outcome, id, now, this.opts.speed);
      instance.plan = plan;
      endsAt = Math.max(endsAt, opEndsAt);
      failed ||= outcome === "failOperation";
    }
    resource.modifiedAt = now;
    const op: ArmOperation = {
      id,
      subscriptionId: sub.id,
      resourceGroup: resource.resourceGroup,
      resourceType,
      resource: resource.name,
      location: resource.location,
      apiVersion,
      action,
      instances: names,
      startedAt: now,
      finishesAt: now + endsAt,
      outcome: failed ? "Failed" : "Succeeded",
      ...(failed ? { error: { ...armOperationError } } : {}),
    };
    this.armOperations.record(op, resource.uniqueId);
    return op;
  }

  private drawOutcome(): ActionOutcome {
    if (this.forced.failOperations > 0) {
      this.forced.failOperations -= 1;
      return "failOperation";
    }
    if (this.forced.failInstances > 0) {
      this.forced.failInstances -= 1;
      return "failInstance";
    }
    const rate = this.opts.failureRate;
    if (rate <= 0) return "ok";
    const r = this.failurePrng.next();
    if (r < rate / 2) return "failOperation";
    if (r < rate) return "failInstance";
    return "ok";
  }
}
