// Credit notes: the only way to correct a finalized invoice. A credit note
// names the lines it credits (or the whole invoice), takes off its share of
// the invoice's discounts and credits, adds the tax back at the invoice's own
// rate, and first reduces what the customer still owes on the invoice; the
// rest goes to the customer's balance for later invoices.
import type { Selectable } from "kysely";
import { assertPeriodOpen } from "../accounting-periods/period-locks.ts";
import { describeActor, recordAuditEvent } from "../audit/audit-log.ts";
import { Decimal, minDecimal, ONE_HUNDRED, sumDecimals, ZERO } from "../core/decimal.ts";
import { type Currency, currencyFor, formatAmount, roundToMinorUnit } from "../core/index.ts";
import { recordBalanceMovement } from "../credits/credits.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict, notFound, validationFailed } from "../platform/errors.ts";
import { decodeCursor, toPage } from "../platform/http/pagination.ts";
import { newId } from "../platform/ids.ts";
import { announceCreditNote } from "./invoice-announcements.ts";
import type { CreateCreditNoteInput, CreditNoteView } from "./invoice-schemas.ts";
import { nextDocumentNumber } from "./invoice-store.ts";
import { amountRemaining, invoiceLineRows } from "./invoices.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import type { CreditNoteLineTable, CreditNoteTable, InvoiceTable } from "./tables.ts";

type CreditNoteRow = Selectable<CreditNoteTable>;
type CreditNoteLineRow = Selectable<CreditNoteLineTable>;

/** The part of each line's amount the customer actually paid for: net of the invoice's discounts and credits. */
function netShare(invoice: Selectable<InvoiceTable>): Decimal {
  const subtotal = new Decimal(invoice.subtotal);
  if (subtotal.lessThanOrEqualTo(ZERO)) return ZERO;
  return subtotal.minus(invoice.discount).minus(invoice.credits).dividedBy(subtotal);
}

/** Tax on a credited net amount at the invoice's rate: added on top, or the part of it that is tax. */
function taxOn(net: Decimal, invoice: Selectable<InvoiceTable>, currency: Currency): Decimal {
  const details = invoice.tax_details;
  if (details === null) return ZERO;
  const percent = new Decimal(details.percent);
  const tax = details.inclusive
    ? net.times(percent).dividedBy(ONE_HUNDRED.plus(percent))
    : net.times(percent).dividedBy(ONE_HUNDRED);
  return roundToMinorUnit(tax, currency);
}

type CreditRequest = { invoiceLineId: string; description: string; amount: Decimal; path: string };

