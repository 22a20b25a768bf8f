import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../index.ts";
import {
  all, api, child, errorOf, instanceByName, names, NS, NS_I, parseXml, REQUEST_ID, startManual, SUB, svcPath, value, WIRE_DATE, type ApiResponse,
} from "./helpers.ts";

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startManual();
});
afterAll(() => emu.close());

function expectWireHeaders(res: ApiResponse) {
  expect(res.headers.get("x-ms-request-id")).toMatch(REQUEST_ID);
  expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  expect(res.headers.get("cache-control")).toBe("no-cache");
  expect(res.headers.get("server")).toMatch(/Microsoft-HTTPAPI\/2\.0$/);
}

const b64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

const deploymentOrder = [
  "Name", "DeploymentSlot", "PrivateID", "Status", "Label", "Url", "Configuration", "RoleInstanceList", "UpgradeDomainCount",
  "RoleList", "SdkVersion", "Locked", "RollbackAllowed", "CreatedTime", "LastModifiedTime",
];
const instanceOrder = [
  "RoleName", "InstanceName", "InstanceStatus", "ExtendedInstanceStatus", "InstanceUpgradeDomain", "InstanceFaultDomain",
  "InstanceSize", "InstanceStateDetails", "InstanceErrorCode", "IpAddress", "InstanceEndpoints", "PowerState",
];

describe("List Subscriptions — GET /subscriptions", () => {
  it("lists the demo subscription with id, name and status", async () => {
    const res = await api(emu, "/subscriptions");
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const root = parseXml(res.text);
    expect(root.name).toBe("Subscriptions");
    expect(root.attrs).toMatchObject({ xmlns: NS, "xmlns:i": NS_I });
    const [sub] = all(root, "Subscription");
    expect(sub && names(sub).slice(0, 3)).toEqual(["SubscriptionID", "SubscriptionName", "SubscriptionStatus"]);
    expect(sub && value(sub, "SubscriptionID")).toBe(SUB);
    expect(sub && value(sub, "SubscriptionName")).toBe("Contoso Operations (emulated)");
    expect(sub && value(sub, "SubscriptionStatus")).toBe("Active");
  });
});

describe("Get Subscription — GET /<sub>", () => {
  it("answers the subscription's id, name and status", async () => {
    const res = await api(emu, `/${SUB}`);
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const root = parseXml(res.text);
    expect(root.name).toBe("Subscription");
    expect(root.attrs.xmlns).toBe(NS);
    expect(value(root, "SubscriptionID")).toBe(SUB);
    expect(value(root, "SubscriptionName")).toBe("Contoso Operations (emulated)");
    expect(value(root, "SubscriptionStatus")).toBe("Active");
  });

  it("answers 403 ForbiddenError for a subscription the caller has no access to", async () => {
    const res = await api(emu, "/00000000-0000-0000-0000-000000000001/services/hostedservices");
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("ForbiddenError");
  });
});

describe("List Hosted Services — GET /<sub>/services/hostedservices", () => {
  it("lists the demo services with documented children", async () => {
    const res = await api(emu, `/${SUB}/services/hostedservices`);
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const root = parseXml(res.text);
    expect(root.name).toBe("HostedServices");
    expect(root.attrs).toMatchObject({ xmlns: NS, "xmlns:i": NS_I });
    const services = all(root, "HostedService");
    expect(services.map((s) => value(s, "ServiceName"))).toEqual(["contoso-web", "contoso-billing", "fabrikam-jobs"]);
    const web = services[0];
    if (!web) throw new Error("no service");
    expect(names(web).slice(0, 3)).toEqual(["Url", "ServiceName", "HostedServiceProperties"]);
    expect(value(web, "Url")).toBe(`https://management.core.windows.net/${SUB}/services/hostedservices/contoso-web`);
    const props = child(web, "HostedServiceProperties");
    expect(names(props)).toEqual(["Description", "Location", "Label", "Status", "DateCreated", "DateLastModified", "ExtendedProperties", "ReverseDnsFqdn"]);
    // Reference A1 skeleton: the (empty) WinRM thumbprint sits between the properties and ComputeCapabilities.
    expect(names(web)).toEqual(["Url", "ServiceName", "HostedServiceProperties", "DefaultWinRMCertificateThumbprint", "ComputeCapabilities"]);
    expect(value(props, "Location")).toBe("West Europe");
    expect(b64(value(props, "Label"))).toBe("Contoso public web site");
    expect(value(props, "Status")).toBe("Created");
    expect(value(props, "DateCreated")).toMatch(WIRE_DATE);
    // Children of <HostedService> do not repeat the namespace.
    expect(web.attrs.xmlns).toBeUndefined();
  });
});

