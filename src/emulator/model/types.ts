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
