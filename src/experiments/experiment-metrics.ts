// An experiment's per-arm metrics: the facts of each assigned customer
// between the experiment's start and its end (or now) — its invoices, its
// subscription's trial and end, its payments and disputes — gathered from the
// domains that own them, and the figures computed by the engine
// (experimentArmMetrics). Amounts are in the currency most of the cohort's
// subscriptions bill in; invoices in other currencies are left out.
import {
  type AmountMetric,
  currencyFor,
  Decimal,
  type ExperimentCustomerFacts,
  experimentArmMetrics,
  formatAmount,
  type RateMetric,
} from "../core/index.ts";
import { invoicesForBooks } from "../invoicing/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { selectSubscriptions } from "../subscriptions/index.ts";
import type { ExperimentMetricsView } from "./experiment-schemas.ts";
import { armRows, experimentRow } from "./experiment-store.ts";

export async function experimentMetrics(context: RequestContext, id: string): Promise<ExperimentMetricsView> {
  const database = context.database;
  const experiment = await experimentRow(database, context, id);
  const arms = await armRows(database, context, id);
  const now = context.clock.now();
  const from = experiment.starts_at.getTime();
  const to = Math.min(now.getTime(), experiment.ends_at.getTime());
  const assignments = await database
    .selectFrom("experiment_assignments")
    .select(["customer_id", "subscription_id", "arm_id"])
    .where(inTenant(context))
    .where("experiment_id", "=", id)
    .orderBy("customer_id")
    .execute();
  const subscriptions =
    assignments.length === 0
      ? []
      : await selectSubscriptions(database, context)
          .where(
            "subscriptions.id",
            "in",
            assignments.map((assignment) => assignment.subscription_id),
          )
          .execute();
  const subscriptionById = new Map(subscriptions.map((row) => [row.id, row]));
  const currency = mostCommon(subscriptions.map((row) => row.currency));
  const { invoices } = await invoicesForBooks(database, context);
  const payments = await loadPaymentFacts(database, context);
  const within = (at: number) => at >= from && at < to;

  const factsOf = (customerId: string, subscriptionId: string): ExperimentCustomerFacts => {
    const subscription = subscriptionById.get(subscriptionId);
    const billed = invoices.filter(
      (invoice) =>
        invoice.customer_id === customerId && invoice.status !== "void" && invoice.currency === currency,
    );
    const before = billed.filter((invoice) => invoice.issued_at.getTime() < from);
    const during = billed.filter((invoice) => within(invoice.issued_at.getTime()));
    const endedAt = subscription?.ends_at?.getTime();
    const trialEnd = subscription?.trial_ends_at.getTime();
    let trial: ExperimentCustomerFacts["trial"] = null;
    if (
      subscription !== undefined &&
      subscription.trial_days > 0 &&
      trialEnd !== undefined &&
      within(trialEnd)
    ) {
      const stayed = endedAt === undefined || endedAt > trialEnd;
      const paid = during.some(
        (invoice) => invoice.issued_at.getTime() >= trialEnd && new Decimal(invoice.total).greaterThan(0),
      );
      trial = stayed && paid ? "converted" : "not_converted";
    }
    const attempts = payments.payments.filter(
      (payment) => payment.customerId === customerId && payment.status !== "pending" && within(payment.at),
    );
    return {
      customerId,
      trial,
      churned: endedAt !== undefined && within(endedAt),
      baselineTotal:
        before.length === 0 ? null : new Decimal((before.at(-1) as (typeof before)[number]).total),
      invoiceTotals: during.map((invoice) => new Decimal(invoice.total)),
      paymentAttempts: attempts.length,
      failedPayments: attempts.filter((payment) => payment.status === "failed").length,
      disputes: payments.chargebacks.filter(
        (chargeback) => chargeback.customerId === customerId && within(chargeback.openedAt),
      ).length,
    };
  };

  const metrics = experimentArmMetrics(
    arms.map((arm) => ({
      armId: arm.id,
      role: arm.role,
      customers: assignments
        .filter((assignment) => assignment.arm_id === arm.id)
        .map((assignment) => factsOf(assignment.customer_id, assignment.subscription_id)),
    })),
  );
  const money = (amount: Decimal) =>
    currency === null ? amount.toFixed() : formatAmount(amount, currencyFor(currency));
  const amountView = (metric: AmountMetric) => ({
    count: metric.count,
    total: money(metric.total),
    mean: money(metric.mean),
    lower: metric.lowerEstimate,
    upper: metric.upperEstimate,
    ...comparisonView(metric),
  });
  return {
    experiment_id: id,
    currency,
    from: experiment.starts_at.toISOString(),
    to: new Date(Math.max(from, to)).toISOString(),
    arms: arms.map((arm, index) => {
      const metric = metrics[index] as (typeof metrics)[number];
      return {
        arm_id: arm.id,
        name: arm.name,
        role: arm.role,
        customers: metric.customers,
        trial_to_paid: rateView(metric.trialToPaid),
        churn: rateView(metric.churn),
        payment_failure_rate: rateView(metric.paymentFailures),
        disputes: rateView(metric.disputes),
        average_invoice: amountView(metric.averageInvoice),
        expansion_revenue: amountView(metric.expansionRevenue),
        contraction_revenue: amountView(metric.contractionRevenue),
      };
    }),
  };
}

function rateView(metric: RateMetric) {
  return {
    successes: metric.successes,
    trials: metric.trials,
    rate: metric.rateEstimate,
    lower: metric.lowerEstimate,
    upper: metric.upperEstimate,
    ...comparisonView(metric),
  };
}

function comparisonView(metric: RateMetric | AmountMetric) {
  return {
    difference: metric.comparison?.differenceEstimate ?? null,
    p_value: metric.comparison?.pValueEstimate ?? null,
    significant: metric.comparison?.significant ?? null,
    required_sample_size: metric.requiredSampleSize,
  };
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of [...counts].sort(([left], [right]) => left.localeCompare(right))) {
    if (best === null || count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}
