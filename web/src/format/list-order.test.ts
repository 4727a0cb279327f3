// Sorting a list's loaded rows by a column and cutting them into pages.
import { describe, expect, it } from "vitest";
import { compareDecimalStrings, pageNumber, pageWindow, type SortValue, sortRows } from "./list-order.ts";

type Row = { name: string; total: string | null; issued: string | null };
const rows: Row[] = [
  { name: "invoice 10", total: "100.00", issued: "2026-03-01T00:00:00Z" },
  { name: "Invoice 9", total: "9.99", issued: null },
  { name: "invoice 2", total: "1000.5", issued: "2026-01-15T00:00:00Z" },
  { name: "Refund", total: "-20", issued: "2026-02-01T00:00:00Z" },
  { name: "Empty", total: null, issued: "2025-12-31T23:00:00Z" },
];

const names = (sorted: Row[]) => sorted.map((row) => row.name);

describe("sorting loaded rows", () => {
  it("compares decimal strings exactly, whatever their scale", () => {
    expect(compareDecimalStrings("9.99", "100.00")).toBe(-1);
    expect(compareDecimalStrings("1000.5", "1000.50")).toBe(0);
    expect(compareDecimalStrings("-20", "-3.5")).toBe(-1);
    expect(compareDecimalStrings("0.30000000000000000001", "0.3")).toBe(1);
  });

  it("sorts amounts as decimals, not as text, rows without one last", () => {
    const byTotal = (row: Row): SortValue => ({ kind: "decimal", value: row.total });
    expect(names(sortRows(rows, byTotal, "ascending"))).toEqual([
      "Refund",
      "Invoice 9",
      "invoice 10",
      "invoice 2",
      "Empty",
    ]);
    expect(names(sortRows(rows, byTotal, "descending"))).toEqual([
      "invoice 2",
      "invoice 10",
      "Invoice 9",
      "Refund",
      "Empty",
    ]);
  });

  it("sorts text with numbers in order and case aside, and instants by time", () => {
    const byName = (row: Row): SortValue => ({ kind: "text", value: row.name });
    expect(names(sortRows(rows, byName, "ascending"))).toEqual([
      "Empty",
      "invoice 2",
      "Invoice 9",
      "invoice 10",
      "Refund",
    ]);
    const byIssue = (row: Row): SortValue => ({ kind: "instant", value: row.issued });
    expect(names(sortRows(rows, byIssue, "descending"))).toEqual([
      "invoice 10",
      "Refund",
      "invoice 2",
      "Empty",
      "Invoice 9",
    ]);
  });

  it("keeps the API's order among equal rows", () => {
    const same = (): SortValue => ({ kind: "text", value: "x" });
    expect(names(sortRows(rows, same, "descending"))).toEqual(names(rows));
  });
});

describe("pages", () => {
  it("cuts rows into pages and keeps a page past the end on the last", () => {
    expect(pageWindow(120, 1, 50)).toEqual({ page: 1, pages: 3, start: 0, end: 50 });
    expect(pageWindow(120, 3, 50)).toEqual({ page: 3, pages: 3, start: 100, end: 120 });
    expect(pageWindow(120, 9, 50)).toEqual({ page: 3, pages: 3, start: 100, end: 120 });
    expect(pageWindow(0, 1, 50)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
  });

  it("reads a page number from the address", () => {
    expect(pageNumber("2")).toBe(2);
    for (const text of [null, "0", "-1", "2.5", "abc", ""]) expect(pageNumber(text)).toBe(1);
  });
});
