import { z } from "zod";
import { orEmpty, text, wholeNumber } from "./xml.ts";

// The parts of Service Management XML replies that Rolecall reads (reference A1–A3, A6), as zod
// schemas over the parsed tree. Unknown elements are ignored; missing required ones are errors.

const properties = z.object({
  Location: text.optional(),
  AffinityGroup: text.optional(),
  Label: text.optional(),
  Status: text.optional(),
});

/** How Rolecall reads one element's text: required, optional, or an optional whole number. */
const fieldKinds = { text, "text?": text.optional(), "wholeNumber?": wholeNumber.optional() };
export type FieldKind = keyof typeof fieldKinds;
type FieldSchemas<F extends Record<string, FieldKind>> = { [K in keyof F]: (typeof fieldKinds)[F[K]] };
const schemasOf = <F extends Record<string, FieldKind>>(fields: F) =>
  Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, fieldKinds[kind]])) as FieldSchemas<F>;

/**
 * The children of a <RoleInstance> that Rolecall reads. One table for both readers: the zod schema
 * below (the tree of Get Hosted Service) and the streaming reader of Get Deployment
 * (deployment-reader.ts), which checks each field as it arrives by the same kinds.
 */
export const roleInstanceFields = {
  RoleName: "text",
  InstanceName: "text",
  InstanceStatus: "text",
  InstanceUpgradeDomain: "wholeNumber?",
  InstanceFaultDomain: "wholeNumber?",
  InstanceSize: "text?",
  InstanceStateDetails: "text?",
  InstanceErrorCode: "text?",
  IpAddress: "text?",
  PowerState: "text?",
  HostName: "text?",
} as const satisfies Record<string, FieldKind>;

export const roleInstance = z.object(schemasOf(roleInstanceFields));
export type WireRoleInstance = z.infer<typeof roleInstance>;

/** A <Deployment> but for its instance list. */
export const deploymentHead = z.object({
  Name: text,
  DeploymentSlot: z.string().regex(/^(production|staging)$/i, "expected Production or Staging"),
  Status: text,
  Label: text.optional(),
  UpgradeDomainCount: wholeNumber.optional(),
  RoleList: orEmpty(z.object({ Role: z.array(z.object({ RoleName: text })) })).optional(),
});
export type WireDeploymentHead = z.infer<typeof deploymentHead>;

export const deployment = deploymentHead.extend({
  RoleInstanceList: orEmpty(z.object({ RoleInstance: z.array(roleInstance) })).optional(),
});

export const getDeploymentReply = z.object({ Deployment: deployment });

export const listHostedServicesReply = z.object({
  HostedServices: orEmpty(
    z.object({ HostedService: z.array(z.object({ ServiceName: text, HostedServiceProperties: properties.optional() })) }),
  ),
});

export const getHostedServiceReply = z.object({
  HostedService: z.object({
    ServiceName: text,
    HostedServiceProperties: properties.optional(),
    Deployments: orEmpty(z.object({ Deployment: z.array(deployment) })).optional(),
  }),
});

export const operationReply = z.object({
  Operation: z.object({
    ID: z.string().regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, "expected a GUID"),
    Status: z.enum(["InProgress", "Succeeded", "Failed"]),
    HttpStatusCode: wholeNumber.optional(),
    Error: z.object({ Code: text, Message: text }).optional(),
  }),
});

const subscription = z.object({ SubscriptionID: text, SubscriptionName: text.optional() });
export const listSubscriptionsReply = z.object({
  Subscriptions: orEmpty(z.object({ Subscription: z.array(subscription) })),
});
export const getSubscriptionReply = z.object({ Subscription: subscription });
