// Credit notes: the only way to correct a finalized invoice. A credit note
// names the lines it credits (or the whole invoice), takes off its share of
// the invoice's discounts and credits, gives back its share of the invoice's
// tax, and first reduces what the customer still owes on the invoice; the
// rest goes to the customer's balance for later invoices. A credit note on an
// invoice that sold credits takes back its share of the credits left. The
// amounts are the engine's (computeCreditNote, creditsReturnedBy); this
// module loads, checks and writes.
import { type Selectable, sql } from "kysely";
import { assertPeriodOpen } from "../accounting-periods/index.ts";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import {
  type CreditableInvoice,
  computeCreditNote,
  currencyFor,
  Decimal,
  formatAmount,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import { recordBalanceMovement, takeBackCreditsRefundedBy } from "../credits/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { type SortColumn, sortedPage } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { pageRequestOf, toPage } from "../platform/http/pagination.ts";
import { newId } from "../platform/ids.ts";
import { announceCreditNote } from "./invoice-announcements.ts";
import { amountRemaining } from "./invoice-presenter.ts";
import type { CreateCreditNoteInput, CreditNoteSortField, CreditNoteView } from "./invoice-schemas.ts";
import { invoiceLineRows, lockFinalizedInvoice, nextDocumentNumber } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { settingsForEntity } from "./seller-entities.ts";
import type { CreditNoteLineTable, CreditNoteTable, InvoiceTable } from "./tables.ts";

type CreditNoteRow = Selectable<CreditNoteTable>;
type CreditNoteLineRow = Selectable<CreditNoteLineTable>;

/** The invoice's figures as the engine's credit note computation reads them. */
function creditableInvoice(
  invoice: Selectable<InvoiceTable>,
  lines: readonly { id: string; amount: string }[],
): CreditableInvoice {
  const details = invoice.tax_details;
  return {
    currency: currencyFor(invoice.currency),
    lines: lines.map((line) => ({ id: line.id, amount: new Decimal(line.amount) })),
    subtotal: new Decimal(invoice.subtotal),
    discount: new Decimal(invoice.discount),
    ...(invoice.commits === null ? {} : { commits: new Decimal(invoice.commits) }),
    credits: new Decimal(invoice.credits),
    tax: new Decimal(invoice.tax),
    total: new Decimal(invoice.total),
    ...(details === null
      ? {}
      : { taxRate: { percent: new Decimal(details.percent), inclusive: details.inclusive } }),
    amountRemaining: amountRemaining(invoice),
  };
}

export async function createCreditNote(
  context: RequestContext,
  invoiceId: string,
  input: CreateCreditNoteInput,
): Promise<CreditNoteView> {
  if ((input.full === true) === (input.lines !== undefined)) {
    throw validationFailed([{ path: "$.lines", message: "give either lines or full: true" }]);
  }
  return context.database.transaction().execute(async (transaction) => {
    const invoice = await lockFinalizedInvoice(transaction, context, invoiceId, {
      code: "invoice_not_creditable",
      onlyFinalized: "takes credit notes",
    });
    const currency = currencyFor(invoice.currency);
    const lines = await invoiceLineRows(transaction, invoiceId);
    const earlier = await transaction
      .selectFrom("credit_note_lines")
      .innerJoin("credit_notes", "credit_notes.id", "credit_note_lines.credit_note_id")
      .select(["credit_note_lines.invoice_line_id", "credit_note_lines.amount", "credit_note_lines.tax"])
      .where("credit_notes.invoice_id", "=", invoiceId)
      .execute();
    const outcome = computeCreditNote(
      creditableInvoice(invoice, lines),
      earlier.map((entry) => ({
        invoiceLineId: entry.invoice_line_id,
        amount: new Decimal(entry.amount),
        tax: new Decimal(entry.tax),
      })),
      input.lines === undefined
        ? { full: true }
        : {
            lines: input.lines.map((line) => ({
              invoiceLineId: line.invoice_line_id,
              amount: new Decimal(line.amount),
            })),
          },
    );
    if (!outcome.ok) {
      if (outcome.reason === "nothing_to_credit") {
        throw conflict("nothing_to_credit", `Invoice ${invoiceId} has nothing left to credit.`);
      }
      throw validationFailed([...outcome.refusals]);
    }
    const { creditNote } = outcome;
    const descriptionOf = new Map(lines.map((line) => [line.id, line.description]));
    // The invoice's billing entity numbers its credit notes.
    const settings = await settingsForEntity(
      transaction,
      context,
      await readInvoicingSettings(transaction, context),
      invoice.billing_entity_id,
    );
    const number = await nextDocumentNumber(transaction, context.organizationId, settings.creditNotePrefix);
    const now = context.clock.now();
    // Finance: a credit note is dated now, and nothing dated in a closed accounting period changes.
    await assertPeriodOpen(transaction, context, now);
    const id = newId("creditNote", now);
    const money = (amount: Decimal) => formatAmount(amount, currency);
    const note = await transaction
      .insertInto("credit_notes")
      .values({
        id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        invoice_id: invoiceId,
        customer_id: invoice.customer_id,
        number,
        billing_entity_id: invoice.billing_entity_id,
        currency: invoice.currency,
        reason: input.reason,
        memo: input.memo ?? null,
        subtotal: money(creditNote.subtotal),
        tax: money(creditNote.tax),
        total: money(creditNote.total),
        applied_to_invoice: money(creditNote.appliedToInvoice),
        credited_to_balance: money(creditNote.creditedToBalance),
        issued_at: now,
        created_by: describeActor(context.actor).id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const noteLines = await transaction
      .insertInto("credit_note_lines")
      .values(
        creditNote.lines.map((line, position) => ({
          ...newTenantRow(context, "creditNoteLine", now),
          credit_note_id: id,
          position,
          invoice_line_id: line.invoiceLineId,
          description: descriptionOf.get(line.invoiceLineId) ?? "",
          amount: money(line.amount),
          tax: money(line.tax),
        })),
      )
      .returningAll()
      .execute();
    // Credits the invoice sold come back in the share of the sale it refunds.
    await takeBackCreditsRefundedBy(transaction, context, {
      invoiceId,
      creditNoteId: id,
      creditNoteNumber: number,
      refund: { total: creditNote.total, tax: creditNote.tax },
      sale: { total: new Decimal(invoice.total), tax: new Decimal(invoice.tax) },
    });
    const credited = new Decimal(invoice.amount_credited).plus(creditNote.appliedToInvoice);
    const settledInFull = amountRemaining({ ...invoice, amount_credited: credited.toFixed() }).isZero();
    await transaction
      .updateTable("invoices")
      .set({
        amount_credited: money(credited),
        ...(settledInFull && invoice.status !== "uncollectible" ? { status: "paid" as const } : {}),
        updated_at: now,
      })
      .where("id", "=", invoiceId)
      .execute();
    if (creditNote.creditedToBalance.greaterThan(ZERO)) {
      await recordBalanceMovement(transaction, context, {
        customerId: invoice.customer_id,
        currency: invoice.currency,
        amount: creditNote.creditedToBalance,
        creditNoteId: id,
        reason: `credit note ${number}`,
      });
    }
    await recordAuditEvent(transaction, context, {
      action: "credit_note.issued",
      objectType: "credit_note",
      objectId: id,
      before: null,
      after: {
        number,
        invoice_id: invoiceId,
        invoice_number: invoice.number,
        reason: input.reason,
        total: money(creditNote.total),
        applied_to_invoice: money(creditNote.appliedToInvoice),
        credited_to_balance: money(creditNote.creditedToBalance),
      },
    });
    const view = presentCreditNote(note, noteLines, invoice.number);
    await announceCreditNote(transaction, context, view);
    return view;
  });
}

function presentCreditNote(
  row: CreditNoteRow,
  lines: readonly CreditNoteLineRow[],
  invoiceNumber: string | null,
): CreditNoteView {
  return {
    id: row.id,
    number: row.number,
    invoice_id: row.invoice_id,
    invoice_number: invoiceNumber,
    customer_id: row.customer_id,
    billing_entity_id: row.billing_entity_id,
    currency: row.currency,
    reason: row.reason,
    memo: row.memo,
    lines: [...lines]
      .sort((left, right) => left.position - right.position)
      .map((line) => ({
        id: line.id,
        invoice_line_id: line.invoice_line_id,
        description: line.description,
        amount: line.amount,
        tax: line.tax,
      })),
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    applied_to_invoice: row.applied_to_invoice,
    credited_to_balance: row.credited_to_balance,
    issued_at: row.issued_at.toISOString(),
    created_by: row.created_by,
  };
}

async function presentStored(database: Database, row: CreditNoteRow): Promise<CreditNoteView> {
  const lines = await database
    .selectFrom("credit_note_lines")
    .selectAll()
    .where("credit_note_id", "=", row.id)
    .execute();
  const invoice = await database
    .selectFrom("invoices")
    .select("number")
    .where("id", "=", row.invoice_id)
    .executeTakeFirst();
  return presentCreditNote(row, lines, invoice?.number ?? null);
}

/**
 * What the invoice's credit notes put on the customer balance: the part of
 * each beyond what the invoice still owed when it was issued (money already
 * paid for what the note took back). A refund of the invoice's payments gives
 * that back from the balance before it takes anything off the invoice.
 */
export async function creditedToBalanceBy(
  database: Database,
  scope: TenantScope,
  invoiceId: string,
): Promise<Decimal> {
  const notes = await selectInTenant(database, scope, "credit_notes")
    .where("invoice_id", "=", invoiceId)
    .execute();
  return sumDecimals(notes.map((note) => new Decimal(note.credited_to_balance)));
}

export async function getCreditNote(context: RequestContext, id: string): Promise<CreditNoteView> {
  const row = await findInTenant(context.database, context, "credit_notes", id, "credit note");
  return presentStored(context.database, row);
}

/** What `?sort=` orders credit notes by. */
const creditNoteSortColumns: Record<CreditNoteSortField, SortColumn> = {
  number: { expression: sql`number`, type: "text" },
  issued_at: { expression: sql`issued_at`, type: "timestamptz" },
  total: { expression: sql`total`, type: "numeric" },
};

export async function listCreditNotes(
  context: RequestContext,
  filters: {
    limit?: number;
    cursor?: string;
    sort?: `${"" | "-"}${CreditNoteSortField}`;
    customer_id?: string;
    invoice_id?: string;
  },
) {
  const page = pageRequestOf(filters);
  let query = sortedPage(
    selectInTenant(context.database, context, "credit_notes"),
    page,
    creditNoteSortColumns,
  );
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.invoice_id !== undefined) query = query.where("invoice_id", "=", filters.invoice_id);
  const rows = await query.execute();
  const shown = toPage(rows, page.limit, (row) => row, page.sort);
  return {
    data: await Promise.all(shown.data.map((row) => presentStored(context.database, row))),
    next_cursor: shown.next_cursor,
  };
}
