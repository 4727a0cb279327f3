// Exchange rates by date: entered through the API, or fetched from the rate
// provider the finance settings name, and stored either way, so that a report
// always converts with the rate it showed before. A rate that would change
// the rate in force on a date of a locked month (replacing one of its rates,
// or a new one dated in it or before it) is refused. Reports in the reporting
// currency ask a RateBook, which keeps the rates it used (shown beside the
// figures) and refuses clearly when no rate covers a date.
import type { Selectable } from "kysely";
import { Temporal } from "temporal-polyfill";
import { periodLocks } from "../accounting-periods/index.ts";
import { describeActor, recordObjectChange } from "../audit/index.ts";
import {
  Decimal,
  datesRepricedBy,
  type ExchangeRate,
  findCurrency,
  type RateInForce,
  rateInForce,
} from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import { ExchangeRateProviderError, httpExchangeRateProvider } from "./exchange-rate-provider.ts";
import type {
  EnterExchangeRateInput,
  ExchangeRateFilters,
  ExchangeRateView,
  FetchExchangeRateInput,
} from "./exchange-rate-schemas.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import type { ExchangeRateTable } from "./tables.ts";

type Row = Selectable<ExchangeRateTable>;

function present(row: Row): ExchangeRateView {
  return {
    id: row.id,
    base: row.base_currency,
    quote: row.quote_currency,
    date: row.effective_date,
    rate: new Decimal(row.rate).toFixed(),
    source: row.source,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

function checkPair(input: { base: string; quote: string; date: string }): void {
  for (const field of ["base", "quote"] as const) {
    if (findCurrency(input[field]) === undefined) {
      throw validationFailed([{ path: `$.${field}`, message: "is not an ISO 4217 currency" }]);
    }
  }
  if (input.base === input.quote) {
    throw validationFailed([{ path: "$.quote", message: "must differ from base" }]);
  }
  try {
    Temporal.PlainDate.from(input.date, { overflow: "reject" });
  } catch {
    throw validationFailed([{ path: "$.date", message: "is not a calendar date" }]);
  }
}

/** The first and last dates of an accounting month "2026-01": "2026-01-01", "2026-01-31". */
function datesOf(period: string): { first: string; last: string } {
  const month = Temporal.PlainYearMonth.from(period);
  return {
    first: month.toPlainDate({ day: 1 }).toString(),
    last: month.toPlainDate({ day: month.daysInMonth }).toString(),
  };
}

/**
 * Refuses (409 `period_locked` at `$.date`) a rate that would change the rate
 * in force on a date of a locked month, for its pair in either direction: a
 * closed month's reports in the reporting currency read as they did at its
 * lock. A rate for dates that no rate covered yet is stored.
 */
async function assertNoLockedMonthRepriced(
  transaction: Database,
  scope: TenantScope,
  input: { base: string; quote: string; date: string; rate: Decimal },
): Promise<void> {
  const stored = await selectInTenant(transaction, scope, "finance_exchange_rates")
    .where((where) =>
      where.or([
        where.and([where("base_currency", "=", input.base), where("quote_currency", "=", input.quote)]),
        where.and([where("base_currency", "=", input.quote), where("quote_currency", "=", input.base)]),
      ]),
    )
    .execute();
  const repriced = datesRepricedBy(
    stored.map((row) => ({
      base: row.base_currency,
      quote: row.quote_currency,
      date: row.effective_date,
      rate: new Decimal(row.rate),
    })),
    input,
  );
  if (repriced === null) return;
  const locked = (await periodLocks(transaction, scope)).find((lock) => {
    const { first, last } = datesOf(lock.period);
    return repriced.from <= last && (repriced.until === null || first < repriced.until);
  });
  if (locked === undefined) return;
  throw conflict(
    "period_locked",
    `Period ${locked.period} is locked: its ${input.base} to ${input.quote} rate stays, and a rate dated ${input.date} would replace it there.`,
    [{ path: "$.date", message: `would change the rate in force in the locked period ${locked.period}` }],
  );
}

async function storeRate(
  context: RequestContext,
  input: { base: string; quote: string; date: string; rate: Decimal; source: Row["source"] },
): Promise<ExchangeRateView> {
  const write = () =>
    context.database.transaction().execute(async (transaction) => {
      const before = await selectInTenant(transaction, context, "finance_exchange_rates")
        .where("base_currency", "=", input.base)
        .where("quote_currency", "=", input.quote)
        .where("effective_date", "=", input.date)
        .forUpdate()
        .executeTakeFirst();
      await assertNoLockedMonthRepriced(transaction, context, input);
      const now = context.clock.now();
      const columns = {
        rate: input.rate.toFixed(),
        source: input.source,
        created_by: describeActor(context.actor).id,
        created_at: now,
      };
      const row =
        before === undefined
          ? await insertTenantRow(transaction, context, "finance_exchange_rates", "exchangeRate", now, {
              base_currency: input.base,
              quote_currency: input.quote,
              effective_date: input.date,
              ...columns,
            })
          : await updateTenantRow(transaction, context, "finance_exchange_rates", before.id, columns);
      const view = present(row);
      await recordObjectChange(
        transaction,
        context,
        "exchange_rate",
        before === undefined ? "created" : "replaced",
        before === undefined ? null : present(before),
        view,
      );
      return view;
    });
  return refusingDuplicates(write, () =>
    conflict("exchange_rate_changed", "The same rate was written at the same moment; try again."),
  );
}

/** A rate entered by hand: one base in quote from the date on. Replaces the pair's rate of that date. */
export async function enterExchangeRate(
  context: RequestContext,
  input: EnterExchangeRateInput,
): Promise<ExchangeRateView> {
  checkPair(input);
  const rate = new Decimal(input.rate);
  if (!rate.greaterThan(0)) throw validationFailed([{ path: "$.rate", message: "must be above zero" }]);
  return storeRate(context, { ...input, rate, source: "entered" });
}

/** Asks the finance settings' rate provider for the rate of a date and stores it. */
export async function fetchExchangeRate(
  context: RequestContext,
  input: FetchExchangeRateInput,
): Promise<ExchangeRateView> {
  checkPair(input);
  const { exchangeRateProviderUrl } = await readFinanceSettings(context.database, context);
  if (exchangeRateProviderUrl === null) {
    throw conflict(
      "no_rate_provider",
      "No exchange rate provider is set: set exchange_rate_provider_url in PUT /v1/finance-settings, or enter the rate with POST /v1/exchange-rates.",
    );
  }
  let rate: Decimal;
  try {
    rate = await httpExchangeRateProvider(exchangeRateProviderUrl).rateOn(
      input.base,
      input.quote,
      input.date,
    );
  } catch (error) {
    if (!(error instanceof ExchangeRateProviderError)) throw error;
    throw new FairbillError({
      code: "rate_provider_failed",
      status: 502,
      detail: `No ${input.base} to ${input.quote} rate for ${input.date}: ${error.message}. Enter it with POST /v1/exchange-rates.`,
    });
  }
  return storeRate(context, { ...input, rate, source: "provider" });
}

export async function listExchangeRates(
  context: RequestContext,
  filters: ExchangeRateFilters,
  page: PageRequest,
): Promise<ExchangeRateView[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "finance_exchange_rates"), page);
  if (filters.base !== undefined) query = query.where("base_currency", "=", filters.base);
  if (filters.quote !== undefined) query = query.where("quote_currency", "=", filters.quote);
  return (await query.execute()).map(present);
}

