// Holding subscription drafts back from finalization. The bill run asks here,
// for every draft it writes, whether the draft is held: by a hold placed on
// it, by a hold placed ahead of time on its customer (a staged rollout
// watching its cohort takes the customer's first draft issued at or after the
// rollout's change), or, when the draft is about to be finalized, by the
// standing guard (its total moved beyond the environment's bound against the
// customer's previous invoices). A held draft stays a draft, recomputed by
// later runs, until its holds are released or it is discarded.
import type { Selectable } from "kysely";
import { describeActor, recordCreation } from "../audit/index.ts";
import { Decimal, type DraftAnomaly, draftAnomalies } from "../core/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, newTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import type { InvoiceHoldView } from "./draft-hold-schemas.ts";
import { invoiceHoldCreated } from "./invoice-webhook-events.ts";
import type { InvoicingSettings } from "./invoicing-settings.ts";
import type { InvoiceHoldSource, InvoiceHoldTable } from "./tables.ts";

export type HoldRow = Selectable<InvoiceHoldTable>;

/** The draft the bill run is about to keep or finalize. */
export type DraftUnderReview = {
  id: string;
  customerId: string;
  currency: string;
  issuedAt: Date;
  total: string;
  /** The grace period is over: without a hold, the draft is finalized now. */
  finalizing: boolean;
};

export function selectHolds(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "invoice_holds");
}

/**
 * Whether the draft is held, part of the bill run's transaction: binds the
 * customer's waiting holds to it, runs the standing guard when the draft is
 * about to be finalized, and announces each hold as it takes the draft.
 */
export async function draftIsHeld(
  transaction: DatabaseTransaction,
  context: RequestContext,
  draft: DraftUnderReview,
  settings: InvoicingSettings,
): Promise<boolean> {
  const now = context.clock.now();
  const waiting = await selectHolds(transaction, context)
    .where("customer_id", "=", draft.customerId)
    .where("status", "=", "active")
    .where("invoice_id", "is", null)
    .where("issued_from", "<=", draft.issuedAt)
    .execute();
  for (const hold of waiting) {
    const bound = await updateTenantRow(transaction, context, "invoice_holds", hold.id, {
      invoice_id: draft.id,
      held_at: now,
    });
    await announceHold(transaction, context, bound);
  }
  const holds = await selectHolds(transaction, context).where("invoice_id", "=", draft.id).execute();
  if (holds.some((hold) => hold.status === "active")) return true;
  // A draft someone already released (or a rollout cleared) is not held again by the guard.
  if (!draft.finalizing || holds.some((hold) => hold.status === "released")) return false;
  if (settings.heldDraftChangePercent === null) return false;

  const previousTotals = await previousInvoiceTotals(
    transaction,
    context,
    draft,
    settings.heldDraftHistoryInvoices,
  );
  const anomalies = draftAnomalies(
    { total: new Decimal(draft.total), previousTotals },
    new Decimal(settings.heldDraftChangePercent),
  );
  if (anomalies.length === 0) return false;
  const hold = await insertTenantRow(transaction, context, "invoice_holds", "invoiceHold", now, {
    customer_id: draft.customerId,
    invoice_id: draft.id,
    issued_from: null,
    source: "anomaly_guard",
    source_id: null,
    reason: anomalies.map(describeAnomaly).join("; "),
    details: JSON.stringify({ anomalies: anomalies.map(anomalyDetails) }),
    status: "active",
    created_by: describeActor(context.actor).id,
    created_at: now,
    held_at: now,
  });
  await announceHold(transaction, context, hold);
  return true;
}

/** The totals of the customer's finalized subscription invoices in the draft's currency before it, oldest first. */
async function previousInvoiceTotals(
  database: Database,
  scope: TenantScope,
  draft: { customerId: string; currency: string; issuedAt: Date },
  count: number,
): Promise<Decimal[]> {
  const rows = await database
    .selectFrom("invoices")
    .select("total")
    .where(inTenant(scope))
    .where("customer_id", "=", draft.customerId)
    .where("currency", "=", draft.currency)
    .where("origin", "=", "subscription")
    .where("status", "not in", ["draft", "void"])
    .where("issued_at", "<", draft.issuedAt)
    .orderBy("issued_at", "desc")
    .limit(count)
    .execute();
  return rows.map((row) => new Decimal(row.total)).reverse();
}

