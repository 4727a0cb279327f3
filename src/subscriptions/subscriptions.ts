// Subscription use cases: create one on a published plan version, read one
// with its timeline, list them with filters. Changes to a timeline are in
// subscription-changes.ts and subscription-pauses.ts.

import { sql } from "kysely";
import { periodLocks } from "../accounting-periods/index.ts";
import { recordCreation } from "../audit/index.ts";
import type { PlanVersionRecord } from "../catalog/index.ts";
import { Decimal } from "../core/index.ts";
import type { Customer } from "../customers/index.ts";
import { getCustomer } from "../customers/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import {
  type PageRequest,
  type SortColumn,
  type SortKeyed,
  sortedPage,
} from "../platform/database/list-pages.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, FairbillError, type FieldError, validationFailed } from "../platform/errors.ts";
import { refuseLongCatchUp } from "./catch-up-limit.ts";
import { currenciesOf, ensureBillableIn } from "./engine-catalog.ts";
import { choosePlanVersion } from "./plan-choice.ts";
import { ensureQuantitiesFit } from "./subscription-quantities.ts";
import type {
  CreateSubscriptionInput,
  SubscriptionListFilters,
  SubscriptionSortField,
  SubscriptionView,
} from "./subscription-schemas.ts";
import {
  findSubscription,
  loadSubscription,
  loadTimelines,
  selectSubscriptions,
  whereOnPlanAt,
  whereStatus,
} from "./subscription-store.ts";
import { trialEndOf } from "./subscription-timeline.ts";
import { presentSubscriptions } from "./subscription-views.ts";
import { subscriptionCreated } from "./subscription-webhook-events.ts";

/**
 * Refuses (409 `period_locked`) billing that would start before the end of a
 * closed accounting month: its invoices would be dated in the month, which
 * can no longer be finalized, and the customer could never be billed again.
 * `billing_starts_at` in an open month bills a back-dated start from there.
 */
async function refuseBillingInClosedMonths(
  context: RequestContext,
  input: { billedFrom: number; path: string },
): Promise<void> {
  const closed = (await periodLocks(context.database, context)).filter((lock) => lock.end > input.billedFrom);
  const latest = closed.at(-1);
  if (latest === undefined) return;
  const openFrom = new Date(latest.end).toISOString();
  throw conflict(
    "period_locked",
    `Accounting period ${latest.period} was closed on ${new Date(latest.lockedAt).toISOString()}; billing cannot start before ${openFrom}, as invoices dated in a closed period cannot be issued. Set billing_starts_at on or after ${openFrom} to bill the subscription from then.`,
    [
      {
        path: input.path,
        message: `bills from before ${openFrom}, in the closed accounting period ${latest.period}`,
      },
    ],
  );
}

/**
 * Creates a subscription. `awaitsCutOver` (imports from another billing
 * system, before its cut-over is set) makes it issue no invoice until
 * billSubscriptionsFrom names the switch date.
 */
export async function createSubscription(
  context: RequestContext,
  input: CreateSubscriptionInput,
  options: { awaitsCutOver?: boolean } = {},
): Promise<SubscriptionView> {
  const now = context.clock.now();
  const customer = await customerNamedBy(context, input.customer_id);
  if (customer.archived_at !== null) {
    throw conflict("customer_archived", `Customer ${customer.id} is archived and is no longer billed anew.`, [
      { path: "$.customer_id", message: "is archived" },
    ]);
  }
  if (input.progressive_billing_threshold !== undefined) {
    if (new Decimal(input.progressive_billing_threshold).isZero()) {
      throw validationFailed([{ path: "$.progressive_billing_threshold", message: "must be more than 0" }]);
    }
  }
  const startedAt = input.start_at === undefined ? now : new Date(input.start_at);
  const billingStartsAt =
    input.billing_starts_at === undefined ? undefined : new Date(input.billing_starts_at);
  const version = await choosePlanVersion(context.database, context, {
    planId: input.plan_id,
    version: input.plan_version,
    at: startedAt,
    paths: { plan: "$.plan_id", version: "$.plan_version" },
  });
  refuseLongCatchUp({
    startedAt,
    billingStartsAt,
    now,
    interval: { unit: version.content.interval, count: version.content.interval_count },
    alignment: input.billing ?? "anniversary",
    timeZone: customer.timezone,
  });
  ensureQuantitiesFit(version, input.quantities ?? {});
  const trialDays = input.trial_days ?? version.content.trial_days;
  const timeline = { start: startedAt.getTime(), trialDays, timeZone: customer.timezone };
  // Billing starts at billing_starts_at, or at the start, and not before the trial ends.
  await refuseBillingInClosedMonths(context, {
    billedFrom: Math.max((billingStartsAt ?? startedAt).getTime(), trialEndOf(timeline)),
    path: billingStartsAt === undefined ? "$.start_at" : "$.billing_starts_at",
  });
  const currency = currencyFor(input.currency, customer, version);
  await ensureBillableIn(context.database, context, version, currency, "$.plan_id");

  return refusingDuplicates(
    () =>
      context.database.transaction().execute(async (transaction) => {
        const row = await insertTenantRow(transaction, context, "subscriptions", "subscription", now, {
          customer_id: customer.id,
          plan_id: version.planId,
          plan_version_id: version.id,
          currency,
          billing_alignment: input.billing ?? "anniversary",
          trial_days: trialDays,
          started_at: startedAt,
          billing_starts_at: billingStartsAt ?? null,
          trial_ends_at: new Date(trialEndOf(timeline)),
          timezone: customer.timezone,
          external_id: input.external_id ?? null,
          metadata: JSON.stringify(input.metadata ?? {}),
          // Nothing is billed before the start (in backfill mode, before billing starts); the bill run
          // looks there first, and counts what fell due before billing starts as billed elsewhere.
          next_billing_at: billingStartsAt ?? startedAt,
          billed_through: billingStartsAt === undefined ? null : new Date(billingStartsAt.getTime() - 1),
          progressive_billing_threshold: input.progressive_billing_threshold ?? null,
          ends_at: null,
          quantities: JSON.stringify(input.quantities ?? {}),
          instant_window_minutes: input.instant_window_minutes ?? 60,
          pool_usage_with_children: input.pool_usage_with_children ?? false,
          awaits_cut_over: options.awaitsCutOver ?? false,
          created_at: now,
          updated_at: now,
        });
        const loaded = await loadSubscription(transaction, context, row);
        const [subscription] = await presentSubscriptions(transaction, context, [loaded], now);
        if (subscription === undefined) throw new Error(`Subscription ${row.id} was not presented.`);
        await recordCreation(transaction, context, "subscription", subscription);
        await publishEvent(transaction, context, subscriptionCreated, subscription);
        return subscription;
      }),
    () =>
      conflict(
        "subscription_external_id_taken",
        `A subscription with external id "${input.external_id}" already exists in this environment.`,
        [{ path: "$.external_id", message: "is already used by another subscription" }],
      ),
  );
}

