// Billing disputes: a customer questions an invoice or one of its lines;
// billing ops track it with notes, then resolve it with a credit note
// (invoicing's own, dated when it is issued) or reject it. Opening and
// resolution times are kept, for the time-to-resolve KPI.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import { allocateAmount, currencyFor, Decimal, fitsMinorUnit, formatAmount, ZERO } from "../core/index.ts";
import {
  createCreditNote,
  findCreditNoteByMemoPrefix,
  findInvoiceRow,
  invoiceLineRows,
  lockFinalizedInvoice,
} from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, newTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import type {
  DisputeFilters,
  DisputeView,
  OpenDisputeInput,
  ResolveDisputeInput,
} from "./dispute-schemas.ts";
import type { DisputeNoteTable, DisputeTable } from "./tables.ts";

type DisputeRow = Selectable<DisputeTable>;
type NoteRow = Selectable<DisputeNoteTable>;

const millisecondsPerHour = 3_600_000;

function present(row: DisputeRow, notes: readonly NoteRow[]): DisputeView {
  const hours =
    row.resolved_at === null
      ? null
      : new Decimal(row.resolved_at.getTime() - row.opened_at.getTime())
          .dividedBy(millisecondsPerHour)
          .toFixed(2);
  return {
    id: row.id,
    customer_id: row.customer_id,
    invoice_id: row.invoice_id,
    invoice_line_id: row.invoice_line_id,
    currency: row.currency,
    amount: formatAmount(new Decimal(row.amount), currencyFor(row.currency)),
    reason: row.reason,
    status: row.status,
    opened_at: row.opened_at.toISOString(),
    opened_by: row.opened_by,
    resolved_at: row.resolved_at?.toISOString() ?? null,
    resolved_by: row.resolved_by,
    resolution_note: row.resolution_note,
    credit_note_id: row.credit_note_id,
    hours_to_resolve: hours,
    notes: notes.map((note) => ({
      id: note.id,
      body: note.body,
      created_by: note.created_by,
      created_at: note.created_at.toISOString(),
    })),
  };
}

async function notesOf(database: Database, disputeIds: readonly string[]): Promise<Map<string, NoteRow[]>> {
  const notes = new Map<string, NoteRow[]>();
  if (disputeIds.length === 0) return notes;
  const rows = await database
    .selectFrom("finance_dispute_notes")
    .selectAll()
    .where("dispute_id", "in", disputeIds)
    .orderBy("id")
    .execute();
  for (const row of rows) notes.set(row.dispute_id, [...(notes.get(row.dispute_id) ?? []), row]);
  return notes;
}

async function findDispute(database: Database, context: RequestContext, id: string, lock = false) {
  return findInTenant(database, context, "finance_disputes", id, "dispute", { lock });
}

export async function getDispute(context: RequestContext, id: string): Promise<DisputeView> {
  const row = await findDispute(context.database, context, id);
  return present(row, (await notesOf(context.database, [id])).get(id) ?? []);
}

export async function listDisputes(
  context: RequestContext,
  filters: DisputeFilters,
  page: PageRequest,
): Promise<DisputeView[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "finance_disputes"), page);
  if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.invoice_id !== undefined) query = query.where("invoice_id", "=", filters.invoice_id);
  const rows = await query.execute();
  const notes = await notesOf(
    context.database,
    rows.map((row) => row.id),
  );
  return rows.map((row) => present(row, notes.get(row.id) ?? []));
}

/** Opens a dispute on a finalized invoice, or on one of its lines. */
export async function openDispute(
  context: RequestContext,
  invoiceId: string,
  input: OpenDisputeInput,
): Promise<DisputeView> {
  return context.database.transaction().execute(async (transaction) => {
    // Invoicing's invoice (locked) and its lines, read to check what can be disputed.
    const invoice = await lockFinalizedInvoice(transaction, context, invoiceId, {
      code: "invoice_not_disputable",
      onlyFinalized: "can be disputed",
    });
    const currency = currencyFor(invoice.currency);
    let ceiling = new Decimal(invoice.total);
    if (input.invoice_line_id !== undefined) {
      const line = (await invoiceLineRows(transaction, invoiceId)).find(
        (candidate) => candidate.id === input.invoice_line_id,
      );
      if (line === undefined) {
        throw validationFailed([{ path: "$.invoice_line_id", message: "is not a line of this invoice" }]);
      }
      ceiling = new Decimal(line.amount);
    }
    const amount = input.amount === undefined ? ceiling : new Decimal(input.amount);
    if (amount.lessThanOrEqualTo(ZERO) || !fitsMinorUnit(amount, currency) || amount.greaterThan(ceiling)) {
      throw validationFailed([
        {
          path: input.amount === undefined ? "$.invoice_line_id" : "$.amount",
          message: `must be more than 0 and at most ${formatAmount(ceiling, currency)}, with at most ${currency.minorDigits} decimals`,
        },
      ]);
    }
    const now = context.clock.now();
    const row = await insertTenantRow(transaction, context, "finance_disputes", "billingDispute", now, {
      customer_id: invoice.customer_id,
      invoice_id: invoiceId,
      invoice_line_id: input.invoice_line_id ?? null,
      currency: invoice.currency,
      amount: formatAmount(amount, currency),
      reason: input.reason,
      status: "open",
      opened_at: now,
      opened_by: describeActor(context.actor).id,
      updated_at: now,
    });
    const view = present(row, []);
    await recordObjectChange(transaction, context, "dispute", "opened", null, view);
    return view;
  });
}

