import { z } from "zod";
import { actionSchema, slotSchema } from "./names.ts";

// Schemas of the proxy's JSON API (DESIGN.md §3). The SPA validates replies with these at its edge;
// the proxy's tests use them to hold the server to the contract.

export const instanceSchema = z.object({
  name: z.string(),
  role: z.string(),
  status: z.string(),
  powerState: z.string(),
  upgradeDomain: z.number().int(),
  faultDomain: z.number().int(),
  size: z.string(),
  ipAddress: z.string(),
  hostName: z.string().optional(),
  stateDetails: z.string().optional(),
  errorCode: z.string().optional(),
});

export const operationStatusSchema = z.enum(["InProgress", "Succeeded", "Failed"]);

export const operationSchema = z.object({
  id: z.string(),
  status: operationStatusSchema,
  httpStatusCode: z.number().int().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  action: actionSchema,
  instances: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.string().optional(),
  service: z.string().optional(),
  slot: slotSchema.optional(),
});

export const cloudServiceSchema = z.object({
  name: z.string(),
  label: z.string(),
  location: z.string(),
  status: z.string(),
  deployments: z.array(
    z.object({ slot: slotSchema, name: z.string(), status: z.string(), instanceCount: z.number().int(), readyCount: z.number().int().optional() }),
  ),
});
export const cloudServiceListSchema = z.array(cloudServiceSchema);

export const deploymentSchema = z.object({
  name: z.string(),
  slot: slotSchema,
  status: z.string(),
  label: z.string(),
  upgradeDomainCount: z.number().int(),
  roles: z.array(z.object({ name: z.string(), instanceCount: z.number().int() })),
  instances: z.array(instanceSchema),
  fetchedAt: z.string(),
  inFlight: z.array(operationSchema),
});

export const actionAcceptedSchema = z.object({
  operationId: z.string(),
  action: actionSchema,
  instances: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: actionSchema,
  subscription: z.string(),
  service: z.string(),
  slot: slotSchema,
  instances: z.array(z.string()),
  operationId: z.string().nullable(),
  outcome: z.enum(["pending", "accepted", "InProgress", "Succeeded", "Failed", "rejected", "unknown"]),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const auditListSchema = z.array(auditEntrySchema);

export const subscriptionSchema = z.object({ id: z.string(), name: z.string() });

export const appConfigSchema = z.object({
  mode: z.enum(["emulator", "azure"]),
  auth: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("none") }),
    z.object({
      mode: z.literal("msal"),
      clientId: z.string(),
      authority: z.string(),
      apiScope: z.string(),
      knownAuthorities: z.array(z.string()),
      protocolMode: z.enum(["AAD", "OIDC"]),
      upstreamIdentity: z.enum(["passthrough", "certificate"]),
      managementScope: z.string().optional(),
      tokenRenewalOffsetSec: z.number().int().nonnegative().optional(),
    }),
  ]),
  poll: z.object({ fastMs: z.number().int().positive(), slowMs: z.number().int().positive() }),
  subscriptions: z.array(subscriptionSchema),
});

export const meSchema = z.object({
  name: z.string(),
  id: z.string(),
  roles: z.array(z.enum(["reader", "operator"])),
});

export const healthSchema = z.object({
  ok: z.boolean(),
  upstream: z.enum(["emulator", "azure"]),
  version: z.string(),
});

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    upstreamStatus: z.number().int().optional(),
    upstreamCode: z.string().optional(),
    requestId: z.string().optional(),
    blocking: operationSchema.partial().optional(),
  }),
});
