import { slotToWire } from "../../../shared/names.ts";
import { wireDate } from "../../model/clock.ts";
import type { EmulatorState } from "../../model/state.ts";
import type { Deployment, HostedService, Instance, InstanceView, Role } from "../../model/types.ts";
import { base64, el, escapeXml, rootStart, text } from "./builder.ts";

/**
 * Get Deployment body (reference A3), children in documented order, in pieces made as they are sent
 * (wire.ts sendXml): the instance list is nearly all of a big deployment's reply (2,000 instances:
 * ≈900 KB), and a client reads its start while the rest is made.
 */
export function deploymentXml(state: EmulatorState, service: HostedService, d: Deployment): Iterable<string> {
  // What the reply says is read now, as one moment of the deployment: requests served while the
  // pieces are sent (an action that changes an instance) do not show up halfway down the list.
  const { head, tail } = deploymentChildren(state, service, d);
  const instances = d.instances.map((i) => ({ ...i }));
  const views = d.instances.map((i) => state.viewInstance(i));
  return (function* () {
    yield rootStart("Deployment") + head.join("");
    if (instances.length === 0) yield "<RoleInstanceList/>";
    else {
      yield "<RoleInstanceList>";
      for (let n = 0; n < instances.length; n++) yield roleInstanceXml(d, instances[n] as Instance, views[n] as InstanceView);
      yield "</RoleInstanceList>";
    }
    yield `${tail.join("")}</Deployment>`;
  })();
}

/** The same element set, un-rooted, for `<Deployments>` inside Get Hosted Service Properties. */
export function deploymentElement(state: EmulatorState, service: HostedService, d: Deployment): string {
  const { head, tail } = deploymentChildren(state, service, d);
  return el("Deployment", ...head, el("RoleInstanceList", ...d.instances.map((i) => roleInstanceXml(d, i, state.viewInstance(i)))), ...tail);
}

/** The children before and after <RoleInstanceList>. */
function deploymentChildren(state: EmulatorState, service: HostedService, d: Deployment): { head: string[]; tail: string[] } {
  const host = d.slot === "production" ? service.name : d.privateId;
  const head = [
    text("Name", d.name),
    text("DeploymentSlot", slotToWire(d.slot)),
    text("PrivateID", d.privateId),
    text("Status", state.deploymentStatus(d)),
    text("Label", base64(d.label)),
    text("Url", `http://${host}.cloudapp.net/`),
    text("Configuration", base64(serviceConfiguration(service, d))),
  ];
  const tail = [
    text("UpgradeDomainCount", d.upgradeDomainCount),
    el("RoleList", ...d.roles.map(roleXml)),
    text("SdkVersion", d.sdkVersion),
    // True while an operation holds the deployment (new writes get 409 ConflictError meanwhile).
    text("Locked", state.blockingOperation(d) !== undefined),
    text("RollbackAllowed", false),
    text("CreatedTime", wireDate(d.createdAt)),
    text("LastModifiedTime", wireDate(d.modifiedAt)),
    el("ExtendedProperties"),
    el("VirtualIPs", el("VirtualIP", text("Address", d.vip), text("IsDnsProgrammed", true), text("Name", `${service.name}ContractContract`))),
    text("InternalDnsSuffix", `${d.privateId.slice(0, 16)}.ax.internal.cloudapp.net`),
  ];
  return { head, tail };
}

function roleInstanceXml(d: Deployment, i: Instance, view: InstanceView): string {
  const role = d.roles.find((r) => r.name === i.role);
  return el(
    "RoleInstance",
    text("RoleName", i.role),
    text("InstanceName", i.name),
    text("InstanceStatus", view.status),
    text("ExtendedInstanceStatus", ""),
    text("InstanceUpgradeDomain", i.upgradeDomain),
    text("InstanceFaultDomain", i.faultDomain),
    text("InstanceSize", i.size),
    text("InstanceStateDetails", view.stateDetails),
    text("InstanceErrorCode", view.errorCode),
    text("IpAddress", i.ipAddress),
    el(
      "InstanceEndpoints",
      ...(role?.endpoints ?? []).map((e) =>
        el(
          "InstanceEndpoint",
          text("Name", e.name),
          text("Vip", d.vip),
          text("PublicPort", e.publicPort),
          text("LocalPort", e.localPort),
          text("Protocol", e.protocol),
        ),
      ),
    ),
    text("PowerState", view.powerState),
  );
}

function roleXml(r: Role): string {
  return el("Role", text("RoleName", r.name), text("OsVersion", r.osVersion), el("ConfigurationSets"));
}

/** A plausible .cscfg for the deployment (Configuration is its base64). */
export function serviceConfiguration(service: HostedService, d: Deployment): string {
  const attr = escapeXml;
  const roles = d.roles.map((r) => {
    const count = d.instances.filter((i) => i.role === r.name).length;
    return [
      `  <Role name="${attr(r.name)}">`,
      `    <Instances count="${count}" />`,
      "    <ConfigurationSettings>",
      '      <Setting name="Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString" value="UseDevelopmentStorage=true" />',
      "    </ConfigurationSettings>",
      "  </Role>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<ServiceConfiguration serviceName="${attr(service.name)}" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration" osFamily="7" osVersion="*" schemaVersion="2015-04.2.6">`,
    ...roles,
    "</ServiceConfiguration>",
  ].join("\n");
}
