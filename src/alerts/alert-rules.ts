// Alert rules: create, read, list, change and delete a customer's thresholds,
// and read the history of their firings. A customer signed in to the portal
// (actor `portal`) reaches only its own rules; an API key reaches every
// customer's. Making or changing a rule queues its evaluation, so a threshold
// already crossed fires without waiting for the next event.
import type { Selectable } from "kysely";
import { describeActor, recordCreation, recordObjectChange } from "../audit/index.ts";
import { currencyFor, Decimal, fitsMinorUnit, formatAmount, formatQuantity } from "../core/index.ts";
import type { Customer } from "../customers/index.ts";
import { getCustomer } from "../customers/index.ts";
import { listMeters } from "../metering/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, FairbillError, type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { isCurrencyCode } from "../platform/reference-data.ts";
import { getSubscription } from "../subscriptions/index.ts";
import { requestAlertEvaluation } from "./alert-evaluation-requests.ts";
import type {
  AlertListFilters,
  AlertRule,
  AlertTrigger,
  CreateAlertRuleInput,
  CustomerAlertListFilters,
  UpdateAlertRuleInput,
} from "./alert-schemas.ts";
import type { AlertKind, AlertRuleTable, AlertTriggerTable } from "./tables.ts";

export type AlertRuleRow = Selectable<AlertRuleTable>;
type AlertTriggerRow = Selectable<AlertTriggerTable>;

export async function createAlertRule(
  context: RequestContext,
  customerId: string,
  input: CreateAlertRuleInput,
): Promise<AlertRule> {
  const customer = await customerInReach(context, customerId);
  if (customer.archived_at !== null) {
    throw conflict("customer_archived", `Customer ${customerId} is archived; it gets no new alerts.`);
  }
  const target = await checkTarget(context, customer, input);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "alert_rules", "alertRule", now, {
      customer_id: customer.id,
      subscription_id: input.subscription_id ?? null,
      kind: input.kind,
      name: input.name ?? null,
      meter_code: target.meterCode,
      currency: target.currency,
      pricing_unit: target.pricingUnit,
      threshold: input.threshold,
      email_customer: input.email_customer ?? true,
      enabled: input.enabled ?? true,
      created_by: JSON.stringify(describeActor(context.actor)),
      created_at: now,
      updated_at: now,
    });
    const rule = presentAlertRule(row);
    await recordCreation(transaction, context, "alert", rule);
    if (row.enabled) await requestAlertEvaluation(transaction, context, customer.id);
    return rule;
  });
}

export async function getAlertRule(
  context: RequestContext,
  customerId: string,
  alertId: string,
): Promise<AlertRule> {
  return presentAlertRule(await ruleInReach(context.database, context, customerId, alertId));
}

/** The customer's rules, newest first. */
export async function listCustomerAlertRules(
  context: RequestContext,
  customerId: string,
  filters: CustomerAlertListFilters,
  page: PageRequest,
): Promise<AlertRuleRow[]> {
  await customerInReach(context, customerId);
  return listRules(context, { ...filters, customer_id: customerId }, page);
}

/** Every customer's rules (a portal customer's own only), newest first. */
export async function listAlertRules(
  context: RequestContext,
  filters: AlertListFilters,
  page: PageRequest,
): Promise<AlertRuleRow[]> {
  if (context.actor.type === "portal") {
    if (filters.customer_id !== undefined && filters.customer_id !== context.actor.customerId) return [];
    return listRules(context, { ...filters, customer_id: context.actor.customerId }, page);
  }
  return listRules(context, filters, page);
}

async function listRules(context: RequestContext, filters: AlertListFilters, page: PageRequest) {
  let query = newestFirstPage(selectRules(context.database, context), page);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.kind !== undefined) query = query.where("kind", "=", filters.kind);
  return query.execute();
}

/**
 * Changes a rule's threshold, name, email or enabled flag. A new threshold
 * is a new alert: it fires in the current period even if the old one did,
 * and a credit balance rule waits for a fall below the new threshold.
 */