export async function addDisputeNote(
  context: RequestContext,
  id: string,
  body: string,
): Promise<DisputeView> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await findDispute(transaction, context, id, true);
    if (row.status !== "open") throw conflict("dispute_resolved", `Dispute ${id} is already ${row.status}.`);
    const now = context.clock.now();
    await transaction
      .insertInto("finance_dispute_notes")
      .values({
        ...newTenantRow(context, "billingDisputeNote", now),
        dispute_id: id,
        body,
        created_by: describeActor(context.actor).id,
        created_at: now,
      })
      .execute();
    await transaction.updateTable("finance_disputes").set({ updated_at: now }).where("id", "=", id).execute();
    await recordAuditEvent(transaction, context, {
      action: "dispute.noted",
      objectType: "dispute",
      objectId: id,
      before: null,
      after: { body },
    });
    return present(row, (await notesOf(transaction, [id])).get(id) ?? []);
  });
}

const creditNoteMemo = (id: string, reason: string) => `Dispute ${id}: ${reason}`.slice(0, 2000);

/**
 * The credit note that settles the dispute: the one an earlier attempt
 * already issued (its memo names the dispute), or a new one. The credit note
 * is invoicing's own transaction, so a retry after a failure between the two
 * steps finds it instead of crediting twice.
 */
async function creditNoteFor(context: RequestContext, dispute: DisputeRow, input: ResolveDisputeInput) {
  // Invoicing's credit notes, asked for one issued for this dispute.
  const earlier = await findCreditNoteByMemoPrefix(
    context.database,
    context,
    dispute.invoice_id,
    `Dispute ${dispute.id}:`,
  );
  if (earlier !== undefined) return earlier;
  const currency = currencyFor(dispute.currency);
  const amount = new Decimal(input.credit_note?.amount ?? dispute.amount);
  if (amount.lessThanOrEqualTo(ZERO) || !fitsMinorUnit(amount, currency)) {
    throw validationFailed([
      {
        path: "$.credit_note.amount",
        message: `must be more than 0 with at most ${currency.minorDigits} decimals`,
      },
    ]);
  }
  const reason = input.credit_note?.reason ?? "billing_error";
  const memo = creditNoteMemo(dispute.id, dispute.reason);
  if (dispute.invoice_line_id !== null) {
    const note = await createCreditNote(context, dispute.invoice_id, {
      reason,
      memo,
      lines: [{ invoice_line_id: dispute.invoice_line_id, amount: formatAmount(amount, currency) }],
    });
    return note.id;
  }
  // A dispute of the whole invoice is credited in full, or by lines in proportion to their amounts
  // (invoicing's invoice and lines, read-only).
  const invoice = await findInvoiceRow(context.database, context, dispute.invoice_id);
  if (amount.greaterThanOrEqualTo(invoice.total)) {
    return (await createCreditNote(context, dispute.invoice_id, { reason, memo, full: true })).id;
  }
  const lines = (await invoiceLineRows(context.database, dispute.invoice_id)).filter((line) =>
    new Decimal(line.amount).greaterThan(ZERO),
  );
  const positive = lines.map((line) => new Decimal(line.amount));
  const shares = allocateAmount(amount, positive, currency);
  const note = await createCreditNote(context, dispute.invoice_id, {
    reason,
    memo,
    lines: lines
      .map((line, index) => ({
        invoice_line_id: line.id,
        amount: formatAmount(shares[index] ?? ZERO, currency),
      }))
      .filter((line) => !new Decimal(line.amount).isZero()),
  });
  return note.id;
}

/** Resolves an open dispute: with a credit note for the customer, or rejected. */
export async function resolveDispute(
  context: RequestContext,
  id: string,
  input: ResolveDisputeInput,
): Promise<DisputeView> {
  const found = await findDispute(context.database, context, id);
  if (found.status !== "open")
    throw conflict("dispute_resolved", `Dispute ${id} is already ${found.status}.`);
  if (input.resolution === "rejected" && input.credit_note !== undefined) {
    throw validationFailed([
      { path: "$.credit_note", message: "must be left out when the dispute is rejected" },
    ]);
  }
  if (input.resolution === "rejected" && input.note === undefined) {
    throw validationFailed([
      { path: "$.note", message: "is required to reject a dispute: say why the charge stands" },
    ]);
  }
  const creditNoteId = input.resolution === "credit_note" ? await creditNoteFor(context, found, input) : null;
  return context.database.transaction().execute(async (transaction) => {
    const row = await findDispute(transaction, context, id, true);
    if (row.status !== "open") throw conflict("dispute_resolved", `Dispute ${id} is already ${row.status}.`);
    const now = context.clock.now();
    const resolved = await updateTenantRow(transaction, context, "finance_disputes", id, {
      status: creditNoteId === null ? "rejected" : "credited",
      resolved_at: now,
      resolved_by: describeActor(context.actor).id,
      resolution_note: input.note ?? null,
      credit_note_id: creditNoteId,
      updated_at: now,
    });
    const view = present(resolved, (await notesOf(transaction, [id])).get(id) ?? []);
    await recordAuditEvent(transaction, context, {
      action: "dispute.resolved",
      objectType: "dispute",
      objectId: id,
      before: { status: row.status },
      after: { status: view.status, credit_note_id: creditNoteId, resolution_note: view.resolution_note },
    });
    return view;
  });
}
