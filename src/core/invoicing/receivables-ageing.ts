// Receivables by age: how long an invoice still owed is past its due date,
// the bucket that puts it in (current, 1–30, 31–60, 61–90, more than 90 days),
// and the amounts owed per currency and bucket. An invoice is overdue from the
// instant after its due date; every day begun past it counts, so an invoice
// due on 1 December at midnight is 1 day overdue at any time on 1 December
// after midnight, and 30 days overdue until 31 December at midnight.
import { type Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";

export const ageingBuckets = ["current", "1_30", "31_60", "61_90", "over_90"] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

const dayMilliseconds = 86_400_000;

/** Days begun past the due date at `at`; 0 while not past due (or with no due date). */
export function daysOverdue(dueAt: Instant | null, at: Instant): number {
  if (dueAt === null || at <= dueAt) return 0;
  return Math.ceil((at - dueAt) / dayMilliseconds);
}

export function ageingBucketOf(days: number): AgeingBucket {
  if (days <= 0) return "current";
  if (days <= 30) return "1_30";
  if (days <= 60) return "31_60";
  if (days <= 90) return "61_90";
  return "over_90";
}

/** The first and last day overdue of a bucket (null: no bound), for a query over due dates. */
export function daysOverdueRange(bucket: AgeingBucket): { from: number; to: number | null } {
  const ranges: Record<AgeingBucket, { from: number; to: number | null }> = {
    current: { from: 0, to: 0 },
    "1_30": { from: 1, to: 30 },
    "31_60": { from: 31, to: 60 },
    "61_90": { from: 61, to: 90 },
    over_90: { from: 91, to: null },
  };
  return ranges[bucket];
}

/** An invoice still owed: its currency, due date and what remains to pay. */
export type Receivable = { currency: string; dueAt: Instant | null; amountRemaining: Decimal };

export type AgeingOfCurrency = {
  currency: string;
  invoices: number;
  total: Decimal;
  buckets: { bucket: AgeingBucket; invoices: number; amount: Decimal }[];
};

/** What is owed per currency (in code order) and bucket at `at`; invoices with nothing left are left out. */
export function ageReceivables(receivables: readonly Receivable[], at: Instant): AgeingOfCurrency[] {
  const byCurrency = new Map<string, AgeingOfCurrency>();
  for (const receivable of receivables) {
    if (!receivable.amountRemaining.greaterThan(ZERO)) continue;
    let ageing = byCurrency.get(receivable.currency);
    if (ageing === undefined) {
      ageing = {
        currency: receivable.currency,
        invoices: 0,
        total: ZERO,
        buckets: ageingBuckets.map((bucket) => ({ bucket, invoices: 0, amount: ZERO })),
      };
      byCurrency.set(receivable.currency, ageing);
    }
    const bucket = ageingBuckets.indexOf(ageingBucketOf(daysOverdue(receivable.dueAt, at)));
    const entry = ageing.buckets[bucket] as AgeingOfCurrency["buckets"][number];
    entry.invoices += 1;
    entry.amount = entry.amount.plus(receivable.amountRemaining);
    ageing.invoices += 1;
    ageing.total = ageing.total.plus(receivable.amountRemaining);
  }
  return [...byCurrency.values()].sort((left, right) => left.currency.localeCompare(right.currency));
}