export async function updateAlertRule(
  context: RequestContext,
  customerId: string,
  alertId: string,
  input: UpdateAlertRuleInput,
): Promise<AlertRule> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await ruleInReach(transaction, context, customerId, alertId, { lock: true });
    if (input.threshold !== undefined) {
      const errors = thresholdErrors(input.threshold, before.currency, before.kind);
      if (errors.length > 0) throw validationFailed(errors);
    }
    const thresholdChanged =
      input.threshold !== undefined && !new Decimal(input.threshold).equals(before.threshold);
    const row = await updateTenantRow(transaction, context, "alert_rules", before.id, {
      ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.email_customer !== undefined ? { email_customer: input.email_customer } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(thresholdChanged ? { below_threshold: false } : {}),
      updated_at: now,
    });
    const rule = presentAlertRule(row);
    await recordObjectChange(transaction, context, "alert", "updated", presentAlertRule(before), rule);
    if (row.enabled) await requestAlertEvaluation(transaction, context, row.customer_id);
    return rule;
  });
}

/** Deletes a rule: it is no longer listed or evaluated (its row and firings stay, for the audit trail). */
export async function deleteAlertRule(
  context: RequestContext,
  customerId: string,
  alertId: string,
): Promise<AlertRule> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await ruleInReach(transaction, context, customerId, alertId, { lock: true });
    const row = await updateTenantRow(transaction, context, "alert_rules", before.id, {
      deleted_at: now,
      updated_at: now,
    });
    const rule = presentAlertRule(row);
    await recordObjectChange(transaction, context, "alert", "deleted", presentAlertRule(before), null);
    return rule;
  });
}

/** A rule's firings, newest first. */
export async function listAlertTriggers(
  context: RequestContext,
  alertId: string,
  page: PageRequest,
): Promise<AlertTriggerRow[]> {
  const rule = await selectRules(context.database, context).where("id", "=", alertId).executeTakeFirst();
  if (rule === undefined || !inReach(context, rule.customer_id)) throw notFound("alert", alertId);
  const query = newestFirstPage(
    selectInTenant(context.database, context, "alert_triggers").where("rule_id", "=", rule.id),
    page,
  );
  return query.execute();
}

/** The rules that are not deleted, of the context's environment. */
export function selectRules(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "alert_rules").where("deleted_at", "is", null);
}

function inReach(context: RequestContext, customerId: string): boolean {
  return context.actor.type !== "portal" || context.actor.customerId === customerId;
}

/** The customer, when it exists and the caller may reach it (a portal customer is told others do not exist). */
async function customerInReach(context: RequestContext, customerId: string): Promise<Customer> {
  if (!inReach(context, customerId)) throw notFound("customer", customerId);
  return getCustomer(context, customerId);
}

async function ruleInReach(
  database: Database,
  context: RequestContext,
  customerId: string,
  alertId: string,
  options: { lock?: boolean } = {},
): Promise<AlertRuleRow> {
  if (!inReach(context, customerId)) throw notFound("customer", customerId);
  const query = selectRules(database, context)
    .where("id", "=", alertId)
    .where("customer_id", "=", customerId);
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) throw notFound("alert of this customer", alertId);
  return row;
}

type Target = { meterCode: string | null; currency: string | null; pricingUnit: string | null };

