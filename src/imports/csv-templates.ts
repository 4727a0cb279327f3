// The CSV templates of imports (documented in docs/imports.md), one per kind
// of object, and the checks of a file against its template, without the
// database: the header (every column known, the required ones there), then
// each row, cell by cell, every problem named by its row (the header is row
// 1, as a spreadsheet numbers it) and column. Rows that pass become the
// input of the domain's use case.
import { parse } from "csv-parse/sync";
import { type TObject, Type } from "typebox";
import type { CreateCustomerInput } from "../customers/index.ts";
import {
  DecimalString,
  ListedCountryCode,
  ListedCurrencyCode,
  Timestamp,
  TimeZoneName,
} from "../platform/http/schemas.ts";
import { compileStrictValidator } from "../platform/http/validation.ts";

const csvObjects = ["customers", "subscriptions"] as const;
export type CsvObject = (typeof csvObjects)[number];
/** The objects imports create, and the old system's invoices that a parallel run compares. */
export type CsvTemplate = CsvObject | "old_invoices";

/** A problem of a file, by row (1 is the header) and column (null: the whole row). */
export type CsvProblem = { row: number; column: string | null; message: string };

export function describeProblem(problem: CsvProblem): string {
  return problem.column === null
    ? `row ${problem.row}: ${problem.message}`
    : `row ${problem.row}, column ${problem.column}: ${problem.message}`;
}

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const WholeNumber = Type.String({ pattern: "^(0|[1-9][0-9]{0,5})$", description: "a whole number" });

/** Each object's columns: the schema of a cell, and whether the column must be there and filled. */
const templates: Record<CsvTemplate, { columns: TObject; required: readonly string[] }> = {
  customers: {
    columns: Type.Object({
      external_id: Text(255),
      name: Text(200),
      email: Type.String({ format: "email", maxLength: 320 }),
      country: ListedCountryCode,
      currency: ListedCurrencyCode,
      locale: Type.String({ minLength: 2, maxLength: 35 }),
      timezone: TimeZoneName,
      address_line1: Text(200),
      address_line2: Text(200),
      address_city: Text(100),
      address_postal_code: Text(20),
      address_state: Text(100),
      tax_id_type: Text(30),
      tax_id_value: Text(50),
    }),
    required: ["external_id"],
  },
  subscriptions: {
    columns: Type.Object({
      external_id: Text(255),
      customer_external_id: Text(255),
      plan_code: Text(100),
      plan_version: Type.String({ pattern: "^[1-9][0-9]{0,5}$", description: "a version number" }),
      start_at: Timestamp,
      trial_days: WholeNumber,
      currency: ListedCurrencyCode,
      quantities: Type.String({
        pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*=[0-9]+( [A-Za-z0-9][A-Za-z0-9_.:-]*=[0-9]+)*$",
        description: "charge_id=quantity pairs separated by spaces, such as seats=12",
      }),
    }),
    required: ["external_id", "customer_external_id", "plan_code", "start_at"],
  },
  // One row per invoice line; the invoice's columns repeat on each of its lines.
  old_invoices: {
    columns: Type.Object({
      customer_external_id: Text(255),
      invoice_number: Text(100),
      period_start: Timestamp,
      period_end: Timestamp,
      charge_code: Text(100),
      description: Text(500),
      quantity: DecimalString,
      unit_price: DecimalString,
      amount: DecimalString,
      tax: DecimalString,
      total: DecimalString,
    }),
    required: [
      "customer_external_id",
      "invoice_number",
      "period_start",
      "period_end",
      "charge_code",
      "amount",
    ],
  },
};

const validators = new Map<CsvTemplate, ReturnType<typeof compileStrictValidator>>();

