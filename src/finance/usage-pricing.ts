// What a stretch of a customer's usage of one meter costs at current prices:
// aggregated by metering as the bill run aggregates it, priced by the core's
// priceUsage with the charges of a plan version (and the subscription's own
// price overrides), each charge rounded as an invoice line is. Reconciliation
// uses it to put an amount on usage that was never billed.

import {
  meterAggregationsOf,
  type PlanVersionRecord,
  pickVersionInEffect,
  planVersionsByIds,
  selectPlanVersions,
} from "../catalog/index.ts";
import {
  BillingInputError,
  type Charge,
  currencyFor,
  Decimal,
  type Instant,
  type Meter,
  type UsageAggregate,
  type UsageCharge,
  type UsageWindow,
  usageChargeAmount,
} from "../core/index.ts";
import { enginePlanVersion } from "../invoicing/index.ts";
import { engineMetersFor, usageForWindows } from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { EffectiveOverride } from "../subscriptions/index.ts";
import { subscriptionPriceOverrides } from "../subscriptions/index.ts";

export type PricingSource = {
  versionId: string;
  currency: string;
  /** The subscription whose price overrides apply, if any. */
  subscriptionId: string | null;
  /** Only this charge of the version (a billed line's); every usage charge of the meter when left out. */
  chargeId?: string;
};

export type PricedUsage = {
  quantity: Decimal;
  eventCount: number;
  /** Null when nothing prices the meter. */
  amount: Decimal | null;
  currency: string | null;
  /** Which prices were used, in words. */
  basis: string;
};

export class UsagePricer {
  private readonly database: Database;
  private readonly scope: TenantScope;
  private readonly now: Date;
  private readonly versions = new Map<string, PlanVersionRecord>();
  private readonly overrides = new Map<string, EffectiveOverride[]>();
  private meterAggregations: Map<string, string> | undefined;
  private listedVersions: PlanVersionRecord[] | undefined;

  constructor(database: Database, scope: TenantScope, now: Date) {
    this.database = database;
    this.scope = scope;
    this.now = now;
  }

  private async version(id: string): Promise<PlanVersionRecord | undefined> {
    if (!this.versions.has(id)) {
      for (const [key, value] of await planVersionsByIds(this.database, this.scope, [id])) {
        this.versions.set(key, value);
      }
    }
    return this.versions.get(id);
  }

  private async aggregations(): Promise<Map<string, string>> {
    this.meterAggregations ??= await meterAggregationsOf(this.database, this.scope);
    return this.meterAggregations;
  }

  private async overridesOf(subscriptionId: string | null): Promise<EffectiveOverride[]> {
    if (subscriptionId === null) return [];
    let overrides = this.overrides.get(subscriptionId);
    if (overrides === undefined) {
      overrides = await subscriptionPriceOverrides(this.database, this.scope, subscriptionId);
      this.overrides.set(subscriptionId, overrides);
    }
    return overrides;
  }

  /** The usage charges of the source that price `meterCode`, as billed at `at`. */
  async chargesFor(source: PricingSource, meterCode: string, at: Instant): Promise<UsageCharge[]> {
    const version = await this.version(source.versionId);
    if (version === undefined) return [];
    try {
      const plan = enginePlanVersion(version, {
        currency: source.currency,
        meterAggregations: await this.aggregations(),
        overrides: await this.overridesOf(source.subscriptionId),
        at,
      });
      return plan.charges.filter(
        (charge: Charge): charge is UsageCharge =>
          charge.type === "usage" &&
          charge.meterCode === meterCode &&
          (source.chargeId === undefined || charge.id === source.chargeId),
      );
    } catch (error) {
      // A version that cannot price in the currency (or whose override no longer fits) prices nothing here.
      if (error instanceof BillingInputError) return [];
      throw error;
    }
  }

  /** The customer's usage of the meter over [start, end), priced with the source's charges. */
  async price(input: {
    customerExternalId: string;
    meterCode: string;
    start: Instant;
    end: Instant;
    source: PricingSource;
  }): Promise<PricedUsage> {
    const charges = await this.chargesFor(input.source, input.meterCode, input.start);
    const version = await this.version(input.source.versionId);
    const meter = await this.meter(input.meterCode, input.start);
    const plain = meter === undefined ? undefined : await this.aggregate(input, meter, undefined);
    const quantity = plain?.quantity ?? new Decimal(0);
    const eventCount = plain?.eventCount ?? 0;
    if (charges.length === 0 || meter === undefined || version === undefined) {
      return { quantity, eventCount, amount: null, currency: null, basis: "no charge prices this meter" };
    }
    const currency = currencyFor(input.source.currency);
    let amount = new Decimal(0);
    for (const charge of charges) {
      const aggregate =
        charge.pricing.model === "percentage"
          ? await this.aggregate(input, meter, charge)
          : (plain as UsageAggregate);
      amount = amount.plus(usageChargeAmount(charge.pricing, aggregate, currency));
    }
    return {
      quantity,
      eventCount,
      amount,
      currency: input.source.currency,
      basis: `plan ${version.planCode} version ${version.version} in ${input.source.currency}${input.source.subscriptionId === null ? "" : `, subscription ${input.source.subscriptionId}`}`,
    };
  }

