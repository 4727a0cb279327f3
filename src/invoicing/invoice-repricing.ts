// Invoices already billed, priced again another way, storing nothing: what a
// backtest compares. For each finalized subscription invoice of a customer in
// a range of issue dates, the lines as billed (stored) and the lines as they
// would be if the subscriptions priced by one plan had been on another version
// of it (a draft, say) or had had other price overrides, or if a contract had
// had another rate card (a contract change). The would-be lines
// are computed exactly as the bill run computes lines (`subscriptionLinesAt`,
// from the stored usage), at the instant the subscription billed; the lines
// of the invoice's other subscriptions stay as billed.

import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import { currencyFor, type Instant, type Subscription } from "../core/index.ts";
import { engineMetersFor } from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { ContractDocument } from "../simulation/index.ts";
import type { EffectiveOverride } from "../subscriptions/index.ts";
import { meterCodesOf } from "./billing-catalog.ts";
import { coreContractOf } from "./contract-billing.ts";
import {
  type CustomerBilling,
  loadCustomersBilling,
  nextInstantOf,
  type SubscriptionBilling,
  subscriptionLinesAt,
  type UsageReader,
} from "./customer-billing.ts";
import { linesOfInvoices } from "./invoice-store.ts";
import { isPausedAt } from "./issue-instants.ts";
import { type StoredLine, storedLine } from "./stored-lines.ts";
import { batchedUsageReader } from "./usage-batches.ts";

/** How to price the subscriptions of a plan: on another version of it, or with these overrides instead of theirs. */
export type Repricing =
  | { kind: "version"; planId: string; versionId: string }
  | { kind: "overrides"; planId: string; overrides: readonly EffectiveOverride[] }
  | {
      kind: "contract";
      planId: string;
      contractId: string;
      /** The contract's rate card as it would be, in its terms' words. */
      rateCard: NonNullable<ContractDocument["rate_card"]>;
    };

/** A line as invoicing stores and shows it (amounts as decimal strings in the invoice's currency). */
export type PricedLine = {
  subscription_id: string | null;
  plan_version_id: string | null;
  charge_id: string | null;
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  amount: string;
  details: Record<string, unknown>;
};

export type RepricedInvoice = {
  invoiceId: string;
  number: string | null;
  customerId: string;
  currency: string;
  issuedAt: Date;
  /** Whether a subscription of the invoice is priced by the plan (else both sides are the same lines). */
  repriced: boolean;
  billed: PricedLine[];
  wouldBe: PricedLine[];
};

/** A subscription's issue instants fall at least this far apart; the bill run joins instants of one local date. */
const sameInvoiceWindowMilliseconds = 86_400_000;

/**
 * The customers with a finalized subscription invoice issued in [from, to)
 * that holds a line of the plan (of the version, when given), in id order:
 * among `customerIds` when given, in `currency` when given, and with what
 * they were billed in the range (the invoices' subtotals) within the bounds.
 */
export async function customersBilledOnPlan(
  database: Database,
  scope: TenantScope,
  input: {
    planId: string;
    planVersionId?: string | undefined;
    from: Date;
    to: Date;
    customerIds?: readonly string[] | undefined;
    currency?: string | undefined;
    billedAtLeast?: string | undefined;
    billedBelow?: string | undefined;
  },
): Promise<string[]> {
  if (input.customerIds !== undefined && input.customerIds.length === 0) return [];
  let query = database
    .selectFrom("invoices")
    .select("invoices.customer_id")
    .where(inTenant(scope, "invoices"))
    .where("invoices.origin", "=", "subscription")
    .where("invoices.status", "not in", ["draft", "void"])
    .where("invoices.issued_at", ">=", input.from)
    .where("invoices.issued_at", "<", input.to)
    .where((where) =>
      where.exists(
        where
          .selectFrom("invoice_lines")
          .select("invoice_lines.id")
          .whereRef("invoice_lines.invoice_id", "=", "invoices.id")
          .where("invoice_lines.environment_id", "=", scope.environmentId)
          .where(
            input.planVersionId === undefined ? "invoice_lines.plan_id" : "invoice_lines.plan_version_id",
            "=",
            input.planVersionId ?? input.planId,
          ),
      ),
    )
    .groupBy("invoices.customer_id")
    .orderBy("invoices.customer_id");
  if (input.customerIds !== undefined)
    query = query.where("invoices.customer_id", "in", [...input.customerIds]);
  if (input.currency !== undefined) query = query.where("invoices.currency", "=", input.currency);
  if (input.billedAtLeast !== undefined)
    query = query.having((having) => having.fn.sum("invoices.subtotal"), ">=", input.billedAtLeast);
  if (input.billedBelow !== undefined)
    query = query.having((having) => having.fn.sum("invoices.subtotal"), "<", input.billedBelow);
  return (await query.execute()).map((row) => row.customer_id);
}

