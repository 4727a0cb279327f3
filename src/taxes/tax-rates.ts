// The built-in table of tax rates: create, read, list, rename and archive.
// A rate's country, region, percent, inclusiveness, reverse-charge flag and
// validity never change once made, since invoices were taxed with them; a new
// rate valid from a later instant takes over from then (tax-resolution.ts), and
// archiving takes a rate out of use altogether.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import { Decimal } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { isCountryCode } from "../platform/reference-data.ts";
import type { TaxRateTable } from "./tables.ts";
import { isEuMemberState } from "./tax-ids.ts";
import type { TableRate } from "./tax-resolution.ts";
import type { CreateTaxRateInput, TaxRate, TaxRateListFilters, UpdateTaxRateInput } from "./tax-schemas.ts";

type TaxRateRow = Selectable<TaxRateTable>;

const maximumPercentDecimals = 4;

export async function createTaxRate(context: RequestContext, input: CreateTaxRateInput): Promise<TaxRate> {
  checkTaxRate(input);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "tax_rates", "taxRate", now, {
      country: input.country,
      region: input.region ?? null,
      name: input.name,
      percent: new Decimal(input.percent).toString(),
      inclusive: input.inclusive ?? false,
      reverse_charge_eligible: input.reverse_charge_eligible ?? false,
      valid_from: input.valid_from === undefined ? null : new Date(input.valid_from),
      valid_until: input.valid_until === undefined ? null : new Date(input.valid_until),
      created_at: now,
    });
    return recordCreation(transaction, context, "tax_rate", presentTaxRate(row));
  });
}

export async function getTaxRate(context: RequestContext, id: string): Promise<TaxRate> {
  const row = await findInTenant(context.database, context, "tax_rates", id, "tax rate");
  return presentTaxRate(row);
}

export async function listTaxRates(
  context: RequestContext,
  filters: TaxRateListFilters,
  page: PageRequest,
): Promise<TaxRate[]> {
  let query = newestFirstPage(selectTaxRates(context.database, context), page);
  if (filters.country !== undefined) query = query.where("country", "=", filters.country);
  if (filters.region !== undefined) query = query.where("region", "=", filters.region);
  query = query.where("archived_at", filters.archived ? "is not" : "is", null);
  const rows = await query.execute();
  return rows.map(presentTaxRate);
}

/** Renames a rate, or archives it (or puts an archived one back in use). */
export async function updateTaxRate(
  context: RequestContext,
  id: string,
  input: UpdateTaxRateInput,
): Promise<TaxRate> {
  return context.database.transaction().execute(async (transaction) => {
    const beforeRow = await findInTenant(transaction, context, "tax_rates", id, "tax rate", { lock: true });
    const before = presentTaxRate(beforeRow);
    const archivedAt =
      input.archived === undefined
        ? beforeRow.archived_at
        : input.archived
          ? (beforeRow.archived_at ?? context.clock.now())
          : null;
    const row = await updateTenantRow(transaction, context, "tax_rates", id, {
      name: input.name ?? beforeRow.name,
      archived_at: archivedAt,
    });
    const after = presentTaxRate(row);
    const verb =
      before.archived_at === null && after.archived_at !== null
        ? "archived"
        : before.archived_at !== null && after.archived_at === null
          ? "restored"
          : "updated";
    await recordObjectChange(transaction, context, "tax_rate", verb, before, after);
    return after;
  });
}

/** For the built-in provider: the rates of a country that are not archived. */
export async function tableRatesOf(
  database: Database,
  scope: TenantScope,
  country: string,
): Promise<TableRate[]> {
  const rows = await selectTaxRates(database, scope)
    .where("country", "=", country)
    .where("archived_at", "is", null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    country: row.country,
    region: row.region,
    name: row.name,
    percent: new Decimal(row.percent),
    inclusive: row.inclusive,
    reverseChargeEligible: row.reverse_charge_eligible,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  }));
}

function selectTaxRates(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "tax_rates");
}

// What the JSON schema cannot say.
function checkTaxRate(input: CreateTaxRateInput): void {
  const errors: FieldError[] = [];
  if (!isCountryCode(input.country)) {
    errors.push({ path: "$.country", message: `"${input.country}" is not an ISO 3166 country code` });
  }
  const percent = new Decimal(input.percent);
  if (percent.greaterThan(100)) errors.push({ path: "$.percent", message: "must be at most 100" });
  if (percent.decimalPlaces() > maximumPercentDecimals) {
    errors.push({ path: "$.percent", message: `must have at most ${maximumPercentDecimals} decimals` });
  }
  if (input.reverse_charge_eligible && isCountryCode(input.country) && !isEuMemberState(input.country)) {
    errors.push({
      path: "$.reverse_charge_eligible",
      message: `reverse charge is for EU VAT rates, and ${input.country} is not an EU member state`,
    });
  }
  if (
    input.valid_from !== undefined &&
    input.valid_until !== undefined &&
    new Date(input.valid_until) <= new Date(input.valid_from)
  ) {
    errors.push({ path: "$.valid_until", message: "must be after valid_from" });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

function presentTaxRate(row: TaxRateRow): TaxRate {
  return {
    id: row.id,
    country: row.country,
    region: row.region,
    name: row.name,
    percent: new Decimal(row.percent).toString(),
    inclusive: row.inclusive,
    reverse_charge_eligible: row.reverse_charge_eligible,
    valid_from: row.valid_from?.toISOString() ?? null,
    valid_until: row.valid_until?.toISOString() ?? null,
    archived_at: row.archived_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
