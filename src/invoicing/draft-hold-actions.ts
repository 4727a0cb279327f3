// What billing operations (and a rollout's guardrails) do with held drafts:
// read them, release a hold (the draft is then finalized by billing the
// customer as the bill run would), recompute the draft from the latest usage
// and prices, or discard it (its period is not invoiced). Each change is
// audited and announced with the hold as its webhook payload.
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { Decimal } from "../core/index.ts";
import { publishEvent, type WebhookEventDefinition } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { billCustomerDue } from "./bill-customer.ts";
import { queueCustomerBilling } from "./draft-hold-jobs.ts";
import type { InvoiceHoldSchema, InvoiceHoldView } from "./draft-hold-schemas.ts";
import {
  type HoldRow,
  presentHold,
  presentHoldWith,
  previousTotalsOfCustomers,
  selectHolds,
} from "./draft-holds.ts";
import { invoiceHoldDiscarded, invoiceHoldReleased } from "./invoice-webhook-events.ts";
import type { InvoiceHoldStatus } from "./tables.ts";

export type InvoiceHoldFiltersInput = {
  status?: InvoiceHoldStatus;
  customer_id?: string;
  source_id?: string;
};

/** Holds that took a draft, newest first (holds still waiting for a draft are a rollout's business). */
export async function listInvoiceHolds(
  context: RequestContext,
  filters: InvoiceHoldFiltersInput,
  page: { limit: number; afterId: string | undefined },
): Promise<InvoiceHoldView[]> {
  let query = newestFirstPage(
    selectHolds(context.database, context).where("invoice_id", "is not", null),
    page,
  );
  if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.source_id !== undefined) query = query.where("source_id", "=", filters.source_id);
  return presentHolds(context.database, await query.execute());
}

export async function getInvoiceHold(context: RequestContext, id: string): Promise<InvoiceHoldView> {
  return presentHold(context.database, await findHold(context.database, context, id));
}

/** Releases the hold; the draft is finalized at once when nothing else holds it and its grace period is over. */
export async function releaseInvoiceHold(context: RequestContext, id: string): Promise<InvoiceHoldView> {
  const hold = await context.database.transaction().execute(async (transaction) => {
    const row = await activeHeldDraft(transaction, context, id);
    return resolveHold(transaction, context, row, "released", invoiceHoldReleased);
  });
  await billCustomerDue(context, hold.customer_id, context.clock.now());
  return getInvoiceHold(context, id);
}

/** Recomputes the held draft from the latest usage, prices and plan versions; it stays held. */
export async function recomputeHeldDraft(context: RequestContext, id: string): Promise<InvoiceHoldView> {
  const row = await activeHeldDraft(context.database, context, id);
  await billCustomerDue(context, row.customer_id, context.clock.now());
  return getInvoiceHold(context, id);
}

/** Discards the held draft: its period is marked billed without an invoice, and every hold on it is closed. */
export async function discardHeldDraft(context: RequestContext, id: string): Promise<InvoiceHoldView> {
  const row = await activeHeldDraft(context.database, context, id);
  const invoiceId = row.invoice_id as string;
  // The draft goes first: should the holds not be closed after it, nothing is left for them to hold.
  await billCustomerDue(context, row.customer_id, context.clock.now(), { discardDraftId: invoiceId });
  const remaining = await context.database
    .selectFrom("invoices")
    .select("id")
    .where("id", "=", invoiceId)
    .executeTakeFirst();
  if (remaining !== undefined) {
    throw conflict(
      "held_draft_not_due",
      `Draft ${invoiceId} is not the customer's next invoice to settle, so it cannot be discarded yet.`,
    );
  }
  await context.database.transaction().execute(async (transaction) => {
    const holds = await selectHolds(transaction, context)
      .where("invoice_id", "=", invoiceId)
      .where("status", "=", "active")
      .forUpdate()
      .execute();
    for (const hold of holds)
      await resolveHold(transaction, context, hold, "discarded", invoiceHoldDiscarded);
  });
  return getInvoiceHold(context, id);
}

/**
 * Releases every hold a source placed (a rollout whose guardrails passed), in
 * the caller's transaction, and queues the billing of the customers whose
 * drafts they held. Returns how many holds were released.
 */
export async function releaseHoldsOfSource(
  transaction: DatabaseTransaction,
  context: RequestContext,
  sourceId: string,
): Promise<number> {
  const holds = await selectHolds(transaction, context)
    .where("source_id", "=", sourceId)
    .where("status", "=", "active")
    .forUpdate()
    .execute();
  for (const hold of holds) await resolveHold(transaction, context, hold, "released", invoiceHoldReleased);
  await queueCustomerBilling(
    transaction,
    context,
    holds.filter((hold) => hold.invoice_id !== null).map((hold) => hold.customer_id),
  );
  return holds.length;
}

/** A draft held by a source, with the customer's previous invoice totals (oldest first). */
export type HeldDraft = {
  holdId: string;
  invoiceId: string;
  customerId: string;
  currency: string;
  issuedAt: Date;
  total: Decimal;
  previousTotals: Decimal[];
};

/** A hold placed ahead of time that has not taken a draft yet. */
export type WaitingHold = { holdId: string; customerId: string; issuedFrom: Date | null };

