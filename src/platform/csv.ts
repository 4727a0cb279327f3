// CSV cells for files people open in a spreadsheet (the journal, backtests):
// quoted per RFC 4180, and written as text when a spreadsheet would run them
// as a formula (OWASP's rule for CSV injection): a cell that starts with
// = + - @, a tab or a carriage return gets a leading single quote, unless it
// is a plain number such as -12.50, which no spreadsheet runs.

/** One cell of a CSV row; null is an empty cell. */
export function csvCell(value: string | null): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
