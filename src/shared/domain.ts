import type { Action, Slot } from "./names.ts";

/** One role instance as the proxy's JSON API returns it (DESIGN.md §3). */
export interface Instance {
  name: string;
  role: string;
  /** Upstream InstanceStatus, unchanged (may be a value the catalog does not know). */
  status: string;
  powerState: string;
  upgradeDomain: number;
  faultDomain: number;
  size: string;
  ipAddress: string;
  hostName?: string;
  stateDetails?: string;
  errorCode?: string;
}

export type OperationStatus = "InProgress" | "Succeeded" | "Failed";

export interface Operation {
  /** 32 lowercase hex: the upstream x-ms-request-id of the action. */
  id: string;
  status: OperationStatus;
  httpStatusCode?: number;
  error?: { code: string; message: string };
  action: Action;
  instances: string[];
  requestedBy: string;
  requestedAt: string;
  finishedAt?: string;
  /** Where the operation acts; present on operations the proxy started. */
  service?: string;
  slot?: Slot;
}

export interface DeploymentSummary {
  slot: Slot;
  name: string;
  status: string;
  instanceCount: number;
  /** Instances whose status is ReadyRole; absent when upstream did not list the instances. */
  readyCount?: number;
}

export interface CloudService {
  name: string;
  label: string;
  location: string;
  status: string;
  deployments: DeploymentSummary[];
}

export interface RoleSummary {
  name: string;
  instanceCount: number;
}

export interface Deployment {
  name: string;
  slot: Slot;
  status: string;
  label: string;
  upgradeDomainCount: number;
  roles: RoleSummary[];
  instances: Instance[];
  /** ISO time the proxy fetched this from upstream. */
  fetchedAt: string;
  inFlight: Operation[];
}

export interface ActionAccepted {
  operationId: string;
  action: Action;
  instances: string[];
  requestedBy: string;
  requestedAt: string;
}

export type AuditOutcome = "pending" | "accepted" | "InProgress" | "Succeeded" | "Failed" | "rejected" | "unknown";

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: Action;
  subscription: string;
  service: string;
  slot: Slot;
  instances: string[];
  operationId: string | null;
  outcome: AuditOutcome;
  error?: { code: string; message: string };
}

export interface Subscription {
  id: string;
  name: string;
}

export interface AppConfig {
  mode: "emulator" | "azure";
  auth:
    | { mode: "none" }
    | {
        mode: "msal";
        clientId: string;
        authority: string;
        apiScope: string;
        /** Authorities MSAL may trust besides Microsoft's (for a local OIDC provider in tests). */
        knownAuthorities: string[];
        protocolMode: "AAD" | "OIDC";
        upstreamIdentity: "passthrough" | "certificate";
        managementScope?: string;
        /** Seconds before expiry the browser renews a token (MSAL's default 300 when absent). */
        tokenRenewalOffsetSec?: number;
      };
  poll: { fastMs: number; slowMs: number };
  subscriptions: Subscription[];
}

export interface Me {
  name: string;
  id: string;
  roles: ("reader" | "operator")[];
}

export interface Health {
  ok: boolean;
  upstream: "emulator" | "azure";
  version: string;
}

/** The error envelope every /api error uses. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    upstreamStatus?: number;
    upstreamCode?: string;
    requestId?: string;
    /** For 409s the proxy knows about: the operation that holds the deployment. */
    blocking?: Partial<Operation>;
  };
}
