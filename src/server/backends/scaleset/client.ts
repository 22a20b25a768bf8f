import type { ArmTargetSummary } from "../../../shared/api.ts";
import type { Action } from "../../../shared/names.ts";
import { ProxyError } from "../../errors.ts";
import type { UpstreamIdentity } from "../../upstream/identity.ts";
import { mapLimited } from "../../upstream/map-limited.ts";
import { armBackendBase, armResourcePath, armTarget, assertExplicitInstances, createArmClient, type ArmConfig, type ArmRef } from "../arm/client.ts";
import type { ArmTokenSource } from "../arm/token.ts";
import type { ArmTransport } from "../arm/transport.ts";
import type { Backend, Log } from "../types.ts";
import { isUniform, toSummary, toTarget } from "./map.ts";
import { API_VERSION, scaleSet, scaleSetVm } from "./wire.ts";

/** The scale set's batch verb for each of Rolecall's actions (reference C1). */
const batchAction: Record<Action, string> = { reimage: "reimage", reboot: "restart", rebuild: "reimageall" };

/**
 * Most instanceIds one batch call names. Azure names no limit (reference C1); 200 is one update
 * domain of the largest Uniform set (1,000 virtual machines over 5 update domains), so a job step by
 * update domain is one call and one long-running operation, while one call's reach stays bounded.
 */
const MAX_BATCH = 200;

/** An instanceId as Azure hands them out: a decimal number without leading zeros ("0", "17"). */
const instanceIdPattern = /^(0|[1-9][0-9]{0,9})$/;

const scaleSetPath = armResourcePath;

/**
 * Virtual machine scale sets in Uniform orchestration over Azure Resource Manager as a Backend
 * (reference Part C), on the same ARM plumbing as the extended backend. Every action is the batch
 * form with an explicit list of instanceIds, even for one instance: the batch endpoints without
 * `instanceIds` act on every virtual machine of the set (azure-cli#25476), so the list is checked
 * here once more, before anything is sent.
 */
export function createScaleSetBackend(transport: ArmTransport, tokens: ArmTokenSource, config: ArmConfig, appLog: Log): Backend<ArmTargetSummary> {
  const arm = createArmClient(transport, tokens, config, API_VERSION, appLog);
  const listVms = (ref: ArmRef, identity: UpstreamIdentity, log?: Log) =>
    arm.readAll(`${scaleSetPath(ref)}/virtualMachines?$expand=instanceView`, identity, scaleSetVm, "Virtual Machine Scale Set VMs - List", log);

  return {
    kind: "scaleset",
    maxInstancesPerCall: MAX_BATCH,
    marksProtectedInstances: true,
    ...armBackendBase(arm, config),

    async listTargets(sub, identity, log) {
      // Flexible sets have no per-instance operations on the set: left out (and logged) rather than
      // listed as targets every action would fail on.
      const sets = await arm.listResources(sub, "scaleset", scaleSet, "Virtual Machine Scale Sets - List All", identity, log, isUniform);
      // Readiness needs each instance's view (a set's own summary counts codes, not instances that
      // pass all three checks), so the list reads the instances, a few sets at a time.
      return mapLimited(sets, 6, async ({ resource: ss, ref }) => toSummary(ss, ref.resourceGroup, await listVms(ref, identity, log)));
    },

    async readTarget(target, identity, log) {
      const t = armTarget("scaleset", target);
      // Both reads at once; the instances' failure only counts for a set Rolecall can serve.
      const vms = listVms(t, identity, log);
      vms.catch(() => undefined);
      const ss = await arm.read(arm.versioned(scaleSetPath(t)), identity, scaleSet, "Virtual Machine Scale Sets - Get", log);
      if (!isUniform(ss)) {
        throw new ProxyError("UnsupportedTarget", `${t.name} is a scale set in ${ss.properties?.orchestrationMode ?? "unknown"} orchestration; Rolecall serves Uniform scale sets only, whose instances Azure can act on through the set.`);
      }
      return toTarget(ss, t.resourceGroup, await vms);
    },

    async startAction(target, action, instances, identity) {
      const t = armTarget("scaleset", target);
      assertExplicitInstances(action, instances, MAX_BATCH, instanceIdPattern);
      return await arm.start(`${scaleSetPath(t)}/${batchAction[action]}`, { instanceIds: [...instances] }, identity, action);
    },
  };
}