/**
 * Each finalized subscription invoice of these customers issued in [from, to),
 * by customer then issue date, as billed and as the repricing would make it.
 * Customers are read one at a time (their billing, then their usage per
 * invoice), as the bill run reads them.
 */
export async function repriceBilledInvoices(
  database: Database,
  scope: TenantScope,
  input: {
    customerIds: readonly string[];
    from: Date;
    to: Date;
    repricing: Repricing;
    /** Only the invoices in this currency. */
    currency?: string;
  },
): Promise<RepricedInvoice[]> {
  if (input.customerIds.length === 0) return [];
  let invoiceQuery = database
    .selectFrom("invoices")
    .select(["id", "number", "customer_id", "currency", "issued_at", "subscription_ids"])
    .where(inTenant(scope))
    .where("customer_id", "in", [...input.customerIds])
    .where("origin", "=", "subscription")
    .where("status", "not in", ["draft", "void"])
    .where("issued_at", ">=", input.from)
    .where("issued_at", "<", input.to)
    .orderBy("customer_id")
    .orderBy("issued_at")
    .orderBy("id");
  if (input.currency !== undefined) invoiceQuery = invoiceQuery.where("currency", "=", input.currency);
  const invoices = await invoiceQuery.execute();
  if (invoices.length === 0) return [];
  const lineRows = await linesOfInvoices(
    database,
    scope,
    invoices.map((invoice) => invoice.id),
  );
  const linesByInvoice = new Map<string, PricedLine[]>();
  for (const row of lineRows) {
    const lines = linesByInvoice.get(row.invoice_id) ?? [];
    lines.push(pricedLine(row));
    linesByInvoice.set(row.invoice_id, lines);
  }

  const candidate = await candidateOf(database, scope, input.repricing, input.to);
  const billings = await loadCustomersBilling(
    database,
    scope,
    invoices.map((invoice) => invoice.customer_id),
    input.to.getTime(),
  );
  for (const billing of billings.values()) candidate.addTo(billing);
  // Every invoice is priced side by side, so that the usage of all of them is read at once.
  const readUsage = batchedUsageReader(database, scope);
  return Promise.all(
    invoices.map(async (invoice): Promise<RepricedInvoice> => {
      const billing = billings.get(invoice.customer_id);
      if (billing === undefined) throw new Error(`customer ${invoice.customer_id} vanished while being read`);
      const billed = linesByInvoice.get(invoice.id) ?? [];
      const entries = invoice.subscription_ids.flatMap((subscriptionId) => {
        const entry = billing.subscriptions.find(
          (candidateEntry) => candidateEntry.subscription.id === subscriptionId,
        );
        return entry === undefined || !isRepriced(billing, entry, input.repricing) ? [] : [entry];
      });
      const lines = await Promise.all(
        entries.map((entry) =>
          linesAsTheyWouldBe(database, scope, billing, entry, candidate.reprice(billing, entry), readUsage, {
            issuedAt: invoice.issued_at.getTime(),
            currency: invoice.currency,
          }),
        ),
      );
      const recomputed = new Map(entries.map((entry, index) => [entry.subscription.id, lines[index] ?? []]));
      return {
        invoiceId: invoice.id,
        number: invoice.number,
        customerId: invoice.customer_id,
        currency: invoice.currency,
        issuedAt: invoice.issued_at,
        repriced: recomputed.size > 0,
        billed,
        wouldBe: recomputed.size === 0 ? billed : withRecomputedLines(billed, recomputed),
      };
    }),
  );
}

/** The billed lines with each recomputed subscription's lines in place of its own (where its first line was). */
function withRecomputedLines(
  billed: readonly PricedLine[],
  recomputed: Map<string, PricedLine[]>,
): PricedLine[] {
  const lines: PricedLine[] = [];
  const placed = new Set<string>();
  for (const line of billed) {
    const subscriptionId = line.subscription_id;
    const replacement = subscriptionId === null ? undefined : recomputed.get(subscriptionId);
    if (replacement === undefined || subscriptionId === null) {
      lines.push(line);
      continue;
    }
    if (placed.has(subscriptionId)) continue;
    placed.add(subscriptionId);
    lines.push(...replacement);
  }
  for (const [subscriptionId, replacement] of recomputed)
    if (!placed.has(subscriptionId)) lines.push(...replacement);
  return lines;
}

