// The partner KPIs of issue #21: the settlement accuracy rate (approved
// statements that no later statement had to adjust, over all approved), the
// time to settle (days from a period's end to the statement's payment), and
// the revenue each partner's statements were computed on.
import { currencyFor, Decimal, formatAmount } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";

const millisecondsPerDay = 86_400_000;

export async function partnerKpis(context: RequestContext) {
  const rows = await selectInTenant(context.database, context, "partner_settlements")
    .orderBy("period_start")
    .execute();
  const settled = rows.filter((row) => row.status !== "draft");
  const adjusted = new Set(
    rows.flatMap((row) =>
      row.lines.filter((line) => line.kind === "adjustment").map((line) => line.source.id),
    ),
  );
  const accurate = settled.filter((row) => !adjusted.has(row.id)).length;
  const paid = settled.filter((row) => row.paid_at !== null);
  const days = paid.map(
    (row) => ((row.paid_at as Date).getTime() - row.period_end.getTime()) / millisecondsPerDay,
  );
  const revenue = new Map<string, { partnerId: string; currency: string; amount: Decimal }>();
  for (const row of settled) {
    const key = `${row.partner_id}|${row.currency}`;
    const entry = revenue.get(key) ?? {
      partnerId: row.partner_id,
      currency: row.currency,
      amount: new Decimal(0),
    };
    for (const line of row.lines) {
      if (line.kind === "revenue_share" && line.base !== null) entry.amount = entry.amount.plus(line.base);
    }
    revenue.set(key, entry);
  }
  return {
    settlement_accuracy_rate: {
      approved_statements: settled.length,
      adjusted_after_approval: settled.length - accurate,
      percent:
        settled.length === 0 ? null : new Decimal(accurate).times(100).dividedBy(settled.length).toFixed(2),
    },
    time_to_settle: {
      paid_statements: paid.length,
      mean_days:
        days.length === 0
          ? null
          : new Decimal(days.reduce((sum, value) => sum + value, 0)).dividedBy(days.length).toFixed(1),
    },
    revenue_by_partner: [...revenue.values()].map((entry) => ({
      partner_id: entry.partnerId,
      currency: entry.currency,
      revenue: formatAmount(entry.amount, currencyFor(entry.currency)),
    })),
  };
}
