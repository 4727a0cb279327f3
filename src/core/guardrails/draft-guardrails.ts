// Guardrails on draft invoices, as pure functions: how far a customer's draft
// moved against the same customer's previous invoices, whether a positive
// invoice fell to zero or below, and, over a rolled-out cohort, the share of
// customers that moved and whether the cohort's payments fail or are disputed
// more often than the control's. The bill run's standing guard and a staged
// rollout's guardrails both read these; what to do about a breach (hold the
// draft, roll the cohort back) is decided by their callers.
import { Decimal, ONE_HUNDRED, ZERO } from "../decimal.ts";

/** A draft's total beside the customer's previous invoice totals (oldest first, same currency). */
export type DraftHistory = { total: Decimal; previousTotals: readonly Decimal[] };

export type DraftMovement = {
  /** The mean of the previous totals, or null with no previous invoice. */
  baseline: Decimal | null;
  /** (total − baseline) / baseline × 100, or null when the baseline is not positive. */
  changePercent: Decimal | null;
};

/** How far the draft moved against the mean of the customer's previous invoices. */
export function draftMovement(draft: DraftHistory): DraftMovement {
  if (draft.previousTotals.length === 0) return { baseline: null, changePercent: null };
  const baseline = draft.previousTotals
    .reduce((sum, total) => sum.plus(total), ZERO)
    .dividedBy(draft.previousTotals.length);
  if (!baseline.greaterThan(ZERO)) return { baseline, changePercent: null };
  return { baseline, changePercent: draft.total.minus(baseline).dividedBy(baseline).times(ONE_HUNDRED) };
}

export type DraftAnomaly =
  | { rule: "moved_beyond_bound"; changePercent: Decimal; baseline: Decimal; boundPercent: Decimal }
  | { rule: "became_zero_or_negative"; previousTotal: Decimal };

/**
 * What is wrong with one customer's draft: its total moved more than
 * `boundPercent` (either way) against the mean of the previous totals, or the
 * last invoice was positive and this one is zero or negative. A customer with
 * no previous invoice has nothing to compare with and is never an anomaly.
 */
export function draftAnomalies(draft: DraftHistory, boundPercent: Decimal): DraftAnomaly[] {
  const anomalies: DraftAnomaly[] = [];
  const movement = draftMovement(draft);
  if (movement.baseline !== null && movement.changePercent?.abs().greaterThan(boundPercent)) {
    anomalies.push({
      rule: "moved_beyond_bound",
      changePercent: movement.changePercent,
      baseline: movement.baseline,
      boundPercent,
    });
  }
  const previousTotal = draft.previousTotals.at(-1);
  if (previousTotal?.greaterThan(ZERO) && !draft.total.greaterThan(ZERO)) {
    anomalies.push({ rule: "became_zero_or_negative", previousTotal });
  }
  return anomalies;
}

/** The rules a staged rollout checks on its cohort's drafts; a rule left null is not checked. */
export type CohortGuardrails = {
  /** A customer's draft moved more than this percentage against the customer's previous invoices. */
  customerChangePercent: Decimal | null;
  /** A customer's positive invoice became zero or negative. */
  zeroOrNegative: boolean;
  /** More than `maximumSharePercent` of the cohort moved more than `changePercent`. */
  movedShare: { changePercent: Decimal; maximumSharePercent: Decimal } | null;
  /** The cohort's failed-payment or dispute rate exceeds the control's by more than these percentage points. */
  paymentProblemsOverControlPoints: Decimal | null;
};

/** Payments of a group of customers over the same stretch of time. */
export type PaymentRecord = { customers: number; attempts: number; failed: number; disputes: number };

export type CohortDraft = DraftHistory & { customerId: string };

export type GuardrailBreach =
  | {
      rule: "customer_change";
      customerId: string;
      changePercent: Decimal;
      baseline: Decimal;
      boundPercent: Decimal;
    }
  | { rule: "zero_or_negative"; customerId: string; previousTotal: Decimal; total: Decimal }
  | { rule: "moved_share"; sharePercent: Decimal; maximumSharePercent: Decimal; changePercent: Decimal }
  | {
      rule: "failed_payments" | "disputes";
      cohortRatePercent: Decimal;
      controlRatePercent: Decimal;
      allowedPoints: Decimal;
    };

/** Every rule the cohort's drafts and payments break, customers in the order given. */
export function cohortGuardrailBreaches(input: {
  guardrails: CohortGuardrails;
  drafts: readonly CohortDraft[];
  cohortPayments: PaymentRecord;
  controlPayments: PaymentRecord;
}): GuardrailBreach[] {
  const { guardrails, drafts } = input;
  const breaches: GuardrailBreach[] = [];
  for (const draft of drafts) {
    const movement = draftMovement(draft);
    const bound = guardrails.customerChangePercent;
    if (bound !== null && movement.baseline !== null && movement.changePercent?.abs().greaterThan(bound)) {
      breaches.push({
        rule: "customer_change",
        customerId: draft.customerId,
        changePercent: movement.changePercent,
        baseline: movement.baseline,
        boundPercent: bound,
      });
    }
    const previousTotal = draft.previousTotals.at(-1);
    if (guardrails.zeroOrNegative && previousTotal?.greaterThan(ZERO) && !draft.total.greaterThan(ZERO)) {
      breaches.push({
        rule: "zero_or_negative",
        customerId: draft.customerId,
        previousTotal,
        total: draft.total,
      });
    }
  }
  const movedShare = guardrails.movedShare;
  if (movedShare !== null && drafts.length > 0) {
    const moved = drafts.filter((draft) =>
      draftMovement(draft).changePercent?.abs().greaterThan(movedShare.changePercent),
    ).length;
    const sharePercent = new Decimal(moved).dividedBy(drafts.length).times(ONE_HUNDRED);
    if (sharePercent.greaterThan(movedShare.maximumSharePercent)) {
      breaches.push({
        rule: "moved_share",
        sharePercent,
        maximumSharePercent: movedShare.maximumSharePercent,
        changePercent: movedShare.changePercent,
      });
    }
  }
  const allowedPoints = guardrails.paymentProblemsOverControlPoints;
  if (allowedPoints !== null) {
    const { cohortPayments, controlPayments } = input;
    const rates = [
      {
        rule: "failed_payments" as const,
        cohort: ratePercent(cohortPayments.failed, cohortPayments.attempts),
        control: ratePercent(controlPayments.failed, controlPayments.attempts),
      },
      {
        rule: "disputes" as const,
        cohort: ratePercent(cohortPayments.disputes, cohortPayments.customers),
        control: ratePercent(controlPayments.disputes, controlPayments.customers),
      },
    ];
    for (const rate of rates) {
      if (rate.cohort.minus(rate.control).greaterThan(allowedPoints)) {
        breaches.push({
          rule: rate.rule,
          cohortRatePercent: rate.cohort,
          controlRatePercent: rate.control,
          allowedPoints,
        });
      }
    }
  }
  return breaches;
}

/** count / of × 100, and 0 of nothing. */
function ratePercent(count: number, of: number): Decimal {
  return of === 0 ? ZERO : new Decimal(count).dividedBy(of).times(ONE_HUNDRED);
}
