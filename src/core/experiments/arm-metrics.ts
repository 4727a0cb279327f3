// The metrics an experiment watches, per arm, from plain facts about each
// customer of the arm: trial-to-paid conversion, churn, payment failures and
// disputes (rates), and average invoice, expansion and contraction revenue
// (amounts). Each comes with its 95% interval, its test against the control
// arm and the sample size each arm would need for the difference seen to be
// significant (arm-statistics.ts). Amounts are exact decimals; intervals,
// p-values and sample sizes are estimates.
import { type Decimal, maxDecimal, sumDecimals, ZERO } from "../decimal.ts";
import {
  type ComparisonEstimate,
  compareMeans,
  compareProportions,
  meanEstimate,
  proportionEstimate,
  sampleSizeForMean,
  sampleSizeForProportion,
} from "./arm-statistics.ts";

/** What happened to one customer of an arm during the experiment. */
export type ExperimentCustomerFacts = {
  customerId: string;
  /** A trial that ended during the experiment: converted when a paid invoice followed it; null without one. */
  trial: "converted" | "not_converted" | null;
  /** The subscription ended during the experiment. */
  churned: boolean;
  /** The last finalized invoice before the experiment started, when there is one. */
  baselineTotal: Decimal | null;
  /** The finalized invoices issued during the experiment, oldest first. */
  invoiceTotals: readonly Decimal[];
  paymentAttempts: number;
  failedPayments: number;
  disputes: number;
};

export type ExperimentArmFacts = {
  armId: string;
  role: "control" | "variant";
  customers: readonly ExperimentCustomerFacts[];
};

export type RateMetric = {
  successes: number;
  trials: number;
  rateEstimate: number;
  lowerEstimate: number;
  upperEstimate: number;
  comparison: ComparisonEstimate | null;
  requiredSampleSize: number | null;
};

export type AmountMetric = {
  count: number;
  total: Decimal;
  mean: Decimal;
  lowerEstimate: number;
  upperEstimate: number;
  comparison: ComparisonEstimate | null;
  requiredSampleSize: number | null;
};

export type ArmMetrics = {
  armId: string;
  customers: number;
  trialToPaid: RateMetric;
  churn: RateMetric;
  paymentFailures: RateMetric;
  disputes: RateMetric;
  averageInvoice: AmountMetric;
  expansionRevenue: AmountMetric;
  contractionRevenue: AmountMetric;
};

type Counts = { successes: number; trials: number };

/** Every arm's metrics; variants are compared with the control arm (the first arm whose role is control). */
export function experimentArmMetrics(arms: readonly ExperimentArmFacts[]): ArmMetrics[] {
  const samples = arms.map((arm) => ({ arm, ...samplesOf(arm.customers) }));
  const control = samples.find((sample) => sample.arm.role === "control");
  return samples.map((sample) => {
    const against = sample.arm.role === "control" ? undefined : control;
    return {
      armId: sample.arm.armId,
      customers: sample.arm.customers.length,
      trialToPaid: rateMetric(sample.trialToPaid, against?.trialToPaid),
      churn: rateMetric(sample.churn, against?.churn),
      paymentFailures: rateMetric(sample.paymentFailures, against?.paymentFailures),
      disputes: rateMetric(sample.disputes, against?.disputes),
      averageInvoice: amountMetric(sample.invoices, against?.invoices),
      expansionRevenue: amountMetric(sample.expansions, against?.expansions),
      contractionRevenue: amountMetric(sample.contractions, against?.contractions),
    };
  });
}

function samplesOf(customers: readonly ExperimentCustomerFacts[]) {
  const count = (test: (customer: ExperimentCustomerFacts) => boolean) => customers.filter(test).length;
  const withTrial = customers.filter((customer) => customer.trial !== null);
  // A customer's movement: its last invoice of the experiment against its last one before it.
  const movements = customers.flatMap((customer) => {
    const last = customer.invoiceTotals.at(-1);
    return customer.baselineTotal === null || last === undefined ? [] : [last.minus(customer.baselineTotal)];
  });
  return {
    trialToPaid: {
      successes: withTrial.filter((customer) => customer.trial === "converted").length,
      trials: withTrial.length,
    },
    churn: { successes: count((customer) => customer.churned), trials: customers.length },
    paymentFailures: {
      successes: customers.reduce((sum, customer) => sum + customer.failedPayments, 0),
      trials: customers.reduce((sum, customer) => sum + customer.paymentAttempts, 0),
    },
    disputes: { successes: count((customer) => customer.disputes > 0), trials: customers.length },
    invoices: customers.flatMap((customer) => customer.invoiceTotals),
    expansions: movements.map((movement) => maxDecimal(movement, ZERO)),
    contractions: movements.map((movement) => maxDecimal(movement.negated(), ZERO)),
  };
}

function rateMetric(counts: Counts, control: Counts | undefined): RateMetric {
  const estimate = proportionEstimate(counts.successes, counts.trials);
  const comparison = control === undefined ? null : compareProportions(control, counts);
  const difference = comparison?.differenceEstimate ?? 0;
  return {
    successes: counts.successes,
    trials: counts.trials,
    rateEstimate: estimate.rateEstimate,
    lowerEstimate: estimate.lowerEstimate,
    upperEstimate: estimate.upperEstimate,
    comparison,
    requiredSampleSize:
      comparison === null || difference === 0 || control === undefined
        ? null
        : sampleSizeForProportion(control.successes / control.trials, difference),
  };
}

function amountMetric(values: readonly Decimal[], control: readonly Decimal[] | undefined): AmountMetric {
  const estimate = meanEstimate(values);
  const comparison = control === undefined ? null : compareMeans(control, values);
  const difference = comparison?.differenceEstimate ?? 0;
  let requiredSampleSize: number | null = null;
  if (control !== undefined && comparison !== null && difference !== 0) {
    const spread = Math.sqrt(
      (meanEstimate(control).standardDeviationEstimate ** 2 + estimate.standardDeviationEstimate ** 2) / 2,
    );
    requiredSampleSize = spread === 0 ? null : sampleSizeForMean(spread, difference);
  }
  return {
    count: values.length,
    total: sumDecimals(values),
    mean: estimate.mean,
    lowerEstimate: estimate.lowerEstimate,
    upperEstimate: estimate.upperEstimate,
    comparison,
    requiredSampleSize,
  };
}