export async function createCreditNote(
  context: RequestContext,
  invoiceId: string,
  input: CreateCreditNoteInput,
): Promise<CreditNoteView> {
  if ((input.full === true) === (input.lines !== undefined)) {
    throw validationFailed([{ path: "$.lines", message: "give either lines or full: true" }]);
  }
  return context.database.transaction().execute(async (transaction) => {
    const invoice = await transaction
      .selectFrom("invoices")
      .selectAll()
      .where("organization_id", "=", context.organizationId)
      .where("environment_id", "=", context.environmentId)
      .where("id", "=", invoiceId)
      .forUpdate()
      .executeTakeFirst();
    if (invoice === undefined) throw notFound("invoice", invoiceId);
    if (invoice.status === "draft" || invoice.status === "void") {
      throw conflict(
        "invoice_not_creditable",
        `Invoice ${invoiceId} is ${invoice.status}; only a finalized invoice takes credit notes.`,
      );
    }
    const currency = currencyFor(invoice.currency);
    const lines = await invoiceLineRows(transaction, invoiceId);
    const earlier = await transaction
      .selectFrom("credit_note_lines")
      .innerJoin("credit_notes", "credit_notes.id", "credit_note_lines.credit_note_id")
      .select(["credit_note_lines.invoice_line_id", "credit_note_lines.amount", "credit_note_lines.tax"])
      .where("credit_notes.invoice_id", "=", invoiceId)
      .execute();
    const creditedOfLine = new Map<string, Decimal>();
    for (const entry of earlier) {
      if (entry.invoice_line_id === null) continue;
      creditedOfLine.set(
        entry.invoice_line_id,
        (creditedOfLine.get(entry.invoice_line_id) ?? ZERO).plus(entry.amount),
      );
    }
    const share = netShare(invoice);
    const requests: CreditRequest[] =
      input.lines === undefined
        ? lines
            .filter((line) => new Decimal(line.amount).greaterThan(ZERO))
            .map((line) => ({
              invoiceLineId: line.id,
              description: line.description,
              amount: roundToMinorUnit(new Decimal(line.amount).times(share), currency).minus(
                creditedOfLine.get(line.id) ?? ZERO,
              ),
              path: "$.full",
            }))
            .filter((request) => request.amount.greaterThan(ZERO))
        : input.lines.map((requested, index) => {
            const path = `$.lines[${index}]`;
            const line = lines.find((candidate) => candidate.id === requested.invoice_line_id);
            if (line === undefined) {
              throw validationFailed([
                { path: `${path}.invoice_line_id`, message: "is not a line of this invoice" },
              ]);
            }
            const amount = new Decimal(requested.amount);
            const creditable = roundToMinorUnit(new Decimal(line.amount).times(share), currency).minus(
              creditedOfLine.get(line.id) ?? ZERO,
            );
            if (amount.greaterThan(creditable)) {
              throw validationFailed([
                {
                  path: `${path}.amount`,
                  message: `is more than the ${formatAmount(maxOf(creditable), currency)} of this line left to credit`,
                },
              ]);
            }
            if (!roundToMinorUnit(amount, currency).equals(amount) || amount.isZero()) {
              throw validationFailed([
                {
                  path: `${path}.amount`,
                  message: `must be positive with at most ${currency.minorDigits} decimals`,
                },
              ]);
            }
            return { invoiceLineId: line.id, description: line.description, amount, path };
          });
    if (requests.length === 0) {
      throw conflict("nothing_to_credit", `Invoice ${invoiceId} has nothing left to credit.`);
    }
    const taxes = requests.map((request) => taxOn(request.amount, invoice, currency));
    const subtotal = sumDecimals(requests.map((request) => request.amount));
    const inclusive = invoice.tax_details?.inclusive === true;
    const tax = sumDecimals(taxes);
    const total = inclusive ? subtotal : subtotal.plus(tax);
    const alreadyCredited = sumDecimals(
      earlier.map((entry) => new Decimal(entry.amount).plus(inclusive ? ZERO : entry.tax)),
    );
    const creditableTotal = new Decimal(invoice.total).minus(alreadyCredited);
    if (total.greaterThan(creditableTotal)) {
      throw validationFailed([
        {
          path: input.lines === undefined ? "$.full" : "$.lines",
          message: `credit ${formatAmount(total, currency)} more than the ${formatAmount(maxOf(creditableTotal), currency)} left on the invoice`,
        },
      ]);
    }
    const appliedToInvoice = minDecimal(total, amountRemaining(invoice));
    const creditedToBalance = total.minus(appliedToInvoice);
    const settings = await readInvoicingSettings(transaction, context);
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
        currency: invoice.currency,
        reason: input.reason,
        memo: input.memo ?? null,
        subtotal: money(subtotal),
        tax: money(tax),
        total: money(total),
        applied_to_invoice: money(appliedToInvoice),
        credited_to_balance: money(creditedToBalance),
        issued_at: now,
        created_by: describeActor(context.actor).id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const noteLines = await transaction
      .insertInto("credit_note_lines")
      .values(
        requests.map((request, position) => ({
          id: newId("creditNoteLine", now),
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          credit_note_id: id,
          position,
          invoice_line_id: request.invoiceLineId,
          description: request.description,
          amount: money(request.amount),
          tax: money(taxes[position] ?? ZERO),
        })),
      )
      .returningAll()
      .execute();
    const credited = new Decimal(invoice.amount_credited).plus(appliedToInvoice);
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
    if (creditedToBalance.greaterThan(ZERO)) {
      await recordBalanceMovement(transaction, context, {
        customerId: invoice.customer_id,
        currency: invoice.currency,
        amount: creditedToBalance,
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
        total: money(total),
        applied_to_invoice: money(appliedToInvoice),
        credited_to_balance: money(creditedToBalance),
      },
    });
    await announceCreditNote(transaction, context, {
      id,
      number,
      invoice_id: invoiceId,
      total: money(total),
      currency: invoice.currency,
      reason: input.reason,
    });
    return presentCreditNote(note, noteLines, invoice.number);
  });
}

function maxOf(amount: Decimal): Decimal {
  return amount.lessThan(ZERO) ? ZERO : amount;
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

export async function getCreditNote(context: RequestContext, id: string): Promise<CreditNoteView> {
  const row = await context.database
    .selectFrom("credit_notes")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .where("environment_id", "=", context.environmentId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("credit note", id);
  return presentStored(context.database, row);
}

export async function listCreditNotes(
  context: RequestContext,
  filters: { limit?: number; cursor?: string; customer_id?: string; invoice_id?: string },
) {
  const limit = filters.limit ?? 20;
  const after = decodeCursor(filters.cursor);
  let query = context.database
    .selectFrom("credit_notes")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .where("environment_id", "=", context.environmentId);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.invoice_id !== undefined) query = query.where("invoice_id", "=", filters.invoice_id);
  if (after !== undefined) query = query.where("id", "<", after);
  const rows = await query
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, (row) => row);
  return {
    data: await Promise.all(page.data.map((row) => presentStored(context.database, row))),
    next_cursor: page.next_cursor,
  };
}
