import { deploymentXml } from "../xml/deployment.ts";
import { ok, type Handler } from "./context.ts";
import { findDeployment } from "./lookup.ts";

/** Get Deployment: `…/deploymentslots/<slot>` or `…/deployments/<name>`. */
export const getDeployment: Handler = (ctx) => {
  const { service, deployment } = findDeployment(ctx);
  return ok(deploymentXml(ctx.state, service, deployment));
};
