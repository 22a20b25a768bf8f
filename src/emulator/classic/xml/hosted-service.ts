import { wireDate } from "../../model/clock.ts";
import type { EmulatorState } from "../../model/state.ts";
import type { HostedService, Subscription } from "../../model/types.ts";
import { base64, el, text } from "./builder.ts";
import { deploymentElement } from "./deployment.ts";

const BASE_URI = "https://management.core.windows.net";
const webWorkerSizes = ["ExtraSmall", "Small", "Medium", "Large", "ExtraLarge", "A5", "A6", "A7", "Standard_D1_v2", "Standard_D2_v2"];

function propertiesXml(s: HostedService): string {
  return el(
    "HostedServiceProperties",
    text("Description", s.description),
    text("Location", s.location),
    text("Label", base64(s.label)),
    text("Status", "Created"),
    text("DateCreated", wireDate(s.createdAt)),
    text("DateLastModified", wireDate(s.modifiedAt)),
    el("ExtendedProperties"),
    text("ReverseDnsFqdn", ""),
  );
}

function computeCapabilities(): string {
  const sizes = el("WebWorkerRoleSizes", ...webWorkerSizes.map((r) => text("RoleSize", r)));
  return el("ComputeCapabilities", el("VirtualMachinesRoleSizes", ...webWorkerSizes.map((r) => text("RoleSize", r))), sizes);
}

/** One `<HostedService>` of List Hosted Services (reference A1). */
export function listedServiceXml(sub: Subscription, s: HostedService): string {
  return el(
    "HostedService",
    text("Url", `${BASE_URI}/${sub.id}/services/hostedservices/${s.name}`),
    text("ServiceName", s.name),
    propertiesXml(s),
    // PaaS services have no WinRM certificate; the element is present and empty (reference A1 skeleton).
    text("DefaultWinRMCertificateThumbprint", ""),
    computeCapabilities(),
  );
}

/** Children of Get Hosted Service Properties (reference A2), optionally with deployments inline. */
export function serviceChildren(state: EmulatorState, sub: Subscription, s: HostedService, embedDetail: boolean): string[] {
  const children = [
    text("Url", `${BASE_URI}/${sub.id}/services/hostedservices/${s.name}`),
    text("ServiceName", s.name),
    propertiesXml(s),
  ];
  if (embedDetail) children.push(el("Deployments", ...s.deployments.map((d) => deploymentElement(state, s, d))));
  // Spelled `WinRm` here but `WinRM` in List Hosted Services, as the docs have it (reference A2, C5).
  children.push(text("DefaultWinRmCertificateThumbprint", ""), computeCapabilities());
  return children;
}
