import { subscriptionIdPattern } from "../../shared/names.ts";
import { matchPath } from "../routing.ts";
import { errors } from "./errors.ts";
import type { Handler } from "./handlers/context.ts";
import { getDeployment } from "./handlers/deployments.ts";
import { getHostedServiceProperties, listHostedServices } from "./handlers/hosted-services.ts";
import { getOperationStatus } from "./handlers/operations.ts";
import { rebootRoleInstance, rebuildRoleInstance, reimageRoleInstance } from "./handlers/role-instances.ts";
import { getSubscription, listSubscriptions } from "./handlers/subscriptions.ts";

/**
 * The routing table: one row per Service Management operation, named as the API names it.
 * `{name}` is a path parameter; literal segments match case-insensitively. `comp` rows are chosen by
 * the `comp` query parameter.
 */
export interface Route {
  operation: string;
  method: "GET" | "POST";
  path: string;
  comp?: string;
  /** Oldest x-ms-version that supports the operation (reference A1–A6). */
  minVersion: string;
  handler: Handler;
}

const svc = "/{subscription}/services/hostedservices/{service}";
const bySlot = `${svc}/deploymentslots/{slot}`;
const byName = `${svc}/deployments/{deployment}`;

export const routes: Route[] = [
  { operation: "List Subscriptions", method: "GET", path: "/subscriptions", minVersion: "2009-10-01", handler: listSubscriptions },
  { operation: "Get Subscription", method: "GET", path: "/{subscription}", minVersion: "2009-10-01", handler: getSubscription },
  { operation: "List Hosted Services", method: "GET", path: "/{subscription}/services/hostedservices", minVersion: "2009-10-01", handler: listHostedServices },
  { operation: "Get Hosted Service Properties", method: "GET", path: svc, minVersion: "2009-10-01", handler: getHostedServiceProperties },
  { operation: "Get Deployment", method: "GET", path: bySlot, minVersion: "2009-10-01", handler: getDeployment },
  { operation: "Get Deployment", method: "GET", path: byName, minVersion: "2009-10-01", handler: getDeployment },
  ...[bySlot, byName].flatMap((dep): Route[] => [
    { operation: "Reboot Role Instance", method: "POST", path: `${dep}/roleinstances/{instance}`, comp: "reboot", minVersion: "2010-10-28", handler: rebootRoleInstance },
    { operation: "Reimage Role Instance", method: "POST", path: `${dep}/roleinstances/{instance}`, comp: "reimage", minVersion: "2010-10-28", handler: reimageRoleInstance },
    { operation: "Rebuild Role Instance", method: "POST", path: `${dep}/roleinstances/{instance}`, comp: "rebuild", minVersion: "2013-06-01", handler: rebuildRoleInstance },
  ]),
  { operation: "Get Operation Status", method: "GET", path: "/{subscription}/operations/{operation}", minVersion: "2009-10-01", handler: getOperationStatus },
];

interface CompiledRoute extends Route {
  segments: string[];
}

const compiled: CompiledRoute[] = routes.map((r) => ({ ...r, segments: r.path.split("/").filter(Boolean) }));

const acceptSubscription = (name: string, value: string) => name !== "subscription" || subscriptionIdPattern.test(value);

export interface Matched {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the operation for a request or throws the API's error: unknown path → 404, known path with
 * another verb → 400 InvalidHttpVerb, missing or unknown `comp` → 400.
 */
export function matchRoute(method: string, segments: string[], query: Record<string, string>): Matched {
  const byPath = compiled.flatMap((route) => {
    const params = matchPath(route.segments, segments, acceptSubscription);
    return params ? [{ route, params }] : [];
  });
  if (byPath.length === 0) throw errors.unknownPath();
  const byMethod = byPath.filter((m) => m.route.method === method);
  if (byMethod.length === 0) throw errors.badVerb(method);
  const comp = (query.comp ?? "").toLowerCase();
  const found = byMethod.find((m) => m.route.comp === undefined || m.route.comp === comp);
  if (!found) {
    const allowed = byMethod.map((m) => m.route.comp).join(", ");
    throw errors.badQuery(`The comp parameter must be one of: ${allowed}.`);
  }
  return found;
}
