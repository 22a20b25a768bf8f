import type { IncomingMessage } from "node:http";
import { errors } from "./classic/errors.ts";

/** Reading a request: the URL split into decoded segments and query, and a size-limited body. */
export const BODY_LIMIT = 1024 * 1024;
/** Past this many bytes the emulator stops reading and drops the connection. */
const HARD_LIMIT = 16 * BODY_LIMIT;

export interface ParsedUrl {
  rawPath: string;
  segments: string[];
  query: Record<string, string>;
}

function decode(part: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? part.replace(/\+/g, " ") : part);
  } catch {
    throw errors.badRequest("The request URI is not valid: it contains a malformed percent-encoding.");
  }
}

/** Splits `req.url`; throws 400 Error XML on malformed percent-encoding. */
export function parseUrl(url: string): ParsedUrl {
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);
  const segments = rawPath.split("/").filter((s) => s !== "").map((s) => decode(s, false));
  const query: Record<string, string> = {};
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq), true).toLowerCase();
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1), true);
    if (!(key in query)) query[key] = value;
  }
  return { rawPath, segments, query };
}

/** The same query without throwing, for the request log. */
export function lenientQuery(url: string): Record<string, string> {
  const q = url.indexOf("?");
  return q === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(q + 1)));
}

export interface Body {
  text: string;
  tooLarge: boolean;
}

/** Reads the body, keeping at most BODY_LIMIT bytes; an oversize body is drained, not kept. */
export function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else if (size > HARD_LIMIT) req.destroy();
    });
    req.on("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > BODY_LIMIT }));
    req.on("error", reject);
    req.on("close", () => resolve({ text: "", tooLarge: size > BODY_LIMIT }));
  });
}