function validatorOf(object: CsvTemplate) {
  let validator = validators.get(object);
  if (validator === undefined) {
    const template = templates[object];
    validator = compileStrictValidator(
      Type.Object(template.columns.properties, {
        additionalProperties: false,
        required: [...template.required],
      }),
    );
    validators.set(object, validator);
  }
  return validator;
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

/** Reads the file and checks it against the object's template: the rows that pass, and every problem. */
export function checkCsvFile(object: CsvTemplate, text: string): CheckedCsvFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = error instanceof Error ? error.message : String(error);
    return {
      rows: [],
      problems: [{ row: line ?? 1, column: null, message: `is not valid CSV (${message})` }],
      rowCount: 0,
      cellsByRow: new Map(),
    };
  }
  const [header, ...body] = records;
  const template = templates[object];
  const known = Object.keys(template.columns.properties);
  if (header === undefined)
    return {
      rows: [],
      problems: [{ row: 1, column: null, message: "the file is empty: it needs a header row" }],
      rowCount: 0,
      cellsByRow: new Map(),
    };
  const columns = header.map((column) => column.trim());
  const problems: CsvProblem[] = [];
  columns.forEach((column, index) => {
    if (!known.includes(column)) {
      problems.push({
        row: 1,
        column,
        message: `is not a column of the ${object} template (${known.join(", ")})`,
      });
    } else if (columns.indexOf(column) !== index) {
      problems.push({ row: 1, column, message: "appears twice" });
    }
  });
  for (const required of template.required) {
    if (!columns.includes(required))
      problems.push({ row: 1, column: required, message: "is required and missing" });
  }
  if (problems.length > 0) return { rows: [], problems, rowCount: body.length, cellsByRow: new Map() };

  const validate = validatorOf(object);
  const rows: CsvRow[] = [];
  const seenIds = new Map<string, number>();
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
    const externalId = cells.external_id;
    if (externalId !== undefined) {
      const first = seenIds.get(externalId);
      if (first !== undefined)
        rowProblems.push({ row, column: "external_id", message: `repeats row ${first}` });
      else seenIds.set(externalId, row);
    }
    if (object === "customers" && (cells.tax_id_type === undefined) !== (cells.tax_id_value === undefined)) {
      rowProblems.push({
        row,
        column: cells.tax_id_type === undefined ? "tax_id_type" : "tax_id_value",
        message: "is needed with the other tax id column",
      });
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else rows.push({ row, cells });
  });
  return { rows, problems, rowCount: body.length, cellsByRow };
}

/** A checked customers row as the input of createCustomer. */
export function customerInputOf(cells: Record<string, string>): CreateCustomerInput {
  const address = Object.fromEntries(
    (["line1", "line2", "city", "postal_code", "state"] as const)
      .filter((field) => cells[`address_${field}`] !== undefined)
      .map((field) => [field, cells[`address_${field}`] as string]),
  );
  return {
    external_id: cells.external_id as string,
    ...(cells.name === undefined ? {} : { name: cells.name }),
    ...(cells.email === undefined ? {} : { email: cells.email }),
    ...(cells.country === undefined ? {} : { country: cells.country }),
    ...(cells.currency === undefined ? {} : { currency: cells.currency }),
    ...(cells.locale === undefined ? {} : { locale: cells.locale }),
    ...(cells.timezone === undefined ? {} : { timezone: cells.timezone }),
    ...(Object.keys(address).length === 0
      ? {}
      : {
          billing_address: { ...address, ...(cells.country === undefined ? {} : { country: cells.country }) },
        }),
    ...(cells.tax_id_type === undefined || cells.tax_id_value === undefined
      ? {}
      : { tax_ids: [{ type: cells.tax_id_type, value: cells.tax_id_value }] }),
  };
}

/** A subscriptions row's quantities cell ("seats=12 users=3") as charge id → quantity. */
export function quantitiesOf(cell: string | undefined): Record<string, number> {
  if (cell === undefined) return {};
  return Object.fromEntries(
    cell.split(" ").map((pair) => {
      const [charge, quantity] = pair.split("=") as [string, string];
      return [charge, Number(quantity)];
    }),
  );
}
