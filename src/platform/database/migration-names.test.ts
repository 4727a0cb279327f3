// Migration names: what a valid one looks like, the order they sort in, and
// the names `npm run migration:new` makes.
import { describe, expect, it } from "vitest";
import { compareMigrationNames, migrationNameProblem, newMigrationName } from "./migration-names.ts";

describe("migration names", () => {
  it("accepts a UTC time of 14 digits followed by lowercase words", () => {
    expect(migrationNameProblem("20261206093000_invoice_memo")).toBeUndefined();
    expect(migrationNameProblem("20240229235959_leap_day_2024")).toBeUndefined();
  });

  it("refuses numbered names, short times, impossible dates and other spellings", () => {
    for (const name of [
      "0100_customers",
      "202612060930_invoice_memo",
      "20261206093000",
      "20261206093000_",
      "20261206093000_Invoice_memo",
      "20261206093000_invoice-memo",
      "20261206093000_invoice__memo",
      "20230229120000_not_a_leap_year",
      "20261206246000_hour_24",
    ]) {
      expect(migrationNameProblem(name), name).toBeDefined();
    }
    expect(migrationNameProblem("20261332000000_month_13")).toMatch(/are not a date and time/);
  });

  it("sorts by the characters of the name, so by time first", () => {
    const names = ["20261206093000_b", "20251231235959_z", "20261206093000_a", "20261206093001_a"];
    expect([...names].sort(compareMigrationNames)).toEqual([
      "20251231235959_z",
      "20261206093000_a",
      "20261206093000_b",
      "20261206093001_a",
    ]);
  });

  it("names a new migration with the UTC time and the description's words", () => {
    const at = new Date("2026-12-06T09:30:05.900Z");
    expect(newMigrationName("Invoice memo", at)).toBe("20261206093005_invoice_memo");
    expect(newMigrationName("add-tax IDs to customers!", at)).toBe("20261206093005_add_tax_ids_to_customers");
    expect(() => newMigrationName(" -- ", at)).toThrow(/no letters or digits/);
  });
});
