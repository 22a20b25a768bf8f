import { SaxesParser } from "saxes";
import { z } from "zod";
import { UpstreamError } from "./errors.ts";

// XML is read with saxes, a spec-conformant, well-formedness-checking streaming parser (the one
// jsdom uses). fast-xml-parser was the first choice, but on the 2,000-instance deployment (≈900 KB)
// it took ≈4× longer than the emulator needed to produce the reply, which alone broke the overhead
// budget; saxes builds the same tree several times faster (bench/proxy.ts measures the result).

// Lists that must stay arrays even when they hold one element. Keyed by path so the root
// <HostedService> of Get Hosted Service is not confused with the items of List Hosted Services.
const arrayPaths = new Set([
  "HostedServices.HostedService",
  "HostedService.Deployments.Deployment",
  "HostedService.Deployments.Deployment.RoleInstanceList.RoleInstance",
  "HostedService.Deployments.Deployment.RoleList.Role",
  "Deployment.RoleInstanceList.RoleInstance",
  "Deployment.RoleList.Role",
  "Subscriptions.Subscription",
]);

// Subtrees Rolecall never reads: they are still checked for well-formedness, but not built.
const skipped = new Set([
  "Configuration",
  "InstanceEndpoints",
  "GuestAgentStatus",
  "ResourceExtensionStatusList",
  "PublicIPs",
  "NetworkInterfaces",
  "ConfigurationSets",
  "ExtensionConfiguration",
  "ExtendedProperties",
  "ComputeCapabilities",
  "VirtualIPs",
  "Dns",
  "LoadBalancers",
  "PersistentVMDowntime",
  "MaintenanceStatus",
]);

interface Frame {
  path: string;
  children: Record<string, unknown> | undefined;
  text: string;
}

const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * XML → plain tree: an element with children becomes an object keyed by local name (namespace
 * prefixes and attributes dropped: i:nil / i:type carry nothing we read), an element without
 * children becomes its trimmed text ("" when empty or nil), repeated children become arrays.
 * Throws on anything that is not a well-formed document, and on DOCTYPEs (never sent by the API;
 * refusing them rules out entity tricks).
 */
export function xmlToTree(xml: string): Record<string, unknown> {
  const parser = new SaxesParser({ position: false });
  const root: Frame = { path: "", children: undefined, text: "" };
  const stack: Frame[] = [root];
  let skipping = 0;
  parser.on("doctype", () => {
    throw new Error("DOCTYPE is not allowed");
  });
  parser.on("opentag", (tag) => {
    // saxes reports a closetag for self-closing elements too, so the counts balance.
    if (skipping > 0 || skipped.has(localName(tag.name))) {
      skipping++;
      return;
    }
    const parent = stack[stack.length - 1] as Frame;
    const name = localName(tag.name);
    stack.push({ path: parent.path ? `${parent.path}.${name}` : name, children: undefined, text: "" });
  });
  parser.on("text", (text) => {
    if (skipping === 0) (stack[stack.length - 1] as Frame).text += text;
  });
  parser.on("cdata", (text) => {
    if (skipping === 0) (stack[stack.length - 1] as Frame).text += text;
  });
  parser.on("closetag", (tag) => {
    if (skipping > 0) {
      skipping--;
      return;
    }
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1] as Frame;
    const name = localName(tag.name);
    const value = frame.children ?? frame.text.trim();
    const siblings = (parent.children ??= {});
    if (arrayPaths.has(frame.path)) ((siblings[name] ??= []) as unknown[]).push(value);
    else if (name in siblings) {
      const previous = siblings[name];
      siblings[name] = Array.isArray(previous) ? [...(previous as unknown[]), value] : [previous, value];
    } else siblings[name] = value;
  });
  parser.write(xml).close();
  if (!root.children) throw new Error("no root element");
  return root.children;
}

/**
 * Parses and checks an upstream XML body against `schema`. Malformed XML or an unexpected shape
 * throws UpstreamError(malformed): the caller answers 502, never a half-parsed object.
 */
export function parseXml<T>(body: string, schema: z.ZodType<T>, what: string, requestId?: string): T {
  let tree: Record<string, unknown>;
  try {
    tree = xmlToTree(body);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new UpstreamError({ kind: "malformed", detail: `${what} is not well-formed XML (${reason ?? "parse error"})`, ...(requestId ? { requestId } : {}) });
  }
  const result = schema.safeParse(tree);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join(".") : "";
    throw new UpstreamError({
      kind: "malformed",
      detail: `${what} has an unexpected shape${where ? ` at ${where}` : ""}: ${issue?.message ?? "invalid"}`,
      ...(requestId ? { requestId } : {}),
    });
  }
  return result.data;
}

/** The `<Error><Code/><Message/></Error>` body of a failed call, if it has one. */
export function parseErrorBody(body: string): { code?: string; message?: string } {
  if (!body.trim()) return {};
  try {
    const parsed = errorSchema.safeParse(xmlToTree(body));
    return parsed.success ? { code: parsed.data.Error.Code, ...(parsed.data.Error.Message ? { message: parsed.data.Error.Message } : {}) } : {};
  } catch {
    return {};
  }
}

/** Text of an element ("" when empty or nil). */
export const text = z.string();
/** A whole number carried as element text. */
export const wholeNumber = z.string().regex(/^\d+$/, "expected a whole number").transform(Number);
/** An element that may be empty (`<X/>` → "") or hold children. */
export const orEmpty = <T extends z.ZodType>(inner: T) => z.union([z.literal("").transform(() => undefined), inner]);

const errorSchema = z.object({ Error: z.object({ Code: text, Message: text.optional() }) });

/** Label is base64 of UTF-8, but tools double-encode or store binary: fall back to the raw value. */
export function decodeLabel(raw: string): string {
  if (!raw || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || raw.length % 4 !== 0) return raw;
  const decoded = Buffer.from(raw, "base64").toString("utf8");
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded) ? raw : decoded;
}