/** The rates a report converts with, and the record of those it used. */
export class RateBook {
  readonly currency: string;
  private readonly rates: readonly ExchangeRate[];
  private readonly used = new Map<string, RateInForce>();

  constructor(currency: string, rates: readonly ExchangeRate[]) {
    this.currency = currency;
    this.rates = rates;
  }

  /** The rate converting `from` into the reporting currency on `on`; a 409 naming the pair and the date when none covers it. */
  rate(from: string, on: string): Decimal {
    const key = `${from}|${on}`;
    const known = this.used.get(key) ?? rateInForce(this.rates, from, this.currency, on);
    if (known === undefined) {
      throw conflict(
        "no_exchange_rate",
        `No exchange rate from ${from} to ${this.currency} covers ${on}: enter one dated on or before it with POST /v1/exchange-rates (or fetch it with POST /v1/exchange-rates/fetch).`,
      );
    }
    this.used.set(key, known);
    return known.rate;
  }

  /** Every rate used, in currency and date order. */
  ratesUsed() {
    return [...this.used.values()]
      .filter((used) => used.from !== used.to)
      .sort((left, right) => left.from.localeCompare(right.from) || left.on.localeCompare(right.on))
      .map((used) => ({
        from: used.from,
        to: used.to,
        on: used.on,
        rate: used.rate.toDecimalPlaces(12).toFixed(),
        rate_date: used.source?.date ?? null,
        inverted: used.inverted,
      }));
  }
}

/** The environment's rate book for its reporting currency, or null when none is set. */
export async function reportingRateBook(database: Database, scope: TenantScope): Promise<RateBook | null> {
  const { reportingCurrency } = await readFinanceSettings(database, scope);
  if (reportingCurrency === null) return null;
  return rateBookIn(database, scope, reportingCurrency);
}

/** The stored rates, converting into `currency` (a billing entity's own, for its books). */
export async function rateBookIn(
  database: Database,
  scope: TenantScope,
  currency: string,
): Promise<RateBook> {
  const rows = await selectInTenant(database, scope, "finance_exchange_rates").execute();
  return new RateBook(
    currency,
    rows.map((row) => ({
      base: row.base_currency,
      quote: row.quote_currency,
      date: row.effective_date,
      rate: new Decimal(row.rate),
    })),
  );
}