/** The holds a source placed: how many, the drafts they took so far (each with its customer's history), and those still waiting. */
export async function heldDraftsOfSource(
  database: Database,
  scope: TenantScope,
  sourceId: string,
  historyInvoices: number,
): Promise<{ placed: number; waiting: number; drafts: HeldDraft[]; waitingHolds: WaitingHold[] }> {
  const holds = await selectHolds(database, scope)
    .where("source_id", "=", sourceId)
    .where("status", "=", "active")
    .orderBy("customer_id")
    .execute();
  const invoiceIds = holds.flatMap((hold) => (hold.invoice_id === null ? [] : [hold.invoice_id]));
  const invoices =
    invoiceIds.length === 0
      ? []
      : await database
          .selectFrom("invoices")
          .select(["id", "customer_id", "currency", "total", "issued_at"])
          .where("environment_id", "=", scope.environmentId)
          .where("id", "in", invoiceIds)
          .execute();
  const history = await previousTotalsOfCustomers(
    database,
    scope,
    invoices.map((invoice) => ({
      customerId: invoice.customer_id,
      currency: invoice.currency,
      issuedAt: invoice.issued_at,
    })),
    historyInvoices,
  );
  const invoiceById = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const drafts: HeldDraft[] = [];
  for (const hold of holds) {
    const invoice = hold.invoice_id === null ? undefined : invoiceById.get(hold.invoice_id);
    if (invoice === undefined) continue;
    drafts.push({
      holdId: hold.id,
      invoiceId: invoice.id,
      customerId: invoice.customer_id,
      currency: invoice.currency,
      issuedAt: invoice.issued_at,
      total: new Decimal(invoice.total),
      previousTotals: history.get(invoice.customer_id) ?? [],
    });
  }
  const waitingHolds = holds
    .filter((hold) => hold.invoice_id === null)
    .map((hold) => ({ holdId: hold.id, customerId: hold.customer_id, issuedFrom: hold.issued_from }));
  return { placed: holds.length, waiting: holds.length - drafts.length, drafts, waitingHolds };
}

/**
 * Releases holds that still wait for a draft, in the caller's transaction: a
 * draft that will not come (the customer's subscription ended or paused
 * before it), or a source that no longer watches (a canceled rollout).
 * Each release is audited; nothing is billed, since nothing was held.
 */
export async function releaseWaitingHolds(
  transaction: DatabaseTransaction,
  context: RequestContext,
  holdIds: readonly string[],
): Promise<void> {
  if (holdIds.length === 0) return;
  const holds = await selectHolds(transaction, context)
    .where("id", "in", holdIds)
    .where("status", "=", "active")
    .where("invoice_id", "is", null)
    .orderBy("id")
    .forUpdate()
    .execute();
  for (const hold of holds) await resolveHold(transaction, context, hold, "released", invoiceHoldReleased);
}

async function activeHeldDraft(database: Database, context: RequestContext, id: string): Promise<HoldRow> {
  const row = await findHold(database, context, id);
  if (row.invoice_id === null) {
    throw conflict(
      "hold_has_no_draft",
      `Hold ${id} waits for the customer's next draft; it holds nothing yet.`,
    );
  }
  if (row.status !== "active") {
    throw conflict("hold_not_active", `Hold ${id} is already ${row.status}.`);
  }
  return row;
}

async function findHold(database: Database, scope: TenantScope, id: string): Promise<HoldRow> {
  const row = await selectHolds(database, scope).where("id", "=", id).executeTakeFirst();
  if (row === undefined) throw notFound("invoice_hold", id);
  return row;
}

async function resolveHold(
  transaction: DatabaseTransaction,
  context: RequestContext,
  hold: HoldRow,
  status: Exclude<InvoiceHoldStatus, "active">,
  event: WebhookEventDefinition<typeof InvoiceHoldSchema>,
): Promise<HoldRow> {
  const now = context.clock.now();
  const resolved = await updateTenantRow(transaction, context, "invoice_holds", hold.id, {
    status,
    resolved_by: describeActor(context.actor).id,
    resolved_at: now,
    resolution_reason: context.reason ?? null,
  });
  const before = await presentHold(transaction, hold);
  const after = await presentHold(transaction, resolved);
  await recordAuditEvent(transaction, context, {
    action: `invoice_hold.${status}`,
    objectType: "invoice_hold",
    objectId: hold.id,
    before,
    after,
  });
  if (resolved.invoice_id !== null) await publishEvent(transaction, context, event, after);
  return resolved;
}

async function presentHolds(database: Database, rows: HoldRow[]): Promise<InvoiceHoldView[]> {
  const invoiceIds = rows.flatMap((row) => (row.invoice_id === null ? [] : [row.invoice_id]));
  const invoices =
    invoiceIds.length === 0
      ? []
      : await database
          .selectFrom("invoices")
          .select(["id", "status", "currency", "total", "issued_at", "period_start", "period_end"])
          .where("id", "in", invoiceIds)
          .execute();
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  return rows.map((row) =>
    presentHoldWith(row, row.invoice_id === null ? undefined : byId.get(row.invoice_id)),
  );
}
