// Reading invoices, and the changes a finalized invoice still allows: a void
// (which gives back the credits and the customer balance it used) and, for a
// draft, finalization. Anything else on a finalized invoice is a credit note.
import { type ExpressionBuilder, sql } from "kysely";
import { assertPeriodOpen } from "../accounting-periods/index.ts";
import { recordAuditEvent } from "../audit/index.ts";
import { giveBackVoidedDraws } from "../contracts/index.ts";
import { Decimal, daysOverdueRange, ZERO } from "../core/index.ts";
import { recordBalanceMovement, restoreCredits, takeBackCreditsSoldBy } from "../credits/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { containsPattern } from "../platform/database/like-pattern.ts";
import { type SortColumn, sortedPage } from "../platform/database/list-pages.ts";
import type { Database, DatabaseSchema } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { pageRequestOf, toPage } from "../platform/http/pagination.ts";
import { queueTaxReversal } from "../taxes/index.ts";
import { announceVoidedInvoice } from "./invoice-announcements.ts";
import { presentInvoice } from "./invoice-presenter.ts";
import type { InvoiceListFilters, InvoiceSortField, InvoiceView } from "./invoice-schemas.ts";
import { findInvoiceRow, type InvoiceLineRow, invoiceLineRows, linesOfInvoices } from "./invoice-store.ts";

/** How many invoices the environment holds, drafts included (a bill run counts what it issued by the difference). */
export async function countInvoices(database: Database, scope: TenantScope): Promise<number> {
  const row = await database
    .selectFrom("invoices")
    .select((eb) => eb.fn.countAll<number>().as("invoices"))
    .where(inTenant(scope))
    .executeTakeFirstOrThrow();
  return Number(row.invoices);
}

export async function getInvoice(context: RequestContext, id: string): Promise<InvoiceView> {
  const row = await findInvoiceRow(context.database, context, id);
  return presentInvoice(row, await invoiceLineRows(context.database, id), context.clock.now());
}

/** What `?sort=` orders invoices by; drafts (no number, no due date) sort first by number and last by due date. */
const invoiceSortColumns: Record<InvoiceSortField, SortColumn> = {
  number: { expression: sql`coalesce(number, '')`, type: "text" },
  status: { expression: sql`status::text`, type: "text" },
  issued_at: { expression: sql`issued_at`, type: "timestamptz" },
  due_at: { expression: sql`coalesce(due_at, 'infinity'::timestamptz)`, type: "timestamptz" },
  total: { expression: sql`total`, type: "numeric" },
};

export async function listInvoices(context: RequestContext, filters: InvoiceListFilters) {
  const page = pageRequestOf(filters);
  const now = context.clock.now();
  let query = sortedPage(selectInTenant(context.database, context, "invoices"), page, invoiceSortColumns);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.number !== undefined) query = query.where("number", "ilike", containsPattern(filters.number));
  if (filters.status === "overdue") query = query.where(owedAged({ from: 1, to: null }, now));
  else if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  if (filters.ageing !== undefined) query = query.where(owedAged(daysOverdueRange(filters.ageing), now));
  if (filters.subscription_id !== undefined) {
    query = query.where(sql<boolean>`${filters.subscription_id} = any(subscription_ids)`);
  }
  if (filters.issued_from !== undefined)
    query = query.where("issued_at", ">=", new Date(filters.issued_from));
  if (filters.issued_to !== undefined) query = query.where("issued_at", "<", new Date(filters.issued_to));
  const rows = await query.execute();
  const lines = await linesOfInvoices(
    context.database,
    context,
    rows.map((row) => row.id),
  );
  const linesOf = new Map<string, InvoiceLineRow[]>();
  for (const line of lines) linesOf.set(line.invoice_id, [...(linesOf.get(line.invoice_id) ?? []), line]);
  return toPage(rows, page.limit, (row) => presentInvoice(row, linesOf.get(row.id) ?? [], now), page.sort);
}

/**
 * Invoices open or partly paid with something left to pay, `days` overdue at
 * `now` (days begun past the due date, as the core's daysOverdue counts them;
 * 0 is not yet due, or no due date).
 */
