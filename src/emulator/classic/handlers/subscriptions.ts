import { wireDate } from "../../model/clock.ts";
import type { Subscription } from "../../model/types.ts";
import { el, root, text } from "../xml/builder.ts";
import { ok, type Handler } from "./context.ts";
import { findSubscription } from "./lookup.ts";

function subscriptionChildren(s: Subscription): string[] {
  return [
    text("SubscriptionID", s.id),
    text("SubscriptionName", s.name),
    text("SubscriptionStatus", s.status),
    text("AccountAdminLiveEmailId", "admin@contoso.example"),
    text("ServiceAdminLiveEmailId", "admin@contoso.example"),
    text("MaxCoreCount", 200),
    text("MaxStorageAccounts", 100),
    text("MaxHostedServices", 100),
    text("CurrentCoreCount", 0),
    text("CurrentHostedServices", s.services.length),
    text("CurrentStorageAccounts", 0),
    text("AADTenantID", "00000000-0000-0000-0000-000000000000"),
    text("CreatedTime", wireDate(s.createdAt)),
  ];
}

/** List Subscriptions: `GET /subscriptions`. */
export const listSubscriptions: Handler = (ctx) =>
  ok(root("Subscriptions", ...ctx.state.subscriptions.map((s) => el("Subscription", ...subscriptionChildren(s)))));

/** Get Subscription: `GET /<subscription-id>`. */
export const getSubscription: Handler = (ctx) => ok(root("Subscription", ...subscriptionChildren(findSubscription(ctx))));
