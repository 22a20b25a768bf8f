import { XMLParser } from "fast-xml-parser";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../index.ts";

export const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
export const NS = "http://schemas.microsoft.com/windowsazure";
export const NS_I = "http://www.w3.org/2001/XMLSchema-instance";
export const VERSION = "2017-01-01";
export const REQUEST_ID = /^[0-9a-f]{32}$/;
export const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function startManual(opts: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, clock: "manual", ...opts });
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A Service Management call: x-ms-version is sent unless `version: null`. */
export async function api(
  emu: EmulatorHandle,
  path: string,
  init: { method?: string; version?: string | null; headers?: Record<string, string>; body?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.version !== null) headers["x-ms-version"] = init.version ?? VERSION;
  const res = await fetch(emu.url + path, { method: init.method ?? "GET", headers, body: init.body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export function svcPath(service: string, rest = ""): string {
  return `/${SUB}/services/hostedservices/${service}${rest}`;
}

/** POST an action on an instance; returns the response (202 carries the operation id). */
export function action(emu: EmulatorHandle, service: string, slot: string, instance: string, comp: string, extra = ""): Promise<ApiResponse> {
  return api(emu, svcPath(service, `/deploymentslots/${slot}/roleinstances/${instance}?comp=${comp}${extra}`), {
    method: "POST",
    headers: { "content-type": "application/xml" },
  });
}

export async function control(emu: EmulatorHandle, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

/** An element of a parsed document, children in document order. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false, trimValues: false });

function toNodes(items: Ordered): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ":@" && k !== "#text");
    if (name === undefined || name.startsWith("?")) continue;
    const inner = item[name] as Ordered;
    const attrs = (item[":@"] ?? {}) as Record<string, string>;
    const text = inner.map((c) => (typeof c["#text"] === "string" ? c["#text"] : "")).join("");
    nodes.push({ name, attrs, children: toNodes(inner), text });
  }
  return nodes;
}

/** Parses with a real XML parser and returns the root element. */
export function parseXml(xml: string): XmlNode {
  const nodes = toNodes(parser.parse(xml) as Ordered);
  if (nodes.length !== 1 || !nodes[0]) throw new Error(`expected one root element, got ${nodes.length}`);
  return nodes[0];
}

export function names(node: XmlNode): string[] {
  return node.children.map((c) => c.name);
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}> (has ${names(node).join(", ")})`);
  return found;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Text of a path of child elements, e.g. value(dep, "RoleInstanceList", "RoleInstance", "InstanceName"). */
export function value(node: XmlNode, ...path: string[]): string {
  let n = node;
  for (const p of path) n = child(n, p);
  return n.text;
}

export function instanceByName(deployment: XmlNode, name: string): XmlNode {
  const found = all(child(deployment, "RoleInstanceList"), "RoleInstance").find((i) => value(i, "InstanceName") === name);
  if (!found) throw new Error(`no instance ${name}`);
  return found;
}

export async function getDeployment(emu: EmulatorHandle, service: string, slot: string): Promise<XmlNode> {
  const res = await api(emu, svcPath(service, `/deploymentslots/${slot}`));
  if (res.status !== 200) throw new Error(`Get Deployment ${service}/${slot}: ${res.status} ${res.text}`);
  return parseXml(res.text);
}

export async function operationStatus(emu: EmulatorHandle, id: string): Promise<XmlNode> {
  const res = await api(emu, `/${SUB}/operations/${id}`);
  if (res.status !== 200) throw new Error(`Get Operation Status ${id}: ${res.status} ${res.text}`);
  return parseXml(res.text);
}

/** Asserts the Error XML shape and returns code and message. */
export function errorOf(res: ApiResponse): { code: string; message: string } {
  const root = parseXml(res.text);
  if (root.name !== "Error" || root.attrs.xmlns !== NS || root.attrs["xmlns:i"] !== NS_I) {
    throw new Error(`not a Service Management Error XML: ${res.text}`);
  }
  return { code: value(root, "Code"), message: value(root, "Message") };
}

export const MINUTE = 60_000;