export async function getSubscription(context: RequestContext, id: string): Promise<SubscriptionView> {
  const row = await findSubscription(context.database, context, id);
  const loaded = await loadSubscription(context.database, context, row);
  const [subscription] = await presentSubscriptions(context.database, context, [loaded], context.clock.now());
  if (subscription === undefined) throw new Error(`Subscription ${id} was not presented.`);
  return subscription;
}

/** Newest first; `status` and `plan_id` are read at the time of the request. */
/** What `?sort=` orders subscriptions by; a subscription without a next bill or an end sorts after every date. */
const subscriptionSortColumns: Record<SubscriptionSortField, SortColumn> = {
  started_at: { expression: sql`subscriptions.started_at`, type: "timestamptz" },
  next_billing_at: {
    expression: sql`coalesce(subscriptions.next_billing_at, 'infinity'::timestamptz)`,
    type: "timestamptz",
  },
  ends_at: { expression: sql`coalesce(subscriptions.ends_at, 'infinity'::timestamptz)`, type: "timestamptz" },
};

export async function listSubscriptions(
  context: RequestContext,
  filters: SubscriptionListFilters,
  page: PageRequest,
): Promise<(SubscriptionView & SortKeyed)[]> {
  const now = context.clock.now();
  let query = sortedPage(
    selectSubscriptions(context.database, context),
    page,
    subscriptionSortColumns,
    "subscriptions.id",
  );
  if (filters.customer_id !== undefined)
    query = query.where("subscriptions.customer_id", "=", filters.customer_id);
  if (filters.plan_id !== undefined) query = query.where(whereOnPlanAt(filters.plan_id, now));
  if (filters.status !== undefined) query = query.where(whereStatus(filters.status, now));
  const rows = await query.execute();
  const loaded = await loadTimelines(context.database, context, rows);
  const views = await presentSubscriptions(context.database, context, loaded, now);
  return views.map((view, index) => ({ ...view, page_sort_key: rows[index]?.page_sort_key ?? null }));
}

/** The customer a body names; an unknown one is bad input in `$.customer_id`, not a missing route object. */
async function customerNamedBy(context: RequestContext, customerId: string): Promise<Customer> {
  try {
    return await getCustomer(context, customerId);
  } catch (error) {
    if (error instanceof FairbillError && error.status === 404) {
      throw validationFailed([{ path: "$.customer_id", message: `no customer with id "${customerId}"` }]);
    }
    throw error;
  }
}

/** The currency asked for, else the customer's, else the version's; the version must price it. */
function currencyFor(asked: string | undefined, customer: Customer, version: PlanVersionRecord): string {
  const priced = currenciesOf(version.content);
  const currency = asked ?? customer.currency ?? version.content.currency;
  if (priced.includes(currency)) return currency;
  const problem: FieldError = {
    path: "$.currency",
    message:
      asked === undefined
        ? `the customer bills in ${currency}, which version ${version.version} of plan ${version.planCode} ` +
          `cannot price (it prices ${priced.join(", ")}); give a currency it prices`
        : `version ${version.version} of plan ${version.planCode} cannot price ${currency} ` +
          `(it prices ${priced.join(", ")})`,
  };
  throw validationFailed([problem]);
}