/** The same totals for many customers at once: each customer's last `count` finalized invoices before `before`. */
export async function previousTotalsOfCustomers(
  database: Database,
  scope: TenantScope,
  drafts: readonly { customerId: string; currency: string; issuedAt: Date }[],
  count: number,
): Promise<Map<string, Decimal[]>> {
  const totals = new Map<string, Decimal[]>();
  for (const draft of drafts) {
    totals.set(draft.customerId, await previousInvoiceTotals(database, scope, draft, count));
  }
  return totals;
}

function describeAnomaly(anomaly: DraftAnomaly): string {
  if (anomaly.rule === "became_zero_or_negative") {
    return `the previous invoice was ${anomaly.previousTotal.toFixed()} and this one is zero or less`;
  }
  return (
    `the total moved ${anomaly.changePercent.toDecimalPlaces(2).toFixed()}% against the mean of the ` +
    `previous invoices (${anomaly.baseline.toDecimalPlaces(2).toFixed()}), beyond the bound of ` +
    `${anomaly.boundPercent.toFixed()}%`
  );
}

function anomalyDetails(anomaly: DraftAnomaly): Record<string, string> {
  return anomaly.rule === "became_zero_or_negative"
    ? { rule: anomaly.rule, previous_total: anomaly.previousTotal.toFixed() }
    : {
        rule: anomaly.rule,
        change_percent: anomaly.changePercent.toDecimalPlaces(4).toFixed(),
        baseline: anomaly.baseline.toDecimalPlaces(4).toFixed(),
        bound_percent: anomaly.boundPercent.toFixed(),
      };
}

/** invoice_hold.created and its audit entry, when a hold takes a draft. */
async function announceHold(
  transaction: DatabaseTransaction,
  context: RequestContext,
  hold: HoldRow,
): Promise<void> {
  const view = await presentHold(transaction, hold);
  await recordCreation(transaction, context, "invoice_hold", view);
  await publishEvent(transaction, context, invoiceHoldCreated, view);
}

/** Places holds ahead of time: each customer's first draft issued at or after `issuedFrom` will be held. Returns their ids. */
export async function placeCustomerHolds(
  transaction: DatabaseTransaction,
  context: RequestContext,
  input: {
    customerIds: readonly string[];
    issuedFrom: Date;
    source: InvoiceHoldSource;
    sourceId: string;
    reason: string;
  },
): Promise<string[]> {
  if (input.customerIds.length === 0) return [];
  const now = context.clock.now();
  const rows = await transaction
    .insertInto("invoice_holds")
    .values(
      input.customerIds.map((customerId) => ({
        ...newTenantRow(context, "invoiceHold", now),
        customer_id: customerId,
        invoice_id: null,
        issued_from: input.issuedFrom,
        source: input.source,
        source_id: input.sourceId,
        reason: input.reason,
        details: JSON.stringify({}),
        status: "active" as const,
        created_by: describeActor(context.actor).id,
        created_at: now,
        held_at: null,
      })),
    )
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}

export async function presentHold(database: Database, hold: HoldRow): Promise<InvoiceHoldView> {
  const invoice =
    hold.invoice_id === null
      ? undefined
      : await database
          .selectFrom("invoices")
          .select(["id", "status", "currency", "total", "issued_at", "period_start", "period_end"])
          .where("id", "=", hold.invoice_id)
          .executeTakeFirst();
  return presentHoldWith(hold, invoice);
}

export type HeldInvoiceRow = {
  id: string;
  status: string;
  currency: string;
  total: string;
  issued_at: Date;
  period_start: Date | null;
  period_end: Date | null;
};

export function presentHoldWith(hold: HoldRow, invoice: HeldInvoiceRow | undefined): InvoiceHoldView {
  return {
    id: hold.id,
    customer_id: hold.customer_id,
    invoice_id: hold.invoice_id,
    invoice:
      invoice === undefined
        ? null
        : {
            id: invoice.id,
            status: invoice.status,
            currency: invoice.currency,
            total: invoice.total,
            issued_at: invoice.issued_at.toISOString(),
            period_start: invoice.period_start?.toISOString() ?? null,
            period_end: invoice.period_end?.toISOString() ?? null,
          },
    issued_from: hold.issued_from?.toISOString() ?? null,
    source: hold.source,
    source_id: hold.source_id,
    reason: hold.reason,
    details: hold.details,
    status: hold.status,
    created_by: hold.created_by,
    created_at: hold.created_at.toISOString(),
    held_at: hold.held_at?.toISOString() ?? null,
    resolved_by: hold.resolved_by,
    resolved_at: hold.resolved_at?.toISOString() ?? null,
    resolution_reason: hold.resolution_reason,
  };
}
