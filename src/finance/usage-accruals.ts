// Usage accrued in its month (ASC 606-10-55-18, the right to invoice): at
// each month end, usage delivered but not yet invoiced is earned revenue and
// an unbilled receivable. Invoicing prices it through the billing engine
// exactly as the invoice will (the period-to-date usage of the billing
// period, with its tiers, allowances and prices, see invoicing's
// chargesBilledLater). A billing period that straddles month ends accrues, at
// each month end, its period-to-date amount less what earlier month ends
// accrued for it, so that the months together hold the period-to-date amount.
// The invoice that bills the period reverses the accruals on its own date.
//
// A fixed fee billed in arrears is earned as its service passes, as a fee
// billed in advance is: ratably by day in the books' zone. At each month end
// the fee the engine will bill (prorated, or cut short by a cancellation
// already scheduled) has earned the shares of the months ended by then, in
// whole cents exactly as its invoice line will be spread (the core's
// fixedFeeEarnedBy), less what earlier month ends accrued: so a closed month
// carries its share, and once the invoice reverses the accruals the month of
// the invoice holds only its own share.
//
// An open month's accruals are computed as the books stand; closing a month
// keeps them as they were at the lock (finance_usage_accruals), so a closed
// month never changes, whatever arrives later.
import { planVersionsByIds } from "../catalog/index.ts";
import { currencyFor, Decimal, fixedFeeEarnedBy, type Instant, monthEndAccrual } from "../core/index.ts";
import { chargesBilledLater } from "../invoicing/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import {
  type AccountingPeriod,
  parsePeriod,
  periodContaining,
  previousPeriod,
} from "./accounting-periods.ts";
import type { BookAccrual } from "./books.ts";

/** How far back an open month is looked at for usage not yet invoiced. */
const monthsLookedBack = 24;

const baseKey = (accrual: {
  kind: "usage" | "fixed";
  subscriptionId: string;
  chargeId: string;
  meter: string | null;
  periodStart: Instant;
}) =>
  `${accrual.subscriptionId}:${accrual.kind === "fixed" ? `fee ${accrual.chargeId}` : accrual.meter}:${new Date(accrual.periodStart).toISOString()}`;

async function persistedAccruals(
  database: Database,
  scope: TenantScope,
  timeZone: string,
): Promise<BookAccrual[]> {
  const rows = await selectInTenant(database, scope, "finance_usage_accruals").execute();
  return rows.map((row) => ({
    key: row.accrual_key,
    kind: row.kind,
    period: row.period,
    monthEnd: parsePeriod(row.period, timeZone, "period").end,
    customerId: row.customer_id,
    subscriptionId: row.subscription_id,
    currency: row.currency,
    planVersionId: row.plan_version_id,
    chargeId: row.charge_id,
    meter: row.meter,
    product: row.product,
    periodStart: row.period_start.getTime(),
    periodEnd: row.period_end.getTime(),
    quantity: new Decimal(row.quantity),
    periodToDate: new Decimal(row.period_to_date_amount),
    amount: new Decimal(row.amount),
    lockedAt: row.locked_at.getTime(),
  }));
}

/** The months that have ended, are not closed, and are recent enough to look at, oldest first. */
function openEndedMonths(now: Instant, timeZone: string, closed: ReadonlySet<string>): AccountingPeriod[] {
  const months: AccountingPeriod[] = [];
  let month = previousPeriod(periodContaining(now, timeZone));
  for (let count = 0; count < monthsLookedBack; count += 1) {
    if (!closed.has(month.key)) months.unshift(month);
    month = previousPeriod(month);
  }
  return months;
}

/** Every usage accrual of the books: closed months' as they were locked, open ended months' computed now. */
export async function usageAccruals(
  database: Database,
  scope: TenantScope,
  input: { timeZone: string; closedMonths: readonly string[]; now: Instant },
): Promise<BookAccrual[]> {
  const accruals = await persistedAccruals(database, scope, input.timeZone);
  const months = openEndedMonths(input.now, input.timeZone, new Set(input.closedMonths));
  if (months.length === 0) return accruals;
  const found = await chargesBilledLater(
    database,
    scope,
    months.map((month) => month.end),
  );
  const versionIds = [...found.values()].flat().map((usage) => usage.planVersionId);
  const versions = await planVersionsByIds(database, scope, [...new Set(versionIds)]);
  for (const month of months) {
    for (const usage of found.get(month.end) ?? []) {
      const base = baseKey(usage);
      const periodToDate =
        usage.kind === "fixed"
          ? fixedFeeEarnedBy(
              usage.amount,
              { start: usage.periodStart, end: usage.periodEnd },
              month.end,
              input.timeZone,
              currencyFor(usage.currency),
            )
          : usage.amount;
      const amount = monthEndAccrual(
        periodToDate,
        accruals
          .filter((accrual) => accrual.period < month.key && baseKey(accrual) === base)
          .map((accrual) => accrual.amount),
      );
      if (amount.isZero()) continue;
      const charge = versions
        .get(usage.planVersionId)
        ?.content.charges.find((candidate) => candidate.id === usage.chargeId);
      accruals.push({
        key: `${month.key}:${base}`,
        kind: usage.kind,
        period: month.key,
        monthEnd: month.end,
        customerId: usage.customerId,
        subscriptionId: usage.subscriptionId,
        currency: usage.currency,
        planVersionId: usage.planVersionId,
        chargeId: usage.chargeId,
        meter: usage.meter,
        product: charge?.product ?? null,
        periodStart: usage.periodStart,
        periodEnd: usage.periodEnd,
        quantity: usage.quantity,
        periodToDate,
        amount,
        lockedAt: null,
      });
    }
  }
  return accruals;
}

/** Keeps a month's accruals as they stand, in the transaction that locks the month. */
export async function keepUsageAccruals(
  transaction: Database,
  scope: TenantScope,
  accruals: readonly BookAccrual[],
  lockedAt: Date,
): Promise<void> {
  if (accruals.length === 0) return;
  await transaction
    .insertInto("finance_usage_accruals")
    .values(
      accruals.map((accrual) => ({
        ...newTenantRow(scope, "usageAccrual", lockedAt),
        period: accrual.period,
        accrual_key: accrual.key,
        kind: accrual.kind,
        customer_id: accrual.customerId,
        subscription_id: accrual.subscriptionId,
        currency: accrual.currency,
        plan_version_id: accrual.planVersionId,
        charge_id: accrual.chargeId,
        meter: accrual.meter,
        product: accrual.product,
        period_start: new Date(accrual.periodStart),
        period_end: new Date(accrual.periodEnd),
        quantity: accrual.quantity.toString(),
        period_to_date_amount: accrual.periodToDate.toString(),
        amount: accrual.amount.toString(),
        locked_at: lockedAt,
      })),
    )
    .execute();
}
