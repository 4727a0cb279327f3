// CSV files people upload (imports, a partner's external sales), checked
// against a template without the database: the header (every column known,
// the required ones there, none twice), then each row, cell by cell, against
// the template's schema, every problem named by its row (the header is row 1,
// as a spreadsheet numbers it) and column. Rows that pass become the input of
// a domain's use case.
import { parse } from "csv-parse/sync";
import { type TObject, Type } from "typebox";
import { errorMessage } from "./errors.ts";
import { compileStrictValidator } from "./http/validation.ts";

/** A problem of a file, by row (1 is the header) and column (null: the whole row). */
export type CsvProblem = { row: number; column: string | null; message: string };

export function describeProblem(problem: CsvProblem): string {
  return problem.column === null
    ? `row ${problem.row}: ${problem.message}`
    : `row ${problem.row}, column ${problem.column}: ${problem.message}`;
}

/** A row that passed its template: its row number and its filled cells by column. */
export type CsvRow = { row: number; cells: Record<string, string> };

export type CheckedCsvFile = {
  /** The rows that passed. */
  rows: CsvRow[];
  problems: CsvProblem[];
  /** Rows after the header. */
  rowCount: number;
  /** Every row's filled cells by row number, passed or not (none when the header has problems). */
  cellsByRow: Map<number, Record<string, string>>;
};

export type CsvTemplateSpec = {
  /** How problems name the template ("the customers template"). */
  name: string;
  /** The schema of each column's cell. */
  columns: TObject;
  /** The columns that must be there and filled. */
  required: readonly string[];
  /** A column whose values must not repeat within a file (an external id). */
  uniqueColumn?: string;
  /** Checks across a row's cells, after its cells passed. */
  rowProblems?: (cells: Record<string, string>, row: number) => CsvProblem[];
};

const validators = new WeakMap<CsvTemplateSpec, ReturnType<typeof compileStrictValidator>>();

function validatorOf(template: CsvTemplateSpec) {
  let validator = validators.get(template);
  if (validator === undefined) {
    validator = compileStrictValidator(
      Type.Object(template.columns.properties, {
        additionalProperties: false,
        required: [...template.required],
      }),
    );
    validators.set(template, validator);
  }
  return validator;
}

const unreadable = (problem: CsvProblem): CheckedCsvFile => ({
  rows: [],
  problems: [problem],
  rowCount: 0,
  cellsByRow: new Map(),
});

function headerProblems(template: CsvTemplateSpec, columns: readonly string[]): CsvProblem[] {
  const known = Object.keys(template.columns.properties);
  const problems: CsvProblem[] = [];
  columns.forEach((column, index) => {
    if (!known.includes(column)) {
      problems.push({
        row: 1,
        column,
        message: `is not a column of the ${template.name} template (${known.join(", ")})`,
      });
    } else if (columns.indexOf(column) !== index) {
      problems.push({ row: 1, column, message: "appears twice" });
    }
  });
  for (const required of template.required) {
    if (!columns.includes(required))
      problems.push({ row: 1, column: required, message: "is required and missing" });
  }
  return problems;
}

/** Reads the file and checks it against the template: the rows that pass, and every problem. */
export function checkCsvText(template: CsvTemplateSpec, text: string): CheckedCsvFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = errorMessage(error);
    return unreadable({ row: line ?? 1, column: null, message: `is not valid CSV (${message})` });
  }
  const [header, ...body] = records;
  if (header === undefined)
    return unreadable({ row: 1, column: null, message: "the file is empty: it needs a header row" });
  const columns = header.map((column) => column.trim());
  const problems = headerProblems(template, columns);
  if (problems.length > 0) return { rows: [], problems, rowCount: body.length, cellsByRow: new Map() };

  const validate = validatorOf(template);
  const rows: CsvRow[] = [];
  const seen = new Map<string, number>();
  const cellsByRow = new Map<number, Record<string, string>>();
  body.forEach((values, index) => {
    const row = index + 2;
    if (values.length !== columns.length) {
      problems.push({
        row,
        column: null,
        message: `has ${values.length} cells, and the header has ${columns.length}`,
      });
      return;
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, position) => {
      const value = (values[position] ?? "").trim();
      if (value !== "") cells[column] = value;
    });
    cellsByRow.set(row, cells);
    const rowProblems: CsvProblem[] = [];
    if (!validate(cells)) {
      for (const error of validate.errors ?? []) {
        const column =
          error.keyword === "required"
            ? String((error.params as { missingProperty: string }).missingProperty)
            : error.instancePath.replace(/^\//, "");
        const message =
          error.keyword === "required" ? "is required and empty" : (error.message ?? "is not valid");
        if (!rowProblems.some((problem) => problem.column === column))
          rowProblems.push({ row, column, message });
      }
    }
    const unique = template.uniqueColumn === undefined ? undefined : cells[template.uniqueColumn];
    if (template.uniqueColumn !== undefined && unique !== undefined) {
      const first = seen.get(unique);
      if (first !== undefined)
        rowProblems.push({ row, column: template.uniqueColumn, message: `repeats row ${first}` });
      else seen.set(unique, row);
    }
    if (template.rowProblems !== undefined) rowProblems.push(...template.rowProblems(cells, row));
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else rows.push({ row, cells });
  });
  return { rows, problems, rowCount: body.length, cellsByRow };
}