/** What the rule watches, checked against the customer: its meter or its currency, and its subscription. */
async function checkTarget(
  context: RequestContext,
  customer: Customer,
  input: CreateAlertRuleInput,
): Promise<Target> {
  const errors: FieldError[] = [];
  const subscriptionCurrency =
    input.subscription_id === undefined
      ? undefined
      : await subscriptionCurrencyOf(context, customer.id, input.subscription_id, errors);
  if (input.kind === "credit_balance" && input.subscription_id !== undefined) {
    errors.push({
      path: "$.subscription_id",
      message: "does not apply to a credit_balance alert: credits belong to the customer, not a subscription",
    });
  }
  let target: Target = { meterCode: null, currency: null, pricingUnit: null };
  if (input.kind !== "allowance" && input.unit !== undefined) {
    errors.push({ path: "$.unit", message: "applies to allowance alerts only" });
  }
  if (input.kind === "allowance") {
    if (input.currency !== undefined) {
      errors.push({ path: "$.currency", message: "applies to spend and credit_balance alerts only" });
    }
    if (input.meter !== undefined) errors.push({ path: "$.meter", message: "applies to usage alerts only" });
    if (input.unit === undefined) {
      errors.push({ path: "$.unit", message: "is required for an allowance alert (a pricing unit's code)" });
    }
    target = { meterCode: null, currency: null, pricingUnit: input.unit ?? null };
    errors.push(...thresholdErrors(input.threshold, null, "allowance"));
  } else if (input.kind === "usage") {
    if (input.currency !== undefined) {
      errors.push({ path: "$.currency", message: "applies to spend and credit_balance alerts only" });
    }
    if (input.meter === undefined) errors.push({ path: "$.meter", message: "is required for a usage alert" });
    else {
      const [meter] = await listMeters(context, { code: input.meter }, { limit: 1, afterId: undefined });
      if (meter === undefined)
        errors.push({ path: "$.meter", message: `no meter with code "${input.meter}"` });
      target = { meterCode: input.meter, currency: null, pricingUnit: null };
    }
    errors.push(...thresholdErrors(input.threshold, null, "usage"));
  } else {
    if (input.meter !== undefined) errors.push({ path: "$.meter", message: "applies to usage alerts only" });
    const currency = input.currency ?? subscriptionCurrency ?? customer.currency ?? undefined;
    if (currency === undefined) {
      errors.push({
        path: "$.currency",
        message: `is required: customer ${customer.id} has no currency of its own`,
      });
    } else if (!isCurrencyCode(currency)) {
      errors.push({ path: "$.currency", message: `"${currency}" is not an ISO 4217 currency code` });
    } else {
      if (subscriptionCurrency !== undefined && currency !== subscriptionCurrency) {
        errors.push({
          path: "$.currency",
          message: `must be the subscription's currency, ${subscriptionCurrency}, which its invoices are in`,
        });
      }
      errors.push(...thresholdErrors(input.threshold, currency, input.kind));
      target = { meterCode: null, currency, pricingUnit: null };
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return target;
}

async function subscriptionCurrencyOf(
  context: RequestContext,
  customerId: string,
  subscriptionId: string,
  errors: FieldError[],
): Promise<string | undefined> {
  try {
    const subscription = await getSubscription(context, subscriptionId);
    if (subscription.customer_id === customerId) return subscription.currency;
  } catch (error) {
    if (!(error instanceof FairbillError && error.status === 404)) throw error;
  }
  errors.push({
    path: "$.subscription_id",
    message: `no subscription of this customer with id "${subscriptionId}"`,
  });
  return undefined;
}

/**
 * A threshold is more than zero; in money, it has no more digits than the
 * currency; a percent of an allowance is at most 100, to two decimals.
 */
function thresholdErrors(threshold: string, currency: string | null, kind: AlertKind): FieldError[] {
  const amount = new Decimal(threshold);
  if (amount.isZero()) return [{ path: "$.threshold", message: "must be more than 0" }];
  if (kind === "allowance" && (amount.greaterThan(100) || amount.decimalPlaces() > 2)) {
    return [
      {
        path: "$.threshold",
        message: "is a percent of the allowance used: at most 100, with at most two decimals",
      },
    ];
  }
  if (currency !== null && !fitsMinorUnit(amount, currencyFor(currency))) {
    return [
      {
        path: "$.threshold",
        message: `has more decimal places than ${currency} has (${currencyFor(currency).minorDigits})`,
      },
    ];
  }
  return [];
}

/** An amount or a quantity of a rule, as the API writes it: money to the currency's minor unit. */
export function formatMeasure(value: Decimal | string, currency: string | null): string {
  const decimal = typeof value === "string" ? new Decimal(value) : value;
  return currency === null ? formatQuantity(decimal) : formatAmount(decimal, currencyFor(currency));
}

export function presentAlertRule(row: AlertRuleRow): AlertRule {
  return {
    id: row.id,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    kind: row.kind,
    name: row.name,
    meter: row.meter_code,
    unit: row.pricing_unit,
    currency: row.currency,
    threshold: formatMeasure(row.threshold, row.currency),
    email_customer: row.email_customer,
    enabled: row.enabled,
    below_threshold: row.below_threshold,
    created_by: { type: row.created_by.type, id: row.created_by.id },
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function presentAlertTrigger(row: AlertTriggerRow): AlertTrigger {
  return {
    id: row.id,
    alert_id: row.rule_id,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    kind: row.kind as AlertKind,
    threshold: formatMeasure(row.threshold, row.currency),
    value: formatMeasure(row.value, row.currency),
    currency: row.currency,
    meter: row.meter_code,
    unit: row.pricing_unit,
    period_start: row.period_start?.toISOString() ?? null,
    period_end: row.period_end?.toISOString() ?? null,
    webhook_event_id: row.webhook_event_id,
    email_id: row.email_message_id,
    triggered_at: row.triggered_at.toISOString(),
  };
}
