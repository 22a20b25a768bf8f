import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../upstream/errors.ts";
import { getDeploymentReply, operationReply } from "./wire.ts";
import { decodeLabel, parseErrorBody, parseXml, xmlBodyReader, xmlToTree, xmlTreeReader } from "./xml.ts";

const NS = `xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`;

describe("upstream XML reading", () => {
  it("builds a plain tree: namespaces and attributes dropped, nil and empty as '', lists kept as arrays", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><Deployment ${NS}><Name>d</Name><DeploymentSlot>Production</DeploymentSlot><Status>Running</Status>
      <RoleInstanceList><RoleInstance><RoleName>Web</RoleName><InstanceName>Web_IN_0</InstanceName><InstanceStatus>ReadyRole</InstanceStatus>
      <InstanceStateDetails/><HostName i:nil="true"/><InstanceEndpoints><InstanceEndpoint><Name>x</Name></InstanceEndpoint></InstanceEndpoints>
      </RoleInstance></RoleInstanceList></Deployment>`;
    const d = parseXml(xml, getDeploymentReply, "Get Deployment").Deployment;
    expect(d.RoleInstanceList?.RoleInstance).toHaveLength(1);
    expect(d.RoleInstanceList?.RoleInstance[0]).toMatchObject({ InstanceStateDetails: "", HostName: "" });
    expect(xmlToTree(`<a><b>1</b><b>2</b><c>&lt;&amp;&gt;</c></a>`)).toEqual({ a: { b: ["1", "2"], c: "<&>" } });
  });

  it.each([
    ["truncated", `<Operation ${NS}><ID>6eab8d02-fd41-4207-b273-3cd8bd808d8b</ID><Status>InProg`],
    ["mismatched tags", `<Operation><ID>x</Status></Operation>`],
    ["two roots", `<Operation></Operation><Operation></Operation>`],
    ["empty", ``],
    ["not XML", `{"Operation":{}}`],
    ["a DOCTYPE with entities", `<!DOCTYPE a [<!ENTITY x "boom">]><Operation><ID>&x;</ID></Operation>`],
  ])("refuses %s as malformed (502 material), never half-parsed", (_name, xml) => {
    expect(() => parseXml(xml, operationReply, "Get Operation Status")).toThrow(UpstreamError);
  });

  it("refuses a fault found while the reply still arrives as malformed too (a 502, not an internal error)", () => {
    const reader = xmlBodyReader(operationReply, "Get Operation Status");
    expect(() => reader.write(Buffer.from(`<Operation ${NS}><ID>x</Status><Status>`))).toThrow(UpstreamError);
  });

  it("reads a long text that arrives in small pieces, characters cut between them, as the whole document", () => {
    const xml = `<Deployment ${NS}><Configuration>x</Configuration><Label>${"wëb—😀 ".repeat(20_000)}</Label><Name>d</Name></Deployment>`;
    const bytes = Buffer.from(xml, "utf8");
    const reader = xmlTreeReader();
    for (let i = 0; i < bytes.length; i += 3) reader.write(bytes.subarray(i, i + 3));
    expect(reader.end()).toEqual(xmlToTree(xml));
  });

  it("reads elements named like an object's own properties as names like any other", () => {
    const tree = xmlToTree(`<a><constructor>x</constructor><__proto__>y</__proto__><toString>1</toString><toString>2</toString></a>`);
    expect(JSON.stringify(tree)).toBe(`{"a":{"constructor":"x","__proto__":"y","toString":["1","2"]}}`);
  });

  it("refuses a well-formed reply of the wrong shape", () => {
    expect(() => parseXml(`<Operation><ID>nope</ID><Status>Maybe</Status></Operation>`, operationReply, "Get Operation Status")).toThrow(/unexpected shape/);
  });

  it("reads error bodies, and shrugs at unreadable ones", () => {
    expect(parseErrorBody(`<Error ${NS}><Code>ResourceNotFound</Code><Message>The hosted service does not exist.</Message></Error>`)).toEqual({
      code: "ResourceNotFound",
      message: "The hosted service does not exist.",
    });
    expect(parseErrorBody("<html>oops")).toEqual({});
  });

  it("decodes base64 labels but keeps values that do not decode to text", () => {
    expect(decodeLabel(Buffer.from("contoso-web 2024.11.3").toString("base64"))).toBe("contoso-web 2024.11.3");
    expect(decodeLabel("plain label")).toBe("plain label");
    expect(decodeLabel(Buffer.from([0, 1, 2, 255]).toString("base64"))).toBe("AAEC/w==");
  });
});
