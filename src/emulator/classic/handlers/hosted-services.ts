import { root } from "../xml/builder.ts";
import { listedServiceXml, serviceChildren } from "../xml/hosted-service.ts";
import { ok, type Handler } from "./context.ts";
import { findService, findSubscription } from "./lookup.ts";

/** List Hosted Services: `GET /<sub>/services/hostedservices`. */
export const listHostedServices: Handler = (ctx) => {
  const sub = findSubscription(ctx);
  return ok(root("HostedServices", ...sub.services.map((s) => listedServiceXml(sub, s))));
};

/** Get Hosted Service Properties: `GET /<sub>/services/hostedservices/<service>[?embed-detail=true]`. */
export const getHostedServiceProperties: Handler = (ctx) => {
  const { sub, service } = findService(ctx);
  const embedDetail = (ctx.query["embed-detail"] ?? "").toLowerCase() === "true";
  return ok(root("HostedService", ...serviceChildren(ctx.state, sub, service, embedDetail)));
};
