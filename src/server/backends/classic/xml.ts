import { SaxesParser } from "saxes";
import { z } from "zod";
import { UpstreamError } from "../../upstream/errors.ts";
import { TreeBuilder } from "./xml-tree.ts";

// XML is read by saxes, a maintained, spec-conformant, well-formedness-checking parser (the one jsdom
// uses), while the reply arrives: into a plain tree (xml-tree.ts), or, for Get Deployment, straight
// into the target (deployment-reader.ts). Measured on the 2,000-instance deployment (≈900 KB, 28,000
// elements; node 20): saxes 8–9 ms bare. Measured again for issue #12, none of the others is both
// faster and strict: htmlparser2 (xmlMode) 9–10 ms, its Tokenizer alone 8 ms, and lenient (it closes
// mismatched tags, takes two roots); libxml2-wasm parses in 6–9 ms but walking its DOM from JS takes
// 80 ms; sax-wasm 42 ms; txml 24 ms; fast-xml-parser 78 ms; saxen 6 ms but lenient (two roots,
// unknown entities, control characters); @rgrove/parse-xml 57 ms, ltx 44 ms (earlier figures).
// A hand-written reader of the plain subset reached 4–5 ms; it was not kept: the house rule is a
// maintained library for XML, and this is where untrusted bytes are read.

const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** What a reader is told of a document, element by element: local names (namespace prefix dropped). */
export interface XmlEvents {
  open(name: string): void;
  text(text: string): void;
  close(): void;
}

/** Reads a UTF-8 body fed in pieces (as a reply arrives) into `events`. */
export interface XmlStream {
  write(bytes: Buffer): void;
  /** Ends the document; throws if it is not well-formed. */
  end(): void;
}

/** A saxes parser feeding `events`; throws on anything not well-formed, and on DOCTYPEs. */
function saxesFor(events: XmlEvents): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on("doctype", () => {
    throw new Error("DOCTYPE is not allowed");
  });
  // saxes reports a closetag for self-closing elements too, so the events balance.
  parser.on("opentag", (tag) => events.open(localName(tag.name)));
  parser.on("text", (text) => events.text(text));
  parser.on("cdata", (text) => events.text(text));
  parser.on("closetag", () => events.close());
  return parser;
}

const LT = 0x3c;

export function xmlStream(events: XmlEvents): XmlStream {
  const parser = saxesFor(events);
  // Text is cut right before a '<' (one byte in UTF-8, never inside a character), so each byte is
  // decoded once and no character is split between two pieces. Pieces without a '<' wait in a list,
  // joined once one comes: joining at each piece would copy a long text over and over.
  const pending: Buffer[] = [];
  return {
    write(bytes) {
      const cut = bytes.lastIndexOf(LT);
      if (cut < 0 || (cut === 0 && pending.length === 0)) {
        pending.push(bytes);
        return;
      }
      const head = bytes.subarray(0, cut);
      const data = pending.length > 0 ? Buffer.concat([...pending, head]) : head;
      pending.length = 0;
      pending.push(bytes.subarray(cut));
      parser.write(data.toString("utf8"));
    },
    end() {
      if (pending.length > 0) parser.write(Buffer.concat(pending).toString("utf8"));
      parser.close();
    },
  };
}

/** Builds the plain tree of xmlToTree from a UTF-8 body fed in pieces (as a reply arrives). */
export interface XmlTreeReader {
  write(bytes: Buffer): void;
  /** Ends the document; throws if it is not well-formed. */
  end(): Record<string, unknown>;
}

export function xmlTreeReader(): XmlTreeReader {
  const builder = new TreeBuilder();
  const stream = xmlStream(builder);
  return {
    write: (bytes) => stream.write(bytes),
    end() {
      stream.end();
      return builder.done();
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
  const builder = new TreeBuilder();
  const parser = saxesFor(builder);
  parser.write(xml);
  parser.close();
  return builder.done();
}

/**
 * Reads an upstream XML body fed in pieces and checks it against `schema` at the end, with the
 * same errors as parseXml: UpstreamError(malformed) for bad XML or an unexpected shape.
 */
export function xmlBodyReader<T>(schema: z.ZodType<T>, what: string, requestId?: string): { write(bytes: Buffer): void; end(): T } {
  const reader = xmlTreeReader();
  return {
    // A fault found mid-body (a mismatched tag) is as malformed as one found at its end.
    write: (bytes) => asMalformed(() => reader.write(bytes), what, requestId),
    end: () => checkShape(asMalformed(() => reader.end(), what, requestId), schema, what, requestId),
  };
}

/** Runs a step of reading `what`; a parser's error comes out as UpstreamError(malformed), an UpstreamError as it is. */
export function asMalformed<R>(step: () => R, what: string, requestId: string | undefined): R {
  try {
    return step();
  } catch (err) {
    throw err instanceof UpstreamError ? err : notWellFormed(err, what, requestId);
  }
}

function notWellFormed(err: unknown, what: string, requestId: string | undefined): UpstreamError {
  const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return new UpstreamError({ kind: "malformed", detail: `${what} is not well-formed XML (${reason ?? "parse error"})`, requestId: requestId || undefined });
}

export function checkShape<T>(tree: Record<string, unknown>, schema: z.ZodType<T>, what: string, requestId: string | undefined): T {
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
