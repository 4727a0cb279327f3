// The order and the pages of a list as the console shows it: rows sorted by
// one column (text in the reader's collation, amounts exactly as decimals,
// instants by time), then cut into pages of a fixed size. The API answers
// newest first; a sort orders the rows loaded so far.
import { sumDecimalStrings } from "./decimal-sum.ts";

export type SortDirection = "ascending" | "descending";

/** What a column sorts by: text, an exact decimal (an amount), or an instant (ISO 8601). */
export type SortValue =
  | { kind: "text"; value: string | null }
  | { kind: "decimal"; value: string | null }
  | { kind: "instant"; value: string | null };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function negated(value: string): string {
  return value.startsWith("-") ? value.slice(1) : `-${value.replace(/^\+/, "")}`;
}

/** The sign of first − second, exactly. */
export function compareDecimalStrings(first: string, second: string): number {
  const difference = sumDecimalStrings([first, negated(second)]);
  if (difference.startsWith("-")) return -1;
  return /[1-9]/.test(difference) ? 1 : 0;
}

function compareValues(first: SortValue, second: SortValue): number {
  // Rows without a value go last, whichever the direction.
  if (first.value === null || second.value === null) return 0;
  if (first.kind === "decimal") return compareDecimalStrings(first.value, second.value);
  if (first.kind === "instant") return Date.parse(first.value) - Date.parse(second.value);
  return collator.compare(first.value, second.value);
}

/** The rows in the column's order; equal rows keep the API's order. */
export function sortRows<Row>(
  rows: readonly Row[],
  sortValueOf: (row: Row) => SortValue,
  direction: SortDirection,
): Row[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValueOf(row) }))
    .sort((first, second) => {
      const firstMissing = first.value.value === null;
      const secondMissing = second.value.value === null;
      if (firstMissing !== secondMissing) return firstMissing ? 1 : -1;
      return sign * compareValues(first.value, second.value) || first.index - second.index;
    })
    .map((entry) => entry.row);
}

export type PageWindow = {
  /** 1-based, within the pages there are. */
  page: number;
  pages: number;
  /** The rows of the page: from `start` (0-based) up to, not including, `end`. */
  start: number;
  end: number;
};

/** Page `page` (1-based) of `total` rows in pages of `size`; a page past the end shows the last. */
export function pageWindow(total: number, page: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (shown - 1) * size;
  return { page: shown, pages, start, end: Math.min(total, start + size) };
}

/** A page number read from the address: a positive whole number, else 1. */
export function pageNumber(text: string | null): number {
  return text !== null && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : 1;
}
