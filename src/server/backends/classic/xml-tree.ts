// The plain tree Rolecall reads upstream XML into, built from the open / text / close events of the
// parser in xml.ts. It runs once per element of a reply (28,000 in a 2,000-instance deployment), so
// it allocates nothing per element but what the tree keeps.

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
export const skipped: ReadonlySet<string> = new Set([
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
  /** Frames by depth, reused from one element to the next at the same depth (the tree keeps none of them). */
  private readonly stack: Frame[] = [this.root];
  private depth = 0;
  private top: Frame = this.root;
  /** Depth inside a skipped subtree (0 = not in one). */
  private skipping = 0;

  open(name: string): void {
    if (this.skipping > 0) this.skipping++;
    else if (skipped.has(name)) this.skipping = 1;
    else {
      const node = this.top.node?.children.get(name);
      const depth = ++this.depth;
      let frame = this.stack[depth];
      if (frame === undefined) this.stack[depth] = frame = { name, node, children: undefined, text: "" };
      else {
        frame.name = name;
        frame.node = node;
        frame.children = undefined;
        frame.text = "";
      }
      this.top = frame;
    }
  }

  text(text: string): void {
    if (this.skipping === 0) this.top.text += text;
  }

  close(): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const frame = this.top;
    this.top = this.stack[--this.depth] as Frame;
    this.attach(frame.name, frame.node, frame.children ?? frame.text.trim());
  }

  /** The tree of the whole document; throws if there was no (unskipped) root element. */
  done(): Record<string, unknown> {
    if (!this.root.children) throw new Error("no root element");
    return this.root.children;
  }

  private attach(name: string, node: PathNode | undefined, value: unknown): void {
    // No prototype: an element named `constructor` or `__proto__` is a name like any other.
    const siblings = (this.top.children ??= Object.create(null) as Record<string, unknown>);
    // Values are never undefined, so one lookup tells whether the name came before.
    const previous = siblings[name];
    if (previous === undefined) siblings[name] = node?.array ? [value] : value;
    // Arrays here are only ever made by this method, so growing one in place is safe.
    else if (Array.isArray(previous)) previous.push(value);
    else siblings[name] = [previous, value];
  }
}
