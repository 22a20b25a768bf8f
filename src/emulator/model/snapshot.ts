import { wireDate } from "./clock.ts";
import type { EmulatorState } from "./state.ts";

/** The raw state as plain JSON, for `GET /_emulator/state`. Time-driven values are as of now. */
export function snapshot(state: EmulatorState) {
  const now = state.now();
  return {
    now: new Date(now).toISOString(),
    clock: state.clock.mode,
    scenario: state.scenario,
    seed: state.seed,
    subscriptions: state.subscriptions.map((sub) => ({
      id: sub.id,
      name: sub.name,
      status: sub.status,
      services: sub.services.map((svc) => ({
        name: svc.name,
        label: svc.label,
        location: svc.location,
        createdAt: wireDate(svc.createdAt),
        deployments: svc.deployments.map((d) => {
          const holder = state.blockingOperation(d);
          return {
            name: d.name,
            slot: d.slot,
            privateId: d.privateId,
            label: d.label,
            status: state.deploymentStatus(d),
            upgradeDomainCount: d.upgradeDomainCount,
            lockedBy: holder?.id ?? null,
            roles: d.roles.map((r) => ({ name: r.name, size: r.size, instanceCount: d.instances.filter((i) => i.role === r.name).length })),
            instances: d.instances.map((i) => {
              const view = state.viewInstance(i);
              return {
                name: i.name,
                role: i.role,
                upgradeDomain: i.upgradeDomain,
                faultDomain: i.faultDomain,
                size: i.size,
                ipAddress: i.ipAddress,
                status: view.status,
                powerState: view.powerState,
                errorCode: view.errorCode,
                stateDetails: view.stateDetails,
                action: i.plan ? { action: i.plan.action, operationId: i.plan.operationId, outcome: i.plan.outcome } : null,
              };
            }),
          };
        }),
      })),
      cloudServices: sub.cloudServices.map((cs) => ({
        resourceGroup: cs.resourceGroup,
        name: cs.name,
        location: cs.location,
        uniqueId: cs.uniqueId,
        updateDomainCount: cs.updateDomainCount,
        lockedBy: state.cloudServiceBlocking(cs)?.id ?? null,
        roles: cs.roles.map((r) => ({ name: r.name, sku: r.size, instanceCount: cs.instances.filter((i) => i.role === r.name).length })),
        instances: cs.instances.map((i) => {
          const view = state.viewInstance(i);
          return {
            name: i.name,
            role: i.role,
            upgradeDomain: i.upgradeDomain,
            faultDomain: i.faultDomain,
            privateId: i.privateId,
            status: view.status,
            powerState: view.powerState,
            action: i.plan ? { action: i.plan.action, operationId: i.plan.operationId, outcome: i.plan.outcome } : null,
          };
        }),
      })),
      scaleSets: sub.scaleSets.map((ss) => ({
        resourceGroup: ss.resourceGroup,
        name: ss.name,
        location: ss.location,
        uniqueId: ss.uniqueId,
        orchestrationMode: ss.orchestrationMode,
        sku: ss.sku,
        zones: ss.zones,
        updateDomainCount: ss.updateDomainCount,
        healthProbe: ss.healthProbe,
        lockedBy: state.scaleSetBlocking(ss)?.id ?? null,
        instances: ss.instances.map((i) => {
          const view = state.viewInstance(i);
          return {
            instanceId: i.instanceId,
            name: i.name,
            zone: i.zone,
            upgradeDomain: i.upgradeDomain,
            faultDomain: i.faultDomain,
            vmId: i.vmId,
            latestModelApplied: i.latestModelApplied,
            protectFromScaleIn: i.protectFromScaleIn,
            protectFromScaleSetActions: i.protectFromScaleSetActions,
            // The state machine's own status; the ARM face renders it as power and health.
            status: view.status,
            powerState: view.powerState,
            action: i.plan ? { action: i.plan.action, operationId: i.plan.operationId, outcome: i.plan.outcome } : null,
          };
        }),
      })),
    })),
    armOperations: state.allArmOperations().map((op) => {
      const status = state.armOperationStatus(op);
      return {
        id: op.id,
        subscriptionId: op.subscriptionId,
        resourceGroup: op.resourceGroup,
        resourceType: op.resourceType,
        ...(op.resourceType === "cloudServices" ? { cloudService: op.resource } : { scaleSet: op.resource }),
        apiVersion: op.apiVersion,
        action: op.action,
        instances: op.instances,
        ...timing(status, op),
      };
    }),
    operations: state.allOperations().map((op) => {
      const status = state.operationStatus(op);
      return {
        id: op.id,
        subscriptionId: op.subscriptionId,
        service: op.service,
        deployment: op.deployment,
        slot: op.slot,
        instance: op.instance,
        action: op.action,
        ...timing(status, op),
        httpStatusCode: status === "InProgress" ? null : op.httpStatusCode,
      };
    }),
    forcedFailures: { ...state.forced },
  };
}

/** An operation's status and times as the snapshot shows them, for either face. */
function timing(status: "InProgress" | "Succeeded" | "Failed", op: { startedAt: number; finishesAt: number; error?: { code: string; message: string } }) {
  return {
    status,
    startedAt: new Date(op.startedAt).toISOString(),
    finishedAt: status === "InProgress" ? null : new Date(op.finishesAt).toISOString(),
    error: status === "Failed" ? (op.error ?? null) : null,
  };
}
