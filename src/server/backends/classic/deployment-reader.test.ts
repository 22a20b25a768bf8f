import { describe, expect, it } from "vitest";
// The emulator's own reply of its largest deployment, built in-process (the server's code never imports it).
// eslint-disable-next-line no-restricted-imports
import { deploymentXml } from "../../../emulator/classic/xml/deployment.ts";
// eslint-disable-next-line no-restricted-imports
import { SUBSCRIPTION_ID } from "../../../emulator/model/scenarios.ts";
// eslint-disable-next-line no-restricted-imports
import { createEmulator } from "../../../emulator/server.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { deploymentReader } from "./deployment-reader.ts";
import { toDeployment, toInstance } from "./map.ts";
import { getDeploymentReply } from "./wire.ts";
import { parseXml } from "./xml.ts";

const NS = `xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`;

const instance = (name: string, role: string, fields = "") =>
  `<RoleInstance><RoleName>${role}</RoleName><InstanceName>${name}</InstanceName><InstanceStatus>ReadyRole</InstanceStatus>` +
  `<ExtendedInstanceStatus/><InstanceUpgradeDomain>1</InstanceUpgradeDomain><InstanceFaultDomain>0</InstanceFaultDomain>` +
  `<InstanceSize>Small</InstanceSize><InstanceStateDetails/><InstanceErrorCode i:nil="true"/>${fields}` +
  `<InstanceEndpoints><InstanceEndpoint><Name>HttpIn</Name><PublicPort>80</PublicPort></InstanceEndpoint></InstanceEndpoints>` +
  `<PowerState>Started</PowerState></RoleInstance>`;

const deployment = (list: string, extra = "") =>
  `<?xml version="1.0" encoding="utf-8"?><Deployment ${NS}><Name>d1</Name><DeploymentSlot>Production</DeploymentSlot>` +
  `<Status>Running</Status><Label>${Buffer.from("web 1.2 — ünïcode").toString("base64")}</Label>` +
  `<Configuration>${"PD94bWw=".repeat(50)}</Configuration>${list}<UpgradeDomainCount>3</UpgradeDomainCount>` +
  `<RoleList><Role><RoleName>Web</RoleName><ConfigurationSets/></Role><Role><RoleName>Idle</RoleName></Role></RoleList>${extra}` +
  `<Locked>false</Locked></Deployment>`;

/** Feeds `xml` in pieces of `size` bytes (cutting through tags and characters), as a reply arrives. */
function read(xml: string, size = 7) {
  const bytes = Buffer.from(xml, "utf8");
  const reader = deploymentReader("req-1");
  for (let i = 0; i < bytes.length; i += size) reader.write(bytes.subarray(i, i + size));
  return reader.end();
}

/** The same reply through the plain tree and the zod schema of wire.ts, the way every other reply is read. */
function readAsTree(xml: string) {
  const d = parseXml(xml, getDeploymentReply, "Get Deployment").Deployment;
  return toDeployment(d, (d.RoleInstanceList?.RoleInstance ?? []).map(toInstance));
}