  /** How much of the meter the customer used over [start, end), unpriced. */
  async measure(input: {
    customerExternalId: string;
    meterCode: string;
    start: Instant;
    end: Instant;
  }): Promise<{ quantity: Decimal; eventCount: number }> {
    const meter = await this.meter(input.meterCode, input.start);
    if (meter === undefined) return { quantity: new Decimal(0), eventCount: 0 };
    const aggregate = await this.aggregate(input, meter, undefined);
    return { quantity: aggregate.quantity, eventCount: aggregate.eventCount };
  }

  private async meter(code: string, at: Instant): Promise<Meter | undefined> {
    return (await engineMetersFor(this.database, this.scope, [code], at)).get(code);
  }

  private async aggregate(
    input: { customerExternalId: string; meterCode: string; start: Instant; end: Instant },
    meter: Meter,
    transactional: UsageCharge | undefined,
  ): Promise<UsageAggregate> {
    const window: UsageWindow = {
      key: "reconciliation",
      meterCode: input.meterCode,
      start: input.start,
      end: input.end,
      fullPeriodStart: input.start,
      fullPeriodEnd: input.end,
      ...(transactional?.pricing.model === "percentage" ? { transactionPricing: transactional.pricing } : {}),
    };
    const aggregates = await usageForWindows(this.database, this.scope, {
      customerExternalId: input.customerExternalId,
      windows: [window],
      meters: new Map([[input.meterCode, meter]]),
      levelsStartAt: input.start,
    });
    return aggregates.get(window.key) ?? { quantity: new Decimal(0), eventCount: 0 };
  }

  /**
   * Usage of a customer with no plan to price it (unknown, or without a
   * subscription): at the lowest list price among the plan versions in effect
   * now that charge for the meter, in `currency` when the customer has one.
   */
  async priceAtListPrice(input: {
    customerExternalId: string;
    meterCode: string;
    start: Instant;
    end: Instant;
    currency: string | null;
  }): Promise<PricedUsage> {
    let cheapest: PricedUsage | undefined;
    for (const version of await this.versionsInEffect()) {
      const currencies =
        input.currency === null
          ? [version.content.currency]
          : [
              version.content.currency,
              ...version.content.currency_prices.map((book) => book.currency),
            ].filter((code) => code === input.currency);
      for (const currency of currencies) {
        const source = { versionId: version.id, currency, subscriptionId: null };
        if ((await this.chargesFor(source, input.meterCode, input.start)).length === 0) continue;
        const priced = await this.price({ ...input, source });
        if (priced.amount === null) continue;
        if (cheapest === undefined || cheapest.amount === null || priced.amount.lessThan(cheapest.amount)) {
          cheapest = { ...priced, basis: `lowest list price: ${priced.basis}` };
        }
      }
    }
    if (cheapest !== undefined) return cheapest;
    return {
      ...(await this.measure(input)),
      amount: null,
      currency: null,
      basis:
        input.currency === null
          ? "no plan in effect charges for this meter"
          : `no plan in effect charges for this meter in ${input.currency}`,
    };
  }

  private async versionsInEffect(): Promise<PlanVersionRecord[]> {
    if (this.listedVersions !== undefined) return this.listedVersions;
    const rows = await selectPlanVersions(this.database, this.scope)
      .where("state", "in", ["published", "retired"])
      .execute();
    const byPlan = new Map<string, typeof rows>();
    for (const row of rows) byPlan.set(row.plan_id, [...(byPlan.get(row.plan_id) ?? []), row]);
    const ids: string[] = [];
    for (const versions of byPlan.values()) {
      const picked = pickVersionInEffect(
        versions.map((row) => ({
          id: row.id,
          version: row.version,
          state: row.state,
          effectiveFrom: row.effective_from,
          retiredAt: row.retired_at,
        })),
        this.now,
      );
      if (picked !== undefined) ids.push(picked.id);
    }
    for (const [key, value] of await planVersionsByIds(this.database, this.scope, ids)) {
      this.versions.set(key, value);
    }
    this.listedVersions = ids.flatMap((id) => this.versions.get(id) ?? []);
    return this.listedVersions;
  }
}
