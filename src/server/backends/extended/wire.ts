import { z } from "zod";
import { armStatus } from "../arm/wire.ts";

// The parts of ARM replies for Microsoft.Compute/cloudServices that Rolecall reads (reference B0–B5),
// as zod schemas. Unknown fields are ignored; missing required ones are errors (a malformed reply).

export const API_VERSION = "2024-11-04";

export const cloudService = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  properties: z
    .object({
      provisioningState: z.string().optional(),
      roleProfile: z.object({ roles: z.array(z.object({ name: z.string(), sku: z.object({ capacity: z.number().int().optional() }).optional() })).optional() }).optional(),
      networkProfile: z.object({ slotType: z.string().optional(), swappableCloudService: z.object({ id: z.string() }).optional() }).optional(),
    })
    .optional(),
});
export type WireCloudService = z.infer<typeof cloudService>;

export const roleInstance = z.object({
  name: z.string(),
  sku: z.object({ name: z.string().optional() }).optional(),
  properties: z
    .object({
      instanceView: z
        .object({
          platformUpdateDomain: z.number().int().optional(),
          platformFaultDomain: z.number().int().optional(),
          statuses: z.array(armStatus).optional(),
        })
        .optional(),
      networkProfile: z.unknown().optional(),
    })
    .optional(),
});
export type WireRoleInstance = z.infer<typeof roleInstance>;

export const cloudServiceInstanceView = z.object({
  roleInstance: z.object({ statusesSummary: z.array(z.object({ code: z.string(), count: z.number().int() })).optional() }).optional(),
});
