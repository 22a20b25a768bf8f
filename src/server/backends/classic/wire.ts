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

export const roleInstance = z.object({
  RoleName: text,
  InstanceName: text,
  InstanceStatus: text,
  InstanceUpgradeDomain: wholeNumber.optional(),
  InstanceFaultDomain: wholeNumber.optional(),
  InstanceSize: text.optional(),
  InstanceStateDetails: text.optional(),
  InstanceErrorCode: text.optional(),
  IpAddress: text.optional(),
  PowerState: text.optional(),
  HostName: text.optional(),
});

export const deployment = z.object({
  Name: text,
  DeploymentSlot: z.string().regex(/^(production|staging)$/i, "expected Production or Staging"),
  Status: text,
  Label: text.optional(),
  UpgradeDomainCount: wholeNumber.optional(),
  RoleInstanceList: orEmpty(z.object({ RoleInstance: z.array(roleInstance) })).optional(),
  RoleList: orEmpty(z.object({ Role: z.array(z.object({ RoleName: text })) })).optional(),
});
export type WireDeployment = z.infer<typeof deployment>;

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