/** A subscription the repricing changes: one priced by its plan, or the one its contract holds. */
function isRepriced(billing: CustomerBilling, entry: SubscriptionBilling, repricing: Repricing): boolean {
  if (repricing.kind === "contract") return entry.contract?.id === repricing.contractId;
  return entry.versionIds.some((id) => billing.versions.get(id)?.planId === repricing.planId);
}

type Candidate = {
  /** Makes the candidate's version and meters known to a customer's billing. */
  addTo(billing: CustomerBilling): void;
  /** The subscription as the repricing has it. */
  reprice(billing: CustomerBilling, entry: SubscriptionBilling): SubscriptionBilling;
};

async function candidateOf(
  database: Database,
  scope: TenantScope,
  repricing: Repricing,
  at: Date,
): Promise<Candidate> {
  if (repricing.kind === "contract") {
    return {
      addTo: () => {},
      reprice: (billing, entry) => {
        if (entry.contract === undefined) return entry;
        const stored = {
          ...entry.contract.stored,
          terms: { ...entry.contract.stored.terms, rate_card: [...repricing.rateCard] },
        };
        return {
          ...entry,
          contract: {
            ...entry.contract,
            contract: coreContractOf(stored, billing.versions, entry.versionIds),
          },
        };
      },
    };
  }
  if (repricing.kind === "overrides") {
    const replaced = new Set(repricing.overrides.map((override) => overrideSlotKey(override)));
    return {
      addTo: () => {},
      reprice: (_billing, entry) => ({
        ...entry,
        overrides: [
          ...entry.overrides.filter((override) => !replaced.has(overrideSlotKey(override))),
          ...repricing.overrides,
        ],
      }),
    };
  }
  const versions = await planVersionsByIds(database, scope, [repricing.versionId]);
  const version = versions.get(repricing.versionId);
  if (version === undefined) throw new Error(`plan version ${repricing.versionId} vanished while being read`);
  const meters = await engineMetersFor(database, scope, meterCodesOf([version]), at.getTime());
  return {
    addTo: (billing) => {
      billing.versions.set(version.id, version);
      for (const [code, meter] of meters) if (!billing.meters.has(code)) billing.meters.set(code, meter);
    },
    reprice: (billing, entry) => onVersion(billing, entry, version),
  };
}

/** The slot an override fills: one plan's charge, its price or its discount. */
function overrideSlotKey(override: EffectiveOverride): string {
  return `${override.planId}\u0000${override.chargeId}\u0000${override.slot}`;
}

/** The subscription with every version of the candidate's plan its timeline names replaced by the candidate. */
function onVersion(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  version: PlanVersionRecord,
): SubscriptionBilling {
  const replace = (id: string) => (billing.versions.get(id)?.planId === version.planId ? version.id : id);
  const timeline: Subscription = {
    ...entry.subscription.timeline,
    planCode: replace(entry.subscription.timeline.planCode),
    changes: entry.subscription.timeline.changes.map((change) =>
      change.type === "change_plan" ? { ...change, planCode: replace(change.planCode) } : change,
    ),
  };
  return {
    ...entry,
    subscription: { ...entry.subscription, timeline },
    versionIds: [...new Set(entry.versionIds.map(replace))],
  };
}

/**
 * The lines the repriced subscription bills at the instant the subscription
 * billed on this invoice (the invoice's date, or an instant of the same local
 * date that the bill run joined to it); none while paused.
 */
async function linesAsTheyWouldBe(
  database: Database,
  scope: TenantScope,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  repriced: SubscriptionBilling,
  readUsage: UsageReader,
  invoice: { issuedAt: Instant; currency: string },
): Promise<PricedLine[]> {
  const instant = nextInstantOf(billing, entry, invoice.issuedAt - sameInvoiceWindowMilliseconds);
  if (instant === null || instant > invoice.issuedAt || isPausedAt(entry.subscription.pauses, instant))
    return [];
  const lines = await subscriptionLinesAt(database, scope, billing, repriced, instant, readUsage);
  const currency = currencyFor(invoice.currency);
  return lines.map((line) => {
    const stored = storedLine(line, currency, {
      subscriptionId: entry.subscription.id,
      version: billing.versions.get(line.details.planCode),
    });
    return pricedLine(stored);
  });
}

/** A line as stored (or as it would be stored), as a backtest shows it. */
function pricedLine(line: StoredLine): PricedLine {
  return {
    subscription_id: line.subscription_id,
    plan_version_id: line.plan_version_id,
    charge_id: line.charge_id,
    kind: line.kind,
    description: line.description,
    period_start: line.period_start?.toISOString() ?? null,
    period_end: line.period_end?.toISOString() ?? null,
    quantity: line.quantity,
    amount: line.amount,
    details: line.details,
  };
}