function owedAged(days: { from: number; to: number | null }, now: Date) {
  const dayMilliseconds = 86_400_000;
  const instant = (daysBefore: number) => new Date(now.getTime() - daysBefore * dayMilliseconds);
  return (where: ExpressionBuilder<DatabaseSchema, "invoices">) => {
    const owed = [
      where("status", "in", ["open", "partially_paid"]),
      sql<boolean>`amount_due - amount_paid - amount_credited > 0`,
    ];
    // Overdue by at least `from` days: due before now less (from - 1) days; at most `to`: due at or after now less `to`.
    const dueBounds =
      days.from <= 0
        ? [where.or([where("due_at", "is", null), where("due_at", ">=", now)])]
        : [where("due_at", "<", instant(days.from - 1))];
    if (days.to !== null && days.to > 0) dueBounds.push(where("due_at", ">=", instant(days.to)));
    return where.and([...owed, ...dueBounds]);
  };
}

/**
 * Voids a finalized invoice nobody has paid: it stays on record with its
 * number, and the credits, customer balance and contract commits it used are
 * given back; the credits it sold, if it sold any, are taken back (refused
 * when some were used).
 */
export async function voidInvoice(context: RequestContext, id: string, reason: string): Promise<InvoiceView> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(transaction, context, "invoices", id, "invoice", { lock: true });
    if (row.status === "draft") {
      throw conflict(
        "invoice_draft",
        `Invoice ${id} is a draft; a draft is not voided but recomputed or finalized.`,
      );
    }
    if (row.status === "void") throw conflict("invoice_already_void", `Invoice ${id} is already void.`);
    if (
      !new Decimal(row.amount_paid).isZero() ||
      (row.status === "paid" && !new Decimal(row.amount_due).isZero())
    ) {
      throw conflict(
        "invoice_paid",
        `Invoice ${id} has payments; refund them or issue a credit note instead of voiding it.`,
      );
    }
    if (!new Decimal(row.amount_credited).isZero()) {
      throw conflict(
        "invoice_has_credit_notes",
        `Invoice ${id} is partly corrected by credit notes; correct the rest with another credit note.`,
      );
    }
    const now = context.clock.now();
    await takeBackCreditsSoldBy(transaction, context, id, reason);
    await restoreCredits(transaction, context, id);
    await giveBackVoidedDraws(transaction, context, {
      subscriptionIds: row.subscription_ids,
      draws: row.commit_draws.map((draw) => ({
        commitId: draw.commit_id,
        termStart: Date.parse(draw.term_start),
        amount: new Decimal(draw.amount),
      })),
      timeZone: row.timezone,
      at: now,
    });
    // The customer's balance is as if the invoice had never been: what it used is given back, what it added withdrawn.
    const balanceApplied = new Decimal(row.balance_applied);
    const total = new Decimal(row.total);
    const movements = [
      { amount: balanceApplied, due: balanceApplied.greaterThan(ZERO), reason: "balance given back" },
      { amount: total, due: total.lessThan(ZERO), reason: "its credit to the balance withdrawn" },
    ];
    for (const { amount, reason: movementReason } of movements.filter((movement) => movement.due)) {
      await recordBalanceMovement(transaction, context, {
        customerId: row.customer_id,
        currency: row.currency,
        amount,
        invoiceId: id,
        reason: `invoice voided: ${movementReason}`,
      });
    }
    // Finance: a void is dated now, and nothing dated in a closed accounting period changes.
    await assertPeriodOpen(transaction, context, now);
    const voided = await updateTenantRow(transaction, context, "invoices", id, {
      status: "void",
      voided_at: now,
      void_reason: reason,
      updated_at: now,
    });
    await recordAuditEvent(transaction, context, {
      action: "invoice.voided",
      objectType: "invoice",
      objectId: id,
      before: { status: row.status },
      after: { status: "void", reason },
    });
    // The tax engine's record of it (Stripe Tax, AvaTax) is reversed after the commit.
    await queueTaxReversal(transaction, context, id);
    const view = presentInvoice(voided, await invoiceLineRows(transaction, id), now);
    await announceVoidedInvoice(transaction, context, view);
    return view;
  });
}
