import type { Slot } from "../../shared/names.ts";

/** The three role-instance actions of the Service Management API (reference A5). */
export type ActionKind = "reboot" | "reimage" | "rebuild";

/** How an action ends: normally, with the operation Failed, or with the instance FailedStartingRole. */
export type ActionOutcome = "ok" | "failOperation" | "failInstance";

export interface Endpoint {
  name: string;
  publicPort: number;
  localPort: number;
  protocol: "tcp" | "udp";
}

export interface Role {
  name: string;
  osVersion: string;
  size: string;
  endpoints: Endpoint[];
}

/** What an instance looks like when nothing is happening to it. */
export interface InstanceRest {
  status: string;
  errorCode: string;
  stateDetails: string;
}

export interface Step {
  status: string;
  powerState: string;
  /** Offset from the start of the action, ms. */
  at: number;
}

/** A running (or finished) action on one instance; its status at time t is read from the steps. */
export interface Plan {
  action: ActionKind;
  outcome: ActionOutcome;
  operationId: string;
  startedAt: number;
  steps: Step[];
  /** Offset at which the instance reaches `final`. */
  endsAt: number;
  final: InstanceRest;
}

export interface Instance {
  name: string;
  role: string;
  upgradeDomain: number;
  faultDomain: number;
  size: string;
  ipAddress: string;
  rest: InstanceRest;
  plan?: Plan;
}

export interface Deployment {
  name: string;
  slot: Slot;
  privateId: string;
  label: string;
  sdkVersion: string;
  vip: string;
  createdAt: number;
  modifiedAt: number;
  upgradeDomainCount: number;
  roles: Role[];
  instances: Instance[];
}

export interface HostedService {
  name: string;
  label: string;
  description: string;
  location: string;
  createdAt: number;
  modifiedAt: number;
  deployments: Deployment[];
}

export interface Subscription {
  id: string;
  name: string;
  status: "Active";
  createdAt: number;
  services: HostedService[];
  /** Cloud services (extended support): the ARM face's resources, separate from the classic services. */
  cloudServices: CloudService[];
  /** Virtual machine scale sets (Uniform orchestration), also served by the ARM face. */
  scaleSets: ScaleSet[];
}

/** A role instance of a cloud service (extended support); ARM gives each a dashed-GUID private id. */
export interface ArmInstance extends Instance {
  privateId: string;
}

export interface CloudService {
  name: string;
  resourceGroup: string;
  /** ARM form, e.g. `westeurope`. */
  location: string;
  uniqueId: string;
  sdkVersion: string;
  upgradeMode: "Auto" | "Manual" | "Simultaneous";
  updateDomainCount: number;
  /** `size` is the ARM SKU name, e.g. `Standard_D2_v2`. */
  roles: Role[];
  instances: ArmInstance[];
  createdAt: number;
  modifiedAt: number;
}

/**
 * A virtual machine of a Uniform scale set. It runs the same state machine as every other instance
 * (`name` is `{vmss}_{instanceId}`, `role` the scale set's name, `size` its SKU); the ARM face renders
 * its status as power and health.
 */
export interface ScaleSetVm extends Instance {
  /** "0", "1", …: the id every per-instance URL and batch body names. */
  instanceId: string;
  /** The availability zone, e.g. "1". */
  zone: string;
  /** Dashed GUID. */
  vmId: string;
  computerName: string;
  latestModelApplied: boolean;
  protectFromScaleIn: boolean;
  /** Azure refuses scale-set actions that name the instance, and skips it when they name none. */
  protectFromScaleSetActions: boolean;
}

export interface ScaleSet {
  name: string;
  resourceGroup: string;
  /** ARM form, e.g. `westeurope`. */
  location: string;
  uniqueId: string;
  /** Only Uniform scale sets have per-instance operations and update domains (reference C0). */
  orchestrationMode: "Uniform";
  /** SKU name, e.g. `Standard_D2s_v5`. */
  sku: string;
  upgradeMode: "Manual" | "Automatic" | "Rolling";
  updateDomainCount: number;
  zones: string[];
  /** True when an application health probe reports on each instance (`vmHealth` in its view). */
  healthProbe: boolean;
  computerNamePrefix: string;
  instances: ScaleSetVm[];
  createdAt: number;
  modifiedAt: number;
}

export type ArmResourceType = "cloudServices" | "virtualMachineScaleSets";

/** An ARM long-running operation on one cloud service or scale set: one or more instances, one action. */
export interface ArmOperation {
  /** Dashed GUID, as in the `operations/{id}` status URL. */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  resourceType: ArmResourceType;
  /** The cloud service's or scale set's name. */
  resource: string;
  location: string;
  /** The api-version the action was sent with; its status URLs carry the same. */
  apiVersion: string;
  action: ActionKind;
  /** Role instance names (cloud services) or instance ids (scale sets). */
  instances: string[];
  startedAt: number;
  /** When the operation leaves InProgress. */
  finishesAt: number;
  outcome: "Succeeded" | "Failed";
  error?: { code: string; message: string };
}

export type OperationStatus = "InProgress" | "Succeeded" | "Failed";

export interface Operation {
  id: string;
  subscriptionId: string;
  service: string;
  deployment: string;
  slot: Slot;
  instance: string;
  action: ActionKind;
  startedAt: number;
  /** When the operation leaves InProgress. */
  finishesAt: number;
  outcome: "Succeeded" | "Failed";
  httpStatusCode: number;
  error?: { code: string; message: string };
}

/** An instance as a reader sees it at a given moment. */
export interface InstanceView {
  status: string;
  powerState: string;
  errorCode: string;
  stateDetails: string;
}
