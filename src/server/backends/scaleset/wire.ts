import { z } from "zod";
import { armStatus } from "../arm/wire.ts";

// The parts of ARM replies for Microsoft.Compute/virtualMachineScaleSets that Rolecall reads
// (reference C0–C2), as zod schemas. Unknown fields are ignored; missing required ones are errors.

/** The latest stable Compute api-version (reference C0: @azure/arm-compute 25.x sends it). */
export const API_VERSION = "2026-04-01";

export const scaleSet = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  sku: z.object({ name: z.string().optional(), capacity: z.number().int().optional() }).optional(),
  properties: z
    .object({
      provisioningState: z.string().optional(),
      /** Uniform or Flexible; absent on sets made before Flexible existed, which are Uniform. */
      orchestrationMode: z.string().optional(),
    })
    .optional(),
});
export type WireScaleSet = z.infer<typeof scaleSet>;

export const scaleSetVm = z.object({
  instanceId: z.string(),
  name: z.string().optional(),
  zones: z.array(z.string()).optional(),
  sku: z.object({ name: z.string().optional() }).optional(),
  properties: z
    .object({
      provisioningState: z.string().optional(),
      latestModelApplied: z.boolean().optional(),
      protectionPolicy: z.object({ protectFromScaleIn: z.boolean().optional(), protectFromScaleSetActions: z.boolean().optional() }).optional(),
      osProfile: z.object({ computerName: z.string().optional() }).optional(),
      instanceView: z
        .object({
          platformUpdateDomain: z.number().int().optional(),
          platformFaultDomain: z.number().int().optional(),
          computerName: z.string().optional(),
          statuses: z.array(armStatus).optional(),
          /** Only when the application health extension or a load-balancer probe is configured. */
          vmHealth: z.object({ status: armStatus.optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type WireScaleSetVm = z.infer<typeof scaleSetVm>;
