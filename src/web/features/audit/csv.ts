// CSV as RFC 4180 writes it, for spreadsheets: a dozen lines, so no library. Every field is quoted
// (its quotes doubled), whatever it holds: Excel splits on the locale's list separator, which is ";"
// (or another character) in much of the world, so a reason like `INC-1;=cmd|' /C calc'!A0` unquoted
// would become two cells, the second a formula. Lines end in CRLF; a byte order mark tells Excel
// the text is UTF-8 (names and Azure's messages are not all ASCII).
//
// A cell that starts with = + - @ (or a tab or CR) is a formula to a spreadsheet, quoted or not: an
// actor name, a reason or an error message from upstream could run as one when the file is opened
// (OWASP "CSV injection"). Such a cell gets a leading apostrophe, which makes the spreadsheet read it
// as text; the apostrophe stays visible in the cell (it is data in a CSV, not Excel's typed prefix).

const formulaStart = /^[=+\-@\t\r]/;

/** One field, quoted, defused when a spreadsheet would run it; an absent value is an empty field. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A header line and one line per row, CRLF-separated, with a UTF-8 byte order mark. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