function refusal(xml: string): UpstreamError {
  try {
    read(xml);
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error("the reply was read");
}

describe("Get Deployment read as it arrives", () => {
  it("gives the target the tree and zod would, whatever the pieces it arrives in", () => {
    const xml = deployment(
      `<RoleInstanceList>\n  ${instance("Web_IN_0", "Web", "<IpAddress>10.0.0.4</IpAddress><HostName>wëb-0</HostName>")}\n  ` +
        `${instance("Web_IN_1", "Web", "<IpAddress> 10.0.0.5 </IpAddress><HostName><![CDATA[web<1>]]></HostName>")}\n` +
        `${instance("Worker_IN_0", "Worker")}</RoleInstanceList>`,
    );
    const target = read(xml, 5);
    expect(target).toEqual(readAsTree(xml));
    expect(read(xml, 64 * 1024)).toEqual(target);
    expect(target).toMatchObject({ name: "d1", slot: "production", label: "web 1.2 — ünïcode", upgradeDomainCount: 3 });
    expect(target.roles).toEqual([
      { name: "Web", instanceCount: 2 },
      { name: "Idle", instanceCount: 0 },
      { name: "Worker", instanceCount: 1 },
    ]);
    expect(target.instances[1]).toEqual({
      name: "Web_IN_1",
      role: "Web",
      status: "ReadyRole",
      tone: "ok",
      powerState: "Started",
      upgradeDomain: 1,
      faultDomain: 0,
      size: "Small",
      ipAddress: "10.0.0.5",
      hostName: "web<1>",
    });
  });

  it("reads an empty or missing instance list as no instances", () => {
    expect(read(deployment("<RoleInstanceList/>")).instances).toEqual([]);
    expect(read(deployment("")).instances).toEqual([]);
    expect(read(deployment("<RoleInstanceList>\n  <Configuration>x</Configuration>\n</RoleInstanceList>")).instances).toEqual([]);
  });

  it.each([
    ["a required field missing", instance("Web_IN_0", "Web").replace("<InstanceName>Web_IN_0</InstanceName>", ""), /RoleInstance\.1\.InstanceName: expected text/],
    ["a number that is not one", instance("Web_IN_0", "Web").replace("<InstanceUpgradeDomain>1<", "<InstanceUpgradeDomain>one<"), /InstanceUpgradeDomain: expected a whole number/],
    ["a field twice", instance("Web_IN_0", "Web", "<IpAddress>a</IpAddress><IpAddress>b</IpAddress>"), /IpAddress: expected one element/],
    ["elements where text belongs", instance("Web_IN_0", "Web", "<HostName><x/></HostName>"), /HostName: expected text, got elements/],
  ])("refuses an instance with %s, naming where", (_name, bad, message) => {
    const err = refusal(deployment(`<RoleInstanceList>${instance("Web_IN_9", "Web")}${bad}</RoleInstanceList>`));
    expect(err.failure).toMatchObject({ kind: "malformed", requestId: "req-1" });
    expect(err.message).toMatch(/unexpected shape at Deployment\.RoleInstanceList\./);
    expect(err.message).toMatch(message);
  });

  it.each([
    ["two instance lists", deployment("<RoleInstanceList/><RoleInstanceList/>"), /unexpected shape/],
    ["another reply", `<Operation ${NS}><ID>x</ID><RoleInstanceList/></Operation>`, /unexpected shape at Deployment/],
    ["a bad slot", deployment("").replace(">Production<", ">Elsewhere<"), /DeploymentSlot/],
    ["mismatched tags", deployment(`<RoleInstanceList>${instance("A", "Web")}</RoleInstanceLst>`), /not well-formed/],
    ["a cut-off reply", deployment(`<RoleInstanceList>${instance("A", "Web")}`).slice(0, -40), /not well-formed/],
    ["a DOCTYPE", `<!DOCTYPE Deployment [<!ENTITY x "boom">]>${deployment("")}`, /not well-formed/],
    ["two roots", deployment("") + deployment(""), /not well-formed/],
    ["an instance list of text", deployment("<RoleInstanceList> junk </RoleInstanceList>"), /unexpected shape at Deployment\.RoleInstanceList: Invalid input/],
    ["an instance list of other elements", deployment(`<RoleInstanceList>${instance("A", "Web").replaceAll("RoleInstance>", "RoleInstanceX>")}</RoleInstanceList>`), /unexpected shape at Deployment\.RoleInstanceList: Invalid input/],
  ])("refuses %s as malformed, never half a target", (_name, xml, message) => {
    const err = refusal(xml);
    expect(err.failure.kind).toBe("malformed");
    expect(err.message).toMatch(message);
  });

  it.each([
    ["of text", "<RoleInstanceList>junk</RoleInstanceList>"],
    ["of other elements", `<RoleInstanceList>${instance("A", "Web").replaceAll("RoleInstance>", "RoleInstanceX>")}</RoleInstanceList>`],
    ["of text and instances", `<RoleInstanceList>junk${instance("A", "Web")}<RoleInstanceX/></RoleInstanceList>`],
  ])("reads an instance list %s as the tree and zod did", (_name, list) => {
    const xml = deployment(list);
    const outcome = (f: () => unknown) => {
      try {
        return JSON.stringify(f());
      } catch (err) {
        return err instanceof UpstreamError ? `${err.failure.kind}: ${err.message}` : err;
      }
    };
    expect(outcome(() => read(xml))).toEqual(outcome(() => readAsTree(xml)));
  });

  it("reads the emulator's 2,000-instance deployment as the tree and zod did", () => {
    const { state } = createEmulator({ scenario: "large" }).deps;
    const sub = state.subscription(SUBSCRIPTION_ID);
    const service = sub && state.service(sub, "bigfleet");
    const production = service && state.deploymentBySlot(service, "production");
    if (!production) throw new Error("scenario large has no bigfleet/production");
    const xml = [...deploymentXml(state, service, production)].join("");
    expect(xml.length).toBeGreaterThan(900_000);
    const target = read(xml, 64 * 1024);
    expect(target.instances).toHaveLength(2_000);
    expect(JSON.stringify(target)).toBe(JSON.stringify(readAsTree(xml)));
  });
});
