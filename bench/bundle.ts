import { readFile } from "node:fs/promises";
import { brotliCompressSync, constants } from "node:zlib";

// What the deep link's JavaScript carries, for bench "wire": each minified byte of the chunks is
// traced back to its source through the build's source map (`build.sourcemap: "hidden"`), and
// grouped (a library, a feature folder of the SPA). For each group: its minified bytes, and what it
// adds to the brotli total — the total with the group minus the total without it, which is what
// leaving it out of the deep link would save (brotli shares context across groups, so the parts do
// not add up to the whole). Figures only; the cut is the reader's to choose.

export interface Share {
  group: string;
  /** Minified bytes from this group's sources. */
  raw: number;
  /** Brotli bytes the group adds to the deep link's total. */
  brotli: number;
}

/** The groups, in the order tried; the first match names a source. */
const groups: [name: string, test: RegExp][] = [
  ["react, react-dom, scheduler", /node_modules\/(react|react-dom|scheduler)\//],
  ["wouter (with regexparam)", /node_modules\/(wouter|regexparam|use-sync-external-store)\//],
  ["@tanstack/react-query", /node_modules\/@tanstack\/(react-query|query-core)\//],
  ["zod", /node_modules\/zod\//],
  ["other libraries", /node_modules\//],
  ["src/shared (the /api contract, catalogs)", /src\/shared\//],
  ["src/web/app (routes, pages, page hooks)", /src\/web\/app\//],
  ["src/web/features/deployment (the table)", /src\/web\/features\/deployment\//],
  ["src/web/features/operations (actions, tray)", /src\/web\/features\/operations\//],
  ["src/web/features/* (other features)", /src\/web\/features\//],
  ["src/web/components/ui", /src\/web\/components\//],
  ["src/web/lib and main", /src\/web\//],
];
const RUNTIME = "bundler runtime and chunk exports";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The source-map `mappings` as [generated column, source index] per segment, per line (source index
 * -1: no source). Only the fields needed here; the format is ECMA-426 (base64 VLQ).
 */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length > 1) source += fields[1] ?? 0;
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

const brotli = (text: string) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }).length;

/** Each chunk's code as [group, text] pieces, in order. */
async function pieces(files: readonly string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const file of files) {
    const code = await readFile(file, "utf8");
    const map = JSON.parse(await readFile(`${file}.map`, "utf8")) as { sources: string[]; mappings: string };
    const named = map.sources.map((s) => groups.find(([, test]) => test.test(s))?.[0] ?? RUNTIME);
    const lines = code.split("\n");
    decodeMappings(map.mappings).forEach((segments, i) => {
      const line = lines[i] ?? "";
      let at = 0;
      segments.forEach(([column, source], j) => {
        if (column > at) out.push([RUNTIME, line.slice(at, column)]);
        const end = segments[j + 1]?.[0] ?? line.length;
        out.push([source >= 0 ? (named[source] ?? RUNTIME) : RUNTIME, line.slice(column, end)]);
        at = end;
      });
      if (at < line.length) out.push([RUNTIME, line.slice(at)]);
      out.push([RUNTIME, "\n"]);
    });
  }
  return out;
}

/** The groups of `files` (built JS with `.map` beside each), largest brotli share first. */
export async function composition(files: readonly string[]): Promise<Share[]> {
  const all = await pieces(files);
  const total = brotli(all.map(([, t]) => t).join(""));
  const names = [...new Set(all.map(([g]) => g))];
  return names
    .map((group) => ({
      group,
      raw: all.reduce((n, [g, t]) => (g === group ? n + t.length : n), 0),
      brotli: total - brotli(all.filter(([g]) => g !== group).map(([, t]) => t).join("")),
    }))
    .sort((a, b) => b.brotli - a.brotli);
}
