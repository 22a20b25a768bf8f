import type { ArmTargetSummary } from "../../../shared/api.ts";
import { instanceNamePattern, type Action } from "../../../shared/names.ts";
import { mapLimited } from "../../upstream/map-limited.ts";
import { armBackendBase, armResourcePath, armTarget, assertExplicitInstances, createArmClient, seg, type ArmConfig } from "../arm/client.ts";
import type { ArmTokenSource } from "../arm/token.ts";
import type { ArmTransport } from "../arm/transport.ts";
import type { Backend, Log } from "../types.ts";
import { toSummary, toTarget } from "./map.ts";
import { API_VERSION, cloudService, cloudServiceInstanceView, roleInstance } from "./wire.ts";

/** ARM's verb for each of Rolecall's actions (reboot is "restart" there). */
const armAction: Record<Action, string> = { reboot: "restart", reimage: "reimage", rebuild: "rebuild" };

/** Most instances one batch call names (see maxInstancesPerCall). */
const MAX_BATCH = 50;

const cloudServicePath = armResourcePath;

/**
 * Cloud Services (extended support) over Azure Resource Manager as a Backend (reference Part B):
 * targets are cloud services; several instances go in one batch call; actions are long-running
 * operations followed through their Azure-AsyncOperation (or Location) URL, which must be on the
 * configured ARM origin like every URL ARM hands out.
 */
export function createExtendedBackend(transport: ArmTransport, tokens: ArmTokenSource, config: ArmConfig, appLog: Log): Backend<ArmTargetSummary> {
  const arm = createArmClient(transport, tokens, config, API_VERSION, appLog);

  return {
    kind: "extended",
    // Cloud services take a list of role instances in one call (reference B4, which names no limit);
    // Rolecall's own cap keeps one call's reach, and its request, modest.
    maxInstancesPerCall: MAX_BATCH,
    ...armBackendBase(arm, config),

    async listTargets(sub, identity, log) {
      const services = await arm.listResources(sub, "extended", cloudService, "Cloud Services - List All", identity, log);
      return mapLimited(services, 6, async ({ resource: cs, ref }) => {
        const view = await arm.read(arm.versioned(`${cloudServicePath(ref)}/instanceView`), identity, cloudServiceInstanceView, "Cloud Services - Get Instance View", log);
        return toSummary(cs, ref.resourceGroup, view.roleInstance?.statusesSummary);
      });
    },

    async readTarget(target, identity, log) {
      const t = armTarget("extended", target);
      const path = cloudServicePath(t);
      const [cs, instances] = await Promise.all([
        arm.read(arm.versioned(path), identity, cloudService, "Cloud Services - Get", log),
        arm.readAll(`${path}/roleInstances?$expand=instanceView`, identity, roleInstance, "Cloud Service Role Instances - List", log),
      ]);
      return toTarget(cs, t.resourceGroup, instances);
    },

    async startAction(target, action, instances, identity) {
      const t = armTarget("extended", target);
      assertExplicitInstances(action, instances, MAX_BATCH, instanceNamePattern);
      const path = cloudServicePath(t);
      const [only] = instances;
      return await (instances.length === 1 && only
        ? arm.start(`${path}/roleInstances/${seg(only)}/${armAction[action]}`, undefined, identity, action)
        : arm.start(`${path}/${armAction[action]}`, { roleInstances: [...instances] }, identity, action));
    },
  };
}
