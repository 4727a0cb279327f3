// Evaluating a customer's alert rules: measure what each watches, and fire
// the ones whose threshold is crossed, once per crossing however many
// evaluations run at the same time.
//
// - spend and usage fire when the value reaches the threshold, once per
//   billing period (and threshold): the trigger's unique key (rule, period
//   start, threshold) lets the first insert win and the others insert nothing.
// - credit_balance fires when the usable credits fall below the threshold,
//   then waits until they are back at or above it: the rule's row is locked,
//   and the balance read, in the transaction that records the firing, so two
//   evaluations see one another's decision.
//
// The webhook event and the email are written in the same transaction as the
// trigger, so a firing is announced exactly when it is recorded.
import { Decimal } from "../core/index.ts";
import type { Customer } from "../customers/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { insertTenantRow, newTenantRow } from "../platform/database/tenant-rows.ts";
import { AlertMeasurements, availableCredits, type PeriodMeasurement } from "./alert-measurements.ts";
import { announceTrigger } from "./alert-notifications.ts";
import { type AlertRuleRow, formatMeasure, selectRules } from "./alert-rules.ts";
import type { AlertTrigger } from "./alert-schemas.ts";

export type AlertEvaluation = {
  /** The rules evaluated (enabled, not deleted). */
  evaluated: number;
  /** The firings this evaluation recorded. */
  fired: AlertTrigger[];
  /** Rules that could not be measured, with why; the others were still evaluated. */
  failed: { alertId: string; error: unknown }[];
};

/** Evaluates every enabled rule of the customer at the context's time. */
export async function evaluateCustomerAlerts(
  context: RequestContext,
  customerId: string,
): Promise<AlertEvaluation> {
  const rules = await selectRules(context.database, context)
    .where("customer_id", "=", customerId)
    .where("enabled", "=", true)
    .orderBy("id")
    .execute();
  const outcome: AlertEvaluation = { evaluated: rules.length, fired: [], failed: [] };
  if (rules.length === 0) return outcome;
  const customer = await getCustomer(context, customerId);
  const measurements = new AlertMeasurements(context, customer);
  for (const rule of rules) {
    try {
      const trigger = await evaluateRule(context, customer, measurements, rule);
      if (trigger !== null) outcome.fired.push(trigger);
    } catch (error) {
      outcome.failed.push({ alertId: rule.id, error });
    }
  }
  return outcome;
}

async function evaluateRule(
  context: RequestContext,
  customer: Customer,
  measurements: AlertMeasurements,
  rule: AlertRuleRow,
): Promise<AlertTrigger | null> {
  switch (rule.kind) {
    case "spend":
      return fireOncePerPeriod(context, customer, rule, await measurements.spend(rule), undefined);
    case "usage": {
      const measured = await measurements.quantity(rule);
      const meterName = rule.meter_code === null ? undefined : await measurements.meterName(rule.meter_code);
      return fireOncePerPeriod(context, customer, rule, measured, meterName);
    }
    case "credit_balance":
      return fireOncePerFall(context, customer, rule);
    case "allowance":
      return fireOncePerPeriod(context, customer, rule, await measurements.allowanceUsed(rule), undefined);
  }
}

async function fireOncePerPeriod(
  context: RequestContext,
  customer: Customer,
  rule: AlertRuleRow,
  measured: PeriodMeasurement | null,
  meterName: string | undefined,
): Promise<AlertTrigger | null> {
  if (measured === null || measured.value.lessThan(rule.threshold)) return null;
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    // A rule disabled or deleted since it was read says nothing more (its writer waits for this share lock).
    const current = await selectRules(transaction, context)
      .select("id")
      .where("id", "=", rule.id)
      .where("enabled", "=", true)
      .forShare()
      .executeTakeFirst();
    if (current === undefined) return null;
    const trigger = await transaction
      .insertInto("alert_triggers")
      .values({
        ...newTenantRow(context, "alertTrigger", now),
        rule_id: rule.id,
        customer_id: rule.customer_id,
        subscription_id: rule.subscription_id,
        kind: rule.kind,
        threshold: rule.threshold,
        value: formatMeasure(measured.value, rule.currency),
        currency: rule.currency,
        meter_code: rule.meter_code,
        pricing_unit: rule.pricing_unit,
        period_start: measured.period.start,
        period_end: measured.period.end,
        triggered_at: now,
      })
      .onConflict((conflicting) =>
        conflicting
          .columns(["rule_id", "period_start", "threshold"])
          .where("period_start", "is not", null)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (trigger === undefined) return null;
    return announceTrigger(transaction, context, {
      rule,
      customer,
      trigger,
      ...(meterName === undefined ? {} : { meterName }),
    });
  });
}

async function fireOncePerFall(
  context: RequestContext,
  customer: Customer,
  rule: AlertRuleRow,
): Promise<AlertTrigger | null> {
  const currency = rule.currency;
  if (currency === null) return null;
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const locked = await selectRules(transaction, context)
      .where("id", "=", rule.id)
      .where("enabled", "=", true)
      .forUpdate()
      .executeTakeFirst();
    if (locked === undefined) return null;
    const available = await availableCredits({ ...context, database: transaction }, customer.id, currency);
    const below = available.lessThan(new Decimal(locked.threshold));
    if (below === locked.below_threshold) return null;
    await transaction
      .updateTable("alert_rules")
      .set({ below_threshold: below })
      .where("id", "=", locked.id)
      .execute();
    // Back at or above the threshold: the rule is armed again, with nothing to say.
    if (!below) return null;
    const trigger = await insertTenantRow(transaction, context, "alert_triggers", "alertTrigger", now, {
      rule_id: locked.id,
      customer_id: locked.customer_id,
      subscription_id: null,
      kind: locked.kind,
      threshold: locked.threshold,
      value: formatMeasure(available, currency),
      currency,
      meter_code: null,
      period_start: null,
      period_end: null,
      triggered_at: now,
    });
    return announceTrigger(transaction, context, {
      rule: { ...locked, below_threshold: true },
      customer,
      trigger,
    });
  });
}
