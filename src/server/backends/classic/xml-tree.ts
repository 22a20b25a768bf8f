// The plain tree Rolecall reads upstream XML into, built from open / text / close events. Shared by
// both readers of xml.ts (the fast one and saxes), so that whichever reads a document, the tree is
// the same object for object.

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

/**
 * Builds the tree: an element with children becomes an object keyed by local name, an element
 * without children its trimmed text, repeated children arrays. Names given to it are local names
 * (namespace prefix dropped). Events must come from a well-formed document: the readers check that.
 */
export class TreeBuilder {
  private readonly root: Frame = { name: "", node: pathRoot, children: undefined, text: "" };
  private readonly stack: Frame[] = [this.root];
  private top: Frame = this.root;
  /** Depth inside a skipped subtree (0 = not in one). */
  private skipping = 0;

  open(name: string): void {
    if (this.skipping > 0) this.skipping++;
    else if (skipped.has(name)) this.skipping = 1;
    else this.stack.push((this.top = { name, node: this.top.node?.children.get(name), children: undefined, text: "" }));
  }

  text(text: string): void {
    if (this.skipping === 0) this.top.text += text;
  }

  close(): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const frame = this.stack.pop() as Frame;
    this.top = this.stack[this.stack.length - 1] as Frame;
    this.attach(frame.name, frame.node, frame.children ?? frame.text.trim());
  }

  /** open(name), text(text), close() in one step, for the commonest element: one with only text. */
  leaf(name: string, text: string): void {
    if (this.skipping > 0 || skipped.has(name)) return;
    this.attach(name, this.top.node?.children.get(name), text.trim());
  }

  /** The tree of the whole document; throws if there was no (unskipped) root element. */
  done(): Record<string, unknown> {
    if (!this.root.children) throw new Error("no root element");
    return this.root.children;
  }

  private attach(name: string, node: PathNode | undefined, value: unknown): void {
    const siblings = (this.top.children ??= {});
    if (node?.array) ((siblings[name] ??= []) as unknown[]).push(value);
    else if (name in siblings) {
      // Arrays here are only ever made by this line, so growing one in place is safe.
      const previous = siblings[name];
      if (Array.isArray(previous)) previous.push(value);
      else siblings[name] = [previous, value];
    } else siblings[name] = value;
  }
}
