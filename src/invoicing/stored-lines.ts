// From the engine's invoice lines to the rows invoicing stores: a description
// a customer can read, the subscription and plan version the line comes from,
// and the engine's own explanation (meter, event count, tiers, proration)
// printed exactly as `fairbill simulate` prints it. On a parent's consolidated
// invoice a line names the child customer it bills for, and a pooled usage
// line lists what each account of the pool used.

import type { PlanVersionRecord } from "../catalog/index.ts";
import { type Currency, type InvoiceLine, type PoolShare, usageWindowKey } from "../core/index.ts";
import { outputLine } from "../simulation/index.ts";

/** An account of a pool or hierarchy, as a line names it. */
export type LineAccount = { id: string; name: string | null; external_id: string };

export type LineSource = {
  subscriptionId: string | null;
  version: PlanVersionRecord | undefined;
  /** The child customer the line bills for, on its parent's consolidated invoice. */
  billedFor?: LineAccount;
  /** A pooled subscription's accounts and what each used, by usage window key. */
  pool?: { accounts: readonly LineAccount[]; shares: ReadonlyMap<string, readonly PoolShare[]> };
};

export type StoredLine = {
  subscription_id: string | null;
  plan_id: string | null;
  plan_version_id: string | null;
  /** The charge id; the plan's code on a minimum true-up, as the simulator prints it. */
  charge_id: string | null;
  kind: string;
  description: string;
  period_start: Date | null;
  period_end: Date | null;
  quantity: string;
  unit_amount: string | null;
  amount: string;
  details: Record<string, unknown>;
  /** The child customer a line of a consolidated invoice bills for; absent (null) on every other line. */
  billed_customer_id?: string | null;
  billed_customer_name?: string | null;
};

/**
 * What each account of a pool used in the line's window, for a usage line of
 * a pooled subscription (billed in arrears: its window is its segment).
 */
function poolOfLine(line: InvoiceLine, pool: LineSource["pool"]): Record<string, unknown>[] | undefined {
  if (pool === undefined || line.kind !== "usage" || line.details.kind !== "usage") return undefined;
  const shares =
    pool.shares.get(
      usageWindowKey({ meterCode: line.details.meterCode }, line.periodStart, line.periodEnd),
    ) ??
    pool.shares.get(
      usageWindowKey(
        { planCode: line.details.planCode, chargeId: line.charge },
        line.periodStart,
        line.periodEnd,
      ),
    );
  if (shares === undefined) return undefined;
  const accounts = new Map(pool.accounts.map((account) => [account.id, account]));
  return shares.map((share) => ({
    customer_id: share.customerId,
    name: accounts.get(share.customerId)?.name ?? accounts.get(share.customerId)?.external_id ?? null,
    quantity: share.quantity.toFixed(),
    event_count: share.eventCount,
  }));
}

/**
 * What the customer reads for a charge: the name of the product it sells (with
 * the charge's id beside it when the plan has more than one charge for that
 * product), else the charge's id.
 */
function chargeName(chargeId: string, version: PlanVersionRecord | undefined): string {
  if (version === undefined) return chargeId;
  const charges = version.content.charges as readonly { id: string; product?: string | undefined }[];
  const product = charges.find((charge) => charge.id === chargeId)?.product;
  const productName = product === undefined ? undefined : version.productNames[product];
  if (productName === undefined) return chargeId;
  const sharing = charges.filter((charge) => charge.product === product).length;
  return sharing > 1 ? `${productName}, ${chargeId}` : productName;
}

/** A line's description on invoices and documents, such as "Platform (Growth)" or "API usage (Pro)". */
export function describeLine(line: InvoiceLine, version: PlanVersionRecord | undefined): string {
  const plan = version === undefined ? "" : ` (${version.planName})`;
  const name = chargeName(line.charge, version);
  switch (line.details.kind) {
    case "fixed":
      return `${name}${plan}`;
    case "usage":
      return `${name === line.charge ? line.details.meterCode : name} usage${plan}`;
    case "proration_credit":
      return `Unused time on ${name}${plan}`;
    case "minimum_true_up":
      return `Minimum commitment true-up${plan}`;
    case "quantity_change":
      return `${name}: quantity ${line.details.previousQuantity} to ${line.details.newQuantity}${plan}`;
    case "commit":
      return `Commitment ${line.charge} (instalment ${line.details.instalment} of ${line.details.instalments})`;
    case "commit_true_up":
      return `Commitment ${line.charge} true-up`;
  }
}

export function storedLine(line: InvoiceLine, currency: Currency, source: LineSource): StoredLine {
  const printed = outputLine(line, currency);
  const version = source.version;
  const charge = line.kind === "minimum_true_up" && version !== undefined ? version.planCode : line.charge;
  // A dimensional charge's line names its combination, and whether the default priced it.
  const details: Record<string, unknown> = {
    ...printed.details,
    ...(printed.dimensions === undefined ? {} : { dimensions: printed.dimensions }),
    ...(printed.priced_by === undefined ? {} : { priced_by: printed.priced_by }),
    // A line priced in a pricing unit: its cost in the unit and what the allowance covered (V23).
    ...(printed.unit === undefined
      ? {}
      : { unit: printed.unit, unit_cost: printed.unit_cost, allowance_applied: printed.allowance_applied }),
  };
  const pooled = poolOfLine(line, source.pool);
  // Summed before the tiers: the line's quantity is the pool's, each account's share beside it.
  if (pooled !== undefined) details.pool = pooled;
  if (version !== undefined) {
    details.plan = version.planCode;
    details.price_version = {
      plan_id: version.planId,
      plan_version_id: version.id,
      version: version.version,
    };
  }
  return {
    subscription_id: source.subscriptionId,
    plan_id: version?.planId ?? null,
    plan_version_id: version?.id ?? null,
    charge_id: charge,
    kind: line.kind,
    description: describeLine(line, version),
    period_start: new Date(line.periodStart),
    period_end: new Date(line.periodEnd),
    quantity: printed.quantity,
    unit_amount: line.details.kind === "fixed" ? line.details.fullAmount.toFixed() : null,
    amount: printed.amount,
    details,
    ...(source.billedFor === undefined
      ? {}
      : {
          billed_customer_id: source.billedFor.id,
          billed_customer_name: source.billedFor.name ?? source.billedFor.external_id,
        }),
  };
}
