// The CSV templates of imports (documented in docs/imports.md), one per kind
// of object; the checks of a file against its template are the platform's
// (csv-files.ts). Rows that pass become the input of the domain's use case.
import { Type } from "typebox";
import type { CreateCustomerInput } from "../customers/index.ts";
import { type CheckedCsvFile, type CsvTemplateSpec, checkCsvText } from "../platform/csv-files.ts";
import {
  DecimalString,
  ListedCountryCode,
  ListedCurrencyCode,
  Timestamp,
  TimeZoneName,
} from "../platform/http/schemas.ts";

const csvObjects = ["customers", "subscriptions"] as const;
export type CsvObject = (typeof csvObjects)[number];
/** The objects imports create, and the old system's invoices that a parallel run compares. */
export type CsvTemplate = CsvObject | "old_invoices";

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const WholeNumber = Type.String({ pattern: "^(0|[1-9][0-9]{0,5})$", description: "a whole number" });

/** Each object's columns: the schema of a cell, and whether the column must be there and filled. */
const templates: Record<CsvTemplate, CsvTemplateSpec> = {
  customers: {
    name: "customers",
    uniqueColumn: "external_id",
    rowProblems: (cells, row) =>
      (cells.tax_id_type === undefined) !== (cells.tax_id_value === undefined)
        ? [
            {
              row,
              column: cells.tax_id_type === undefined ? "tax_id_type" : "tax_id_value",
              message: "is needed with the other tax id column",
            },
          ]
        : [],
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
    name: "subscriptions",
    uniqueColumn: "external_id",
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
    name: "old_invoices",
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

/** Reads the file and checks it against the object's template: the rows that pass, and every problem. */
export function checkCsvFile(object: CsvTemplate, text: string): CheckedCsvFile {
  return checkCsvText(templates[object], text);
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
