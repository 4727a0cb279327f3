// What a table shows, as CSV (RFC 4180): a header row and a row per item,
// every field quoted when it holds a comma, a quote or a line break, lines
// ended by CRLF. Amounts go as the API's decimal strings, never reformatted.

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(field).join(","))
    .join("\r\n")
    .concat("\r\n");
}
