import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

/**
 * A minimal RFC 4180 reader, to check that what is written reads back as it was meant; `separator`
 * as a spreadsheet in a locale whose list separator is ";" reads it.
 */
function parse(csv: string, separator = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quoted) {
      if (c === '"' && next === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator || (separator === ";" && c === "\t")) {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && next === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("csvCell", () => {
  it("quotes every field, plain text and numbers too; an absent value is an empty field", () => {
    expect(csvCell("Reimage")).toBe('"Reimage"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell("")).toBe('""');
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
  });

  it("doubles quotes and keeps commas, line breaks and edge spaces inside the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("-cmd")).toBe(`"'-cmd"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\tx")).toBe(`"'\tx"`);
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    // Numbers are data, not text someone typed: a negative number stays a number.
    expect(csvCell(-3)).toBe('"-3"');
  });

  it("keeps a field one cell where the list separator is \";\" or a tab: no formula after a split", () => {
    const attack = "INC-1;=cmd|' /C calc'!A0";
    const tabbed = "INC-2\t=cmd|' /C calc'!A0";
    const csv = toCsv(["id", "reason"], [[1, attack], [2, tabbed]]);
    expect(parse(csv)).toEqual([["id", "reason"], ["1", attack], ["2", tabbed]]);
    // Read with ";" (and tab) as the separator, no cell starts a formula: the attack stays inside its quotes.
    expect(parse(csv, ";").flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe("toCsv", () => {
  it("writes a BOM, a header, CRLF lines, and reads back to the same cells", () => {
    const rows = [
      ["2025-01-01T10:00:00.000Z", "Ada, on call", 'Reimage "W_0"', "line one\nline two", "Zoë ✓"],
      ["2025-01-01T10:05:00.000Z", "", "=1+1", " lead", "x"],
    ];
    const csv = toCsv(["at", "actor", "what", "error", "note"], rows);
    expect(csv.startsWith('\uFEFF"at","actor","what","error","note"\r\n')).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parse(csv)).toEqual([
      ["at", "actor", "what", "error", "note"],
      rows[0],
      ["2025-01-01T10:05:00.000Z", "", "'=1+1", " lead", "x"],
    ]);
  });

  it("writes just the header for no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe('\uFEFF"a","b"\r\n');
  });
});
