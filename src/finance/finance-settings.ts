// Per-environment finance settings: the accounting time zone and the chart
// of accounts. An environment without a row counts months in the seller
// entity's zone (accounting-time-zone.ts) and posts to the default accounts.

import { anyLockedPeriod } from "../accounting-periods/index.ts";
import { recordSettingsUpdate } from "../audit/index.ts";
import { findCurrency, isValidTimeZone } from "../core/index.ts";
import { sellerCountryOf } from "../invoicing/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { type AccountingTimeZoneSource, defaultAccountingTimeZone } from "./accounting-time-zone.ts";
import { type ChartOfAccounts, chartOfAccounts } from "./chart-of-accounts.ts";
import type { FinanceSettingsView, UpdateFinanceSettingsInput } from "./settings-schemas.ts";
import type { AccountOverride } from "./tables.ts";

export type FinanceSettings = {
  timeZone: string;
  /** Configured in the settings, or the seller's country's zone, or UTC. */
  timeZoneSource: AccountingTimeZoneSource;
  /** Reports are also shown in it; null: only in each document's currency. */
  reportingCurrency: string | null;
  /** Where rates are fetched from (exchange-rate-provider.ts); null: rates are only entered. */
  exchangeRateProviderUrl: string | null;
  accounts: ChartOfAccounts;
  overrides: Record<string, AccountOverride>;
  updatedAt: Date | null;
};

export async function readFinanceSettings(database: Database, scope: TenantScope): Promise<FinanceSettings> {
  const row = await selectInTenant(database, scope, "finance_settings").executeTakeFirst();
  const overrides = row?.accounts ?? {};
  const zone =
    row === undefined
      ? defaultAccountingTimeZone(await sellerCountryOf(database, scope))
      : { timeZone: row.timezone, source: "configured" as const };
  return {
    timeZone: zone.timeZone,
    timeZoneSource: zone.source,
    reportingCurrency: row?.reporting_currency ?? null,
    exchangeRateProviderUrl: row?.exchange_rate_provider_url ?? null,
    accounts: chartOfAccounts(overrides),
    overrides,
    updatedAt: row?.updated_at ?? null,
  };
}

function present(settings: FinanceSettings): FinanceSettingsView {
  return {
    timezone: settings.timeZone,
    timezone_source: settings.timeZoneSource,
    reporting_currency: settings.reportingCurrency,
    exchange_rate_provider_url: settings.exchangeRateProviderUrl,
    accounts: settings.accounts,
    updated_at: settings.updatedAt?.toISOString() ?? null,
  };
}

export async function getFinanceSettings(context: RequestContext): Promise<FinanceSettingsView> {
  return present(await readFinanceSettings(context.database, context));
}

export async function updateFinanceSettings(
  context: RequestContext,
  input: UpdateFinanceSettingsInput,
): Promise<FinanceSettingsView> {
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
    throw validationFailed([{ path: "$.timezone", message: "is not an IANA time zone" }]);
  }
  if (input.reporting_currency != null && findCurrency(input.reporting_currency) === undefined) {
    throw validationFailed([{ path: "$.reporting_currency", message: "is not an ISO 4217 currency" }]);
  }
  if (input.exchange_rate_provider_url != null) {
    // Never an address inside Fairbill's own network, nor one with credentials (the outgoing-request guard).
    await checkTargetUrl(input.exchange_rate_provider_url, "$.exchange_rate_provider_url");
  }
  return context.database.transaction().execute(async (transaction) => {
    const before = await readFinanceSettings(transaction, context);
    const timeZone = input.timezone ?? before.timeZone;
    if (timeZone !== before.timeZone) {
      const lockedPeriod = await anyLockedPeriod(transaction, context);
      // Months counted in another zone would overlap the locked ones.
      if (lockedPeriod !== undefined) {
        throw conflict(
          "periods_locked",
          `Period ${lockedPeriod} is locked in ${before.timeZone}; the accounting time zone can no longer change.`,
          [{ path: "$.timezone", message: "cannot change once a period is locked" }],
        );
      }
    }
    const overrides: Record<string, AccountOverride> = { ...before.overrides };
    for (const [key, override] of Object.entries(input.accounts ?? {})) {
      overrides[key] = { ...overrides[key], ...override };
    }
    const now = context.clock.now();
    const columns = {
      timezone: timeZone,
      accounts: JSON.stringify(overrides),
      reporting_currency:
        input.reporting_currency === undefined ? before.reportingCurrency : input.reporting_currency,
      exchange_rate_provider_url:
        input.exchange_rate_provider_url === undefined
          ? before.exchangeRateProviderUrl
          : input.exchange_rate_provider_url,
      updated_at: now,
    };
    await writeEnvironmentSettings(transaction, context, "finance_settings", columns);
    const after = await readFinanceSettings(transaction, context);
    await recordSettingsUpdate(transaction, context, "finance_settings", present(before), present(after));
    return present(after);
  });
}

/**
 * Keeps the accounting zone in the settings when it is only the seller's
 * default, in the transaction that closes a month: a closed month's
 * boundaries never move with a later change of the seller's country.
 */
export async function fixAccountingTimeZone(
  transaction: Database,
  scope: TenantScope,
  now: Date,
): Promise<void> {
  const settings = await readFinanceSettings(transaction, scope);
  if (settings.timeZoneSource === "configured") return;
  await transaction
    .insertInto("finance_settings")
    .values({
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      timezone: settings.timeZone,
      accounts: JSON.stringify({}),
      updated_at: now,
    })
    .onConflict((conflicting) => conflicting.column("environment_id").doNothing())
    .execute();
}