describe("Get Hosted Service Properties — GET /<sub>/services/hostedservices/<svc>", () => {
  it("answers the service without deployments by default", async () => {
    const res = await api(emu, svcPath("contoso-web"));
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const root = parseXml(res.text);
    expect(root.name).toBe("HostedService");
    expect(root.attrs.xmlns).toBe(NS);
    expect(value(root, "ServiceName")).toBe("contoso-web");
    expect(names(root)).not.toContain("Deployments");
    // Reference A2: `DefaultWinRmCertificateThumbprint` (lower-case m, unlike List Hosted Services).
    expect(names(root)).toEqual(["Url", "ServiceName", "HostedServiceProperties", "DefaultWinRmCertificateThumbprint", "ComputeCapabilities"]);
  });

  it("embeds both deployments with embed-detail=true, each with the Deployment element set", async () => {
    const res = await api(emu, svcPath("contoso-web", "?embed-detail=true"));
    expect(res.status).toBe(200);
    const root = parseXml(res.text);
    expect(names(root)).toEqual(["Url", "ServiceName", "HostedServiceProperties", "Deployments", "DefaultWinRmCertificateThumbprint", "ComputeCapabilities"]);
    const deployments = all(child(root, "Deployments"), "Deployment");
    expect(deployments.map((d) => value(d, "DeploymentSlot"))).toEqual(["Production", "Staging"]);
    expect(names(deployments[0] ?? root).slice(0, deploymentOrder.length)).toEqual(deploymentOrder);
    expect(all(child(deployments[1] ?? root, "RoleInstanceList"), "RoleInstance")).toHaveLength(4);
  });

  it("answers 404 ResourceNotFound for an unknown service", async () => {
    const res = await api(emu, svcPath("no-such-service"));
    expect(res.status).toBe(404);
    expectWireHeaders(res);
    expect(errorOf(res)).toEqual({ code: "ResourceNotFound", message: "The hosted service does not exist." });
  });
});

describe("Get Deployment", () => {
  it("by slot: documented Deployment and RoleInstance element order, values and encodings", async () => {
    const res = await api(emu, svcPath("contoso-web", "/deploymentslots/Production"));
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const dep = parseXml(res.text);
    expect(dep.name).toBe("Deployment");
    expect(dep.attrs).toMatchObject({ xmlns: NS, "xmlns:i": NS_I });
    expect(names(dep).slice(0, deploymentOrder.length)).toEqual(deploymentOrder);
    expect(value(dep, "DeploymentSlot")).toBe("Production");
    expect(value(dep, "PrivateID")).toMatch(REQUEST_ID);
    expect(value(dep, "Status")).toBe("Running");
    expect(value(dep, "Url")).toBe("http://contoso-web.cloudapp.net/");
    expect(b64(value(dep, "Label"))).toBe("contoso-web 2024.11.3");
    const cscfg = parseXml(b64(value(dep, "Configuration")));
    expect(cscfg.name).toBe("ServiceConfiguration");
    expect(all(cscfg, "Role").map((r) => [r.attrs.name, child(r, "Instances").attrs.count])).toEqual([["WebFrontend", "4"], ["ApiWorker", "3"]]);
    expect(value(dep, "CreatedTime")).toMatch(WIRE_DATE);
    expect(value(dep, "LastModifiedTime")).toMatch(WIRE_DATE);
    expect(Number(value(dep, "UpgradeDomainCount"))).toBeGreaterThanOrEqual(2);
    expect(all(child(dep, "RoleList"), "Role").map((r) => value(r, "RoleName"))).toEqual(["WebFrontend", "ApiWorker"]);

    const instances = all(child(dep, "RoleInstanceList"), "RoleInstance");
    expect(instances.map((i) => value(i, "InstanceName"))).toEqual([
      "WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2", "WebFrontend_IN_3", "ApiWorker_IN_0", "ApiWorker_IN_1", "ApiWorker_IN_2",
    ]);
    for (const inst of instances) expect(names(inst)).toEqual(instanceOrder);
    const web0 = instanceByName(dep, "WebFrontend_IN_0");
    expect(value(web0, "InstanceStatus")).toBe("ReadyRole");
    expect(value(web0, "PowerState")).toBe("Started");
    expect(value(web0, "IpAddress")).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(names(child(child(web0, "InstanceEndpoints"), "InstanceEndpoint"))).toEqual(["Name", "Vip", "PublicPort", "LocalPort", "Protocol"]);
    expect(new Set(instances.map((i) => value(i, "InstanceUpgradeDomain"))).size).toBeGreaterThanOrEqual(2);
    expect(value(instanceByName(dep, "ApiWorker_IN_2"), "InstanceStatus")).toBe("UnresponsiveRole");
  });

  it("by slot accepts any case of the slot segment and of literal path segments", async () => {
    const lower = await api(emu, svcPath("contoso-web", "/deploymentslots/staging"));
    const odd = await api(emu, `/${SUB}/Services/HostedServices/contoso-web/DeploymentSlots/STAGING`);
    expect(lower.status).toBe(200);
    expect(odd.status).toBe(200);
    expect(value(parseXml(odd.text), "Name")).toBe(value(parseXml(lower.text), "Name"));
    expect(value(parseXml(lower.text), "DeploymentSlot")).toBe("Staging");
  });

  it("by name answers the same deployment as by slot", async () => {
    const bySlot = parseXml((await api(emu, svcPath("contoso-billing", "/deploymentslots/production"))).text);
    const name = value(bySlot, "Name");
    const res = await api(emu, svcPath("contoso-billing", `/deployments/${name}`));
    expect(res.status).toBe(200);
    expectWireHeaders(res);
    const byName = parseXml(res.text);
    expect(value(byName, "Name")).toBe(name);
    expect(value(byName, "PrivateID")).toBe(value(bySlot, "PrivateID"));
    expect(names(byName).slice(0, deploymentOrder.length)).toEqual(deploymentOrder);
  });

  it("answers 404 'No deployments were found.' for an empty slot or unknown deployment name", async () => {
    for (const path of ["/deploymentslots/staging", "/deployments/doesnotexist"]) {
      const res = await api(emu, svcPath("fabrikam-jobs", path));
      expect(res.status).toBe(404);
      expect(errorOf(res)).toEqual({ code: "ResourceNotFound", message: "No deployments were found." });
    }
  });
});
