import type { Instance } from "../../../shared/api.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import type { TargetData } from "../types.ts";
import type { BodyReader } from "./transport.ts";
import { toDeployment, toInstance } from "./map.ts";
import { deploymentHead, roleInstanceFields, type FieldKind, type WireRoleInstance } from "./wire.ts";
import { asMalformed, checkShape, xmlStream, type XmlEvents } from "./xml.ts";
import { skipped, TreeBuilder } from "./xml-tree.ts";
import { z } from "zod";

// Get Deployment, read as it arrives. Its instance list is nearly all of it (2,000 instances:
// ≈900 KB, 28,000 elements), so each <RoleInstance> goes from the parser's events straight into an
// Instance, its fields checked as they close by the kinds of wire.ts's roleInstanceFields (the same
// table the zod schema of the other replies is made from). Building the plain tree of the list,
// checking it with zod and then mapping it cost ≈5 ms more per read than saxes itself (measured for
// issue #12). The rest of the document is small and goes the usual way: tree, then zod.

const what = "Get Deployment";
const headReply = z.object({ Deployment: deploymentHead });
const fieldNames = Object.keys(roleInstanceFields) as (keyof typeof roleInstanceFields)[];
const fieldKinds: FieldKind[] = fieldNames.map((name) => roleInstanceFields[name]);
// Fields are found by their index in a Map, and kept in an array until the instance closes: indexing
// an object by each element's name (a new string every time, which V8 must look up to use as a key)
// cost about 1 ms more per 2,000 instances.
const fieldIndex = new Map<string, number>(fieldNames.map((name, i) => [name, i]));
const WHOLE_NUMBER = /^\d+$/;

type Value = string | number | undefined;

// Depths in the document: <Deployment> 1, <RoleInstanceList> 2, <RoleInstance> 3, its fields 4.
const LIST = 2;
const INSTANCE = 3;
const FIELD = 4;

class DeploymentEvents implements XmlEvents {
  readonly tree = new TreeBuilder();
  readonly instances: Instance[] = [];
  private depth = 0;
  private root = "";
  private listsSeen = 0;
  /** Inside the instance list: its events are read here, not given to the tree. */
  private inList = false;
  /**
   * What the list held besides whitespace, for the checks the tree and zod made of it: text of its own
   * (kept by the tree only when the list has no element in it), elements the tree builds, and
   * <RoleInstance>s. A list with text alone, or with elements but no <RoleInstance>, is not an instance list.
   */
  private listText = false;
  private listElements = false;
  private listInstances = false;
  /** Depth of an element of the list this reader does not read (0: none); its subtree is passed over. */
  private ignoring = 0;
  /** The fields of the <RoleInstance> being read, by index (undefined: not seen yet). */
  private readonly values: Value[] = fieldNames.map(() => undefined);
  /** The index of the field being read (-1: none), and its text so far. */
  private field = -1;
  private fieldText = "";

  constructor(private readonly requestId: string | undefined) {}

  open(name: string): void {
    const depth = ++this.depth;
    if (!this.inList) {
      if (depth === 1) this.root = name;
      if (depth === LIST && name === "RoleInstanceList" && this.root === "Deployment") {
        if (++this.listsSeen > 1) this.fail("Deployment.RoleInstanceList", "expected one instance list, got two");
        this.inList = true;
        this.listText = this.listElements = this.listInstances = false;
        return;
      }
      this.tree.open(name);
      return;
    }
    if (this.ignoring > 0) return;
    if (depth === INSTANCE) {
      if (!skipped.has(name)) this.listElements = true;
      if (name === "RoleInstance") {
        this.listInstances = true;
        this.values.fill(undefined);
      } else this.ignoring = depth;
    } else if (depth === FIELD) {
      const field = fieldIndex.get(name);
      if (field === undefined) this.ignoring = depth;
      else if (this.values[field] !== undefined) this.fail(this.at(field), "expected one element, got two");
      else {
        this.field = field;
        this.fieldText = "";
      }
    } else if (this.field >= 0) this.fail(this.at(this.field), "expected text, got elements");
  }

  text(text: string): void {
    if (!this.inList) this.tree.text(text);
    else if (this.field >= 0) this.fieldText += text;
    else if (this.depth === LIST && !this.listText) this.listText = /\S/.test(text);
  }

  close(): void {
    const depth = this.depth--;
    if (!this.inList) {
      this.tree.close();
      return;
    }
    if (this.ignoring > 0) {
      if (depth === this.ignoring) this.ignoring = 0;
      return;
    }
    if (depth === FIELD) this.closeField();
    else if (depth === INSTANCE) this.closeInstance();
    else if (depth === LIST) this.closeList();
  }

  private closeList(): void {
    this.inList = false;
    // The words of zod's failed union (the list was "" or { RoleInstance: [...] }), as before.
    if (this.listElements ? !this.listInstances : this.listText) this.fail("Deployment.RoleInstanceList", "Invalid input");
  }

  private closeField(): void {
    const field = this.field;
    const value = this.fieldText.trim();
    if (fieldKinds[field] === "wholeNumber?") {
      if (!WHOLE_NUMBER.test(value)) this.fail(this.at(field), "expected a whole number");
      this.values[field] = Number(value);
    } else this.values[field] = value;
    this.field = -1;
  }

  private closeInstance(): void {
    const record: Record<string, Value> = {};
    for (let i = 0; i < fieldNames.length; i++) {
      const value = this.values[i];
      if (value === undefined && fieldKinds[i] === "text") this.fail(this.at(i), "expected text, got nothing");
      record[fieldNames[i] as string] = value;
    }
    // Every field was checked by its kind as it closed, and the required ones are there.
    this.instances.push(toInstance(record as WireRoleInstance));
  }

  private at(field: number): string {
    return `Deployment.RoleInstanceList.RoleInstance.${this.instances.length}.${fieldNames[field] ?? ""}`;
  }

  private fail(where: string, message: string): never {
    throw new UpstreamError({ kind: "malformed", detail: `${what} has an unexpected shape at ${where}: ${message}`, requestId: this.requestId || undefined });
  }
}

/**
 * Reads a Get Deployment reply fed in pieces into the target it describes. Anything not well-formed,
 * and anything not of the expected shape, rejects with UpstreamError(malformed): never half a target.
 */
export function deploymentReader(requestId?: string): BodyReader<TargetData> {
  const events = new DeploymentEvents(requestId);
  const stream = xmlStream(events);
  return {
    write: (bytes) => asMalformed(() => stream.write(bytes), what, requestId),
    end() {
      const tree = asMalformed(() => {
        stream.end();
        return events.tree.done();
      }, what, requestId);
      return toDeployment(checkShape(tree, headReply, what, requestId).Deployment, events.instances);
    },
  };
}
