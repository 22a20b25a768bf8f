import { SaxesParser } from "saxes";
import { z } from "zod";
import { UpstreamError } from "../../upstream/errors.ts";

// XML is read with saxes, a spec-conformant, well-formedness-checking streaming parser (the one
// jsdom uses). fast-xml-parser was the first choice, but on the 2,000-instance deployment (≈900 KB)
// it took ≈4× longer than the emulator needed to produce the reply, which alone broke the overhead
// budget; saxes builds the same tree several times faster (bench/proxy.ts measures the result).

// Lists that must stay arrays even when they hold one element. Keyed by path so the root
// <HostedService> of Get Hosted Service is not confused with the items of List Hosted Services.
const arrayPaths = [
  "HostedServices.HostedService",
  "HostedService.Deployments.Deployment",
  "HostedService.Deployments.Deployment.RoleInstanceList.RoleInstance",
  "HostedService.Deployments.Deployment.RoleList.Role",
  "Deployment.RoleInstanceList.RoleInstance",
  "Deployment.RoleList.Role",
  "Subscriptions.Subscription",
];

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

/** arrayPaths as a trie, walked while parsing: no path strings are built per element. */
interface PathNode {
  array: boolean;
  children: Map<string, PathNode>;
}
const pathRoot: PathNode = { array: false, children: new Map() };
for (const path of arrayPaths) {
  let node = pathRoot;
  for (const part of path.split(".")) {
    let next = node.children.get(part);
    if (!next) node.children.set(part, (next = { array: false, children: new Map() }));
    node = next;
  }
  node.array = true;
}

interface Frame {
  name: string;
  /** Where this element sits in the arrayPaths trie; undefined once off every listed path. */
  node: PathNode | undefined;
  children: Record<string, unknown> | undefined;
  text: string;
}

const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Builds the plain tree of xmlToTree from text fed in pieces (e.g. as a reply body arrives). */
export interface XmlTreeReader {
  write(text: string): void;
  /** Ends the document; throws if it is not well-formed (or a write already threw). */
  end(): Record<string, unknown>;
}

export function xmlTreeReader(): XmlTreeReader {
  const parser = new SaxesParser({ position: false });
  const root: Frame = { name: "", node: pathRoot, children: undefined, text: "" };
  const stack: Frame[] = [root];
  let top = root;
  let skipping = 0;
  let failed: Error | undefined;
  parser.on("doctype", () => {
    throw new Error("DOCTYPE is not allowed");
  });
  parser.on("opentag", (tag) => {
    // saxes reports a closetag for self-closing elements too, so the counts balance.
    if (skipping > 0) {
      skipping++;
      return;
    }
    const name = localName(tag.name);
    if (skipped.has(name)) {
      skipping = 1;
      return;
    }
    stack.push((top = { name, node: top.node?.children.get(name), children: undefined, text: "" }));
  });
  const onText = (text: string) => {
    if (skipping === 0) top.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    if (skipping > 0) {
      skipping--;
      return;
    }
    const frame = stack.pop() as Frame;
    top = stack[stack.length - 1] as Frame;
    const name = frame.name;
    const value = frame.children ?? frame.text.trim();
    const siblings = (top.children ??= {});
    if (frame.node?.array) ((siblings[name] ??= []) as unknown[]).push(value);
    else if (name in siblings) {
      const previous = siblings[name];
      siblings[name] = Array.isArray(previous) ? [...(previous as unknown[]), value] : [previous, value];
    } else siblings[name] = value;
  });
  return {
    write(text) {
      if (failed !== undefined) return;
      try {
        parser.write(text);
      } catch (err) {
        failed = err instanceof Error ? err : new Error(String(err));
      }
    },
    end() {
      if (failed !== undefined) throw failed;
      parser.close();
      if (!root.children) throw new Error("no root element");
      return root.children;
    },
  };
}

/**
 * XML → plain tree: an element with children becomes an object keyed by local name (namespace
 * prefixes and attributes dropped: i:nil / i:type carry nothing we read), an element without
 * children becomes its trimmed text ("" when empty or nil), repeated children become arrays.
 * Throws on anything that is not a well-formed document, and on DOCTYPEs (never sent by the API;
 * refusing them rules out entity tricks).
 */
export function xmlToTree(xml: string): Record<string, unknown> {
  const reader = xmlTreeReader();
  reader.write(xml);
  return reader.end();
}

/**
 * Reads an upstream XML body fed in pieces and checks it against `schema` at the end, with the
 * same errors as parseXml: UpstreamError(malformed) for bad XML or an unexpected shape.
 */
export function xmlBodyReader<T>(schema: z.ZodType<T>, what: string, requestId?: string): { write(text: string): void; end(): T } {
  const reader = xmlTreeReader();
  return {
    write: (text) => reader.write(text),
    end() {
      let tree: Record<string, unknown>;
      try {
        tree = reader.end();
      } catch (err) {
        throw notWellFormed(err, what, requestId);
      }
      return checkShape(tree, schema, what, requestId);
    },
  };
}

function notWellFormed(err: unknown, what: string, requestId: string | undefined): UpstreamError {
  const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return new UpstreamError({ kind: "malformed", detail: `${what} is not well-formed XML (${reason ?? "parse error"})`, requestId: requestId || undefined });
}

function checkShape<T>(tree: Record<string, unknown>, schema: z.ZodType<T>, what: string, requestId: string | undefined): T {
  const result = schema.safeParse(tree);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join(".") : "";
    throw new UpstreamError({
      kind: "malformed",
      detail: `${what} has an unexpected shape${where ? ` at ${where}` : ""}: ${issue?.message ?? "invalid"}`,
      requestId: requestId || undefined,
    });
  }
  return result.data;
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
    throw notWellFormed(err, what, requestId);
  }
  return checkShape(tree, schema, what, requestId);
}

/** The `<Error><Code/><Message/></Error>` body of a failed call, if it has one. */
export function parseErrorBody(body: string): { code?: string; message?: string } {
  if (!body.trim()) return {};
  try {
    const parsed = errorSchema.safeParse(xmlToTree(body));
    return parsed.success ? { code: parsed.data.Error.Code, message: parsed.data.Error.Message || undefined } : {};
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
