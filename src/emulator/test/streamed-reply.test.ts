import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentXml } from "../classic/xml/deployment.ts";
import type { EmulatorHandle } from "../index.ts";
import { SUBSCRIPTION_ID } from "../model/scenarios.ts";
import { createEmulator } from "../server.ts";
import { all, api, child, parseXml, startManual, svcPath, value } from "./helpers.ts";

// Get Deployment of a big deployment is made while it is sent, as a server that does not build its
// whole reply first sends it: a client (the proxy) reads the start while the rest is still made.

const listOf = (xml: string) => xml.slice(xml.indexOf("<RoleInstanceList"), xml.indexOf("</RoleInstanceList>"));

describe("Get Deployment of a big deployment", () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startManual({ scenario: "large" });
  });
  afterAll(() => emu.close());

  it("is sent chunked, as it is made, and says what Get Hosted Service's embedded copy says", async () => {
    const res = await api(emu, svcPath("bigfleet", "/deploymentslots/production"));
    expect(res.status).toBe(200);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const dep = parseXml(res.text);
    expect(all(child(dep, "RoleInstanceList"), "RoleInstance")).toHaveLength(2_000);
    expect(value(dep, "InternalDnsSuffix")).toMatch(/\.ax\.internal\.cloudapp\.net$/);

    const embedded = await api(emu, svcPath("bigfleet", "?embed-detail=true"));
    const production = embedded.text.slice(embedded.text.indexOf("<Deployment>"), embedded.text.indexOf("</Deployment>"));
    expect(listOf(res.text)).toBe(listOf(production));
  });

  it("says one moment of the deployment: an action started while it is sent does not show halfway down", () => {
    const { state } = createEmulator({ scenario: "large" }).deps;
    const subscription = state.subscription(SUBSCRIPTION_ID);
    const service = subscription && state.service(subscription, "bigfleet");
    const deployment = service && state.deploymentBySlot(service, "production");
    const last = deployment?.instances.at(-1);
    if (!subscription || !service || !deployment || !last) throw new Error("scenario large has no bigfleet/production");
    const before = state.viewInstance(last).status;

    const pieces = deploymentXml(state, service, deployment)[Symbol.iterator]();
    const first = pieces.next();
    let xml = first.done ? "" : first.value;
    state.startAction({ subscription, service, deployment, instance: last }, "reboot", "0".repeat(32));
    expect(state.viewInstance(last).status).not.toBe(before);
    for (let p = pieces.next(); !p.done; p = pieces.next()) xml += p.value;

    const sent = all(child(parseXml(xml), "RoleInstanceList"), "RoleInstance").find((i) => value(i, "InstanceName") === last.name);
    expect(sent && value(sent, "InstanceStatus")).toBe(before);
  });
});
