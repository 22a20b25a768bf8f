/**
 * Templated XML with escaping. Element order is exactly the order of the arguments, which is what
 * order-sensitive clients (.NET DataContractSerializer) need.
 */
export const NS = "http://schemas.microsoft.com/windowsazure";
export const NS_I = "http://www.w3.org/2001/XMLSchema-instance";

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

type Child = string | false | undefined;

/** An element with element children; no children renders self-closing. */
export function el(name: string, ...children: Child[]): string {
  const inner = children.filter((c): c is string => typeof c === "string").join("");
  return inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

/** A leaf element: `""` renders `<X/>`, `null` renders `<X i:nil="true"/>`. */
export function text(name: string, value: string | number | boolean | null): string {
  if (value === null) return `<${name} i:nil="true"/>`;
  const s = String(value);
  return s === "" ? `<${name}/>` : `<${name}>${escapeXml(s)}</${name}>`;
}

/** A root element carrying the windowsazure default namespace and the `i` prefix. */
export function root(name: string, ...children: Child[]): string {
  const inner = children.filter((c): c is string => typeof c === "string").join("");
  return `${rootStart(name)}${inner}</${name}>`;
}

/** The start tag of root(), for a body sent in pieces. */
export function rootStart(name: string): string {
  return `<${name} xmlns="${NS}" xmlns:i="${NS_I}">`;
}

export function base64(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}
