import { z } from "zod";
import { allPages, arm, type ArmEmulator, type ArmInit, type ArmResponse, PROVIDER } from "./arm-helpers.ts";
import { SUB } from "./helpers.ts";

/**
 * Scale-set test helpers. Shapes are written here from the reference (Part C) and the SDK's
 * mappers, independently of the emulator's own code: required where Azure always sends a field,
 * loose where Azure's objects carry many more fields than Rolecall reads.
 */
export const VMSS_API = "2026-04-01";
export const CHECKOUT = `/subscriptions/${SUB}/resourceGroups/rg-checkout/${PROVIDER}/virtualMachineScaleSets/checkout-web`;
export const BIGFLEET = `/subscriptions/${SUB}/resourceGroups/rg-bigfleet/${PROVIDER}/virtualMachineScaleSets/bigfleet-vmss`;
export const LIST_ALL = `/subscriptions/${SUB}/${PROVIDER}/virtualMachineScaleSets`;

/** One request to the ARM face at the scale sets' api-version unless told otherwise. */
export const vmss = (emu: ArmEmulator, target: string, init: ArmInit = {}): Promise<ArmResponse> =>
  arm(emu, target, { ...init, apiVersion: init.apiVersion === undefined ? VMSS_API : init.apiVersion });

export const post = (emu: ArmEmulator, target: string, body?: unknown, init: ArmInit = {}): Promise<ArmResponse> =>
  vmss(emu, target, { ...init, method: "POST", ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const status = z.strictObject({
  code: z.string().regex(/^[A-Za-z]+\/[-\w]+$/),
  level: z.enum(["Info", "Warning", "Error"]),
  displayStatus: z.string(),
  message: z.string().optional(),
  time: z.iso.datetime().optional(),
});

export const vmInstanceViewSchema = z.object({
  platformUpdateDomain: z.number().int().nonnegative(),
  platformFaultDomain: z.number().int().nonnegative(),
  statuses: z.array(status).min(1),
  vmHealth: z.strictObject({ status }).optional(),
});
export type VmInstanceView = z.infer<typeof vmInstanceViewSchema>;

export const scaleSetVmSchema = z.object({
  instanceId: z.string().regex(/^\d+$/),
  name: z.string(),
  id: z.string().startsWith(`/subscriptions/${SUB}/resourceGroups/`),
  type: z.literal("Microsoft.Compute/virtualMachineScaleSets/virtualMachines"),
  location: z.string(),
  // Azure omits zones for a scale set without zones, and protectionPolicy when none is set.
  zones: z.array(z.string()).length(1).optional(),
  sku: z.object({ name: z.string(), tier: z.string() }),
  properties: z.object({
    latestModelApplied: z.boolean(),
    provisioningState: z.string(),
    vmId: guid,
    protectionPolicy: z.strictObject({ protectFromScaleIn: z.boolean(), protectFromScaleSetActions: z.boolean() }).optional(),
    osProfile: z.object({ computerName: z.string().min(1) }),
    instanceView: vmInstanceViewSchema.optional(),
  }),
});
export type ScaleSetVmJson = z.infer<typeof scaleSetVmSchema>;

export const scaleSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal("Microsoft.Compute/virtualMachineScaleSets"),
  location: z.string(),
  sku: z.object({ name: z.string(), tier: z.string(), capacity: z.number().int().nonnegative() }),
  zones: z.array(z.string()),
  properties: z.object({
    orchestrationMode: z.literal("Uniform"),
    upgradePolicy: z.object({ mode: z.enum(["Manual", "Automatic", "Rolling"]) }),
    provisioningState: z.enum(["Creating", "Updating", "Failed", "Succeeded", "Deleting"]),
    uniqueId: guid,
  }),
});

/** CloudError, with the `target` Azure names for a bad batch body (reference B0). */
export const cloudErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.string().min(1), message: z.string().min(1), target: z.string().optional() }),
});
export const errorOf = (res: ArmResponse) => cloudErrorSchema.parse(res.json).error;

/** The codes an instance view reports, by prefix, health included (`HealthState/…` from `vmHealth`). */
export function vmCodes(view: VmInstanceView): Record<string, string> {
  const all = [...view.statuses, ...(view.vmHealth ? [view.vmHealth.status] : [])];
  return Object.fromEntries(all.map((s) => [s.code.split("/")[0] ?? "", s.code]));
}

export async function instanceView(emu: ArmEmulator, ss: string, instanceId: string): Promise<Record<string, string>> {
  const res = await vmss(emu, `${ss}/virtualMachines/${instanceId}/instanceView`);
  if (res.status !== 200) throw new Error(`instance view ${instanceId}: ${res.status} ${res.text}`);
  return vmCodes(vmInstanceViewSchema.parse(res.json));
}

/** Every instance of a scale set with its view, through every page. */
export async function instances(emu: ArmEmulator, ss: string, apiVersion = VMSS_API): Promise<ScaleSetVmJson[]> {
  return (await allPages(emu, `${ss}/virtualMachines?api-version=${apiVersion}&$expand=instanceView`, scaleSetVmSchema)).items;
}

/** The instance ids an action is moving now (ProvisioningState/updating). */
export async function updating(emu: ArmEmulator, ss: string): Promise<string[]> {
  return (await instances(emu, ss))
    .filter((vm) => vm.properties.instanceView?.statuses.some((s) => s.code === "ProvisioningState/updating"))
    .map((vm) => vm.instanceId);
}
