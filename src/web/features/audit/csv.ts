// CSV as RFC 4180 writes it, for spreadsheets: a dozen lines, so no library. Fields with a comma, a
// quote, a line break or edge spaces are quoted and their quotes doubled; lines end in CRLF; a byte
// order mark tells Excel the text is UTF-8 (names and Azure's messages are not all ASCII).
//
// A cell that starts with = + - @ (or a tab or CR) is a formula to a spreadsheet: an actor name or
// an error message from upstream could run as one when the file is opened (OWASP "CSV injection").
// Such a cell gets a leading apostrophe, which spreadsheets show as text and do not display.

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

/** One field, quoted when it must be, defused when a spreadsheet would run it. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and one line per row, CRLF-separated, with a UTF-8 byte order mark. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
