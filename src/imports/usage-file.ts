// A file of past usage events for a backfill (docs/imports.md, "Usage
// history"), read without the database: NDJSON (one event object a line, as
// POST /v1/events takes it) or CSV (a header row of id, customer, name,
// timestamp and properties.<key> columns, then an event a row). Each event
// keeps its line, so that every problem, here or at ingestion, is named by
// its line and field. The event's own fields are checked by metering's
// ingestion, which stores each id once.
import { parse } from "csv-parse/sync";
import { errorMessage } from "../platform/errors.ts";

export type UsageFileFormat = "ndjson" | "csv";

/** The most events one file may hold: a backfill of more is split into files. */
export const maximumUsageEvents = 50_000;

/** A problem of the file, by line (1 is the first; a CSV file's header) and field (null: the whole line). */
export type UsageFileProblem = { line: number; field: string | null; message: string };

export type UsageFileEntry =
  | { line: number; event: Record<string, unknown>; problem?: undefined }
  | { line: number; event: Record<string, unknown> | null; problem: UsageFileProblem };

export type UsageFile = {
  /** An entry per event line, in the file's order: the event as read, or why it cannot be read. */
  entries: UsageFileEntry[];
  /** A problem of the whole file (an unreadable CSV, a bad header): no line is read. */
  fileProblem: UsageFileProblem | null;
};

export function describeUsageProblem(problem: UsageFileProblem): string {
  return problem.field === null
    ? `line ${problem.line}: ${problem.message}`
    : `line ${problem.line}, field ${problem.field}: ${problem.message}`;
}

const csvEventColumns = ["id", "customer", "name", "timestamp"] as const;
const requiredCsvColumns = ["id", "customer", "name"] as const;
const propertyPrefix = "properties.";

/** How many events the file holds, without reading them: its lines that are not blank (less a CSV header). */
export function countUsageEvents(format: UsageFileFormat, text: string): number {
  let lines = 0;
  for (const line of text.split("\n")) if (line.trim() !== "") lines += 1;
  return format === "csv" ? Math.max(0, lines - 1) : lines;
}

export function readUsageFile(format: UsageFileFormat, text: string): UsageFile {
  return format === "ndjson" ? readNdjson(text) : readCsv(text);
}

function readNdjson(text: string): UsageFile {
  const entries: UsageFileEntry[] = [];
  text.split("\n").forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      const message = errorMessage(error);
      entries.push({
        line,
        event: null,
        problem: { line, field: null, message: `is not JSON (${message})` },
      });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      entries.push({
        line,
        event: null,
        problem: { line, field: null, message: "must be one event, a JSON object" },
      });
      return;
    }
    entries.push({ line, event: value as Record<string, unknown> });
  });
  return { entries, fileProblem: null };
}

function readCsv(text: string): UsageFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = errorMessage(error);
    return { entries: [], fileProblem: { line, field: null, message: `is not valid CSV (${message})` } };
  }
  const [header, ...body] = records;
  if (header === undefined) {
    return {
      entries: [],
      fileProblem: { line: 1, field: null, message: "the file is empty: it needs a header row" },
    };
  }
  const columns = header.record.map((column) => column.trim());
  const headerProblem = checkHeader(columns, header.info.lines);
  if (headerProblem !== null) return { entries: [], fileProblem: headerProblem };
  const entries = body.map(({ record, info }): UsageFileEntry => {
    const line = info.lines;
    if (record.length !== columns.length) {
      return {
        line,
        event: null,
        problem: {
          line,
          field: null,
          message: `has ${record.length} cells, and the header has ${columns.length}`,
        },
      };
    }
    const event: Record<string, unknown> = {};
    const properties: Record<string, string> = {};
    columns.forEach((column, position) => {
      const value = (record[position] ?? "").trim();
      if (value === "") return;
      if (column.startsWith(propertyPrefix)) properties[column.slice(propertyPrefix.length)] = value;
      else event[column] = value;
    });
    if (Object.keys(properties).length > 0) event.properties = properties;
    return { line, event };
  });
  return { entries, fileProblem: null };
}

function checkHeader(columns: string[], line: number): UsageFileProblem | null {
  for (const [index, column] of columns.entries()) {
    const known =
      (csvEventColumns as readonly string[]).includes(column) ||
      (column.startsWith(propertyPrefix) && column.length > propertyPrefix.length);
    if (!known) {
      return {
        line,
        field: column,
        message: `is not a column of a usage file (${csvEventColumns.join(", ")}, properties.<key>)`,
      };
    }
    if (columns.indexOf(column) !== index) return { line, field: column, message: "appears twice" };
  }
  const missing = requiredCsvColumns.find((column) => !columns.includes(column));
  return missing === undefined ? null : { line, field: missing, message: "is required and missing" };
}
