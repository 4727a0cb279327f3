// What finance reads of invoices and credit notes for its reports (the books,
// the month-end close, usage reconciliation, disputes), as plain rows and in
// bulk: each read is one or two queries whatever the number of invoices or
// customers. Only invoicing queries its own tables; nothing here writes.
import type { Selectable } from "kysely";
import { customerRecordsByIds } from "../customers/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { gracePeriodOf } from "./draft-finalization.ts";
import { type InvoiceLineRow, type InvoiceRow, linesOfInvoices } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import type { CreditNoteLineTable, CreditNoteTable } from "./tables.ts";

export type CreditNoteRow = Selectable<CreditNoteTable>;
export type CreditNoteLineRow = Selectable<CreditNoteLineTable>;

/**
 * Every finalized invoice of the environment (voided ones too: a void is
 * booked when it happens), oldest issued first, and all their lines, by
 * invoice then position.
 */
export async function invoicesForBooks(
  database: Database,
  scope: TenantScope,
): Promise<{ invoices: InvoiceRow[]; lines: InvoiceLineRow[] }> {
  const invoices = await selectInTenant(database, scope, "invoices")
    .where("status", "<>", "draft")
    .where("finalized_at", "is not", null)
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
  const lines = await linesOfInvoices(
    database,
    scope,
    invoices.map((invoice) => invoice.id),
  );
  return { invoices, lines };
}

/** Every credit note of the environment, oldest issued first, and all their lines, by credit note then position. */
export async function creditNotesForBooks(
  database: Database,
  scope: TenantScope,
): Promise<{ creditNotes: CreditNoteRow[]; lines: CreditNoteLineRow[] }> {
  const creditNotes = await selectInTenant(database, scope, "credit_notes")
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
  if (creditNotes.length === 0) return { creditNotes, lines: [] };
  const lines = await selectInTenant(database, scope, "credit_note_lines")
    .where(
      "credit_note_id",
      "in",
      creditNotes.map((note) => note.id),
    )
    .orderBy("credit_note_id")
    .orderBy("position")
    .execute();
  return { creditNotes, lines };
}

/**
 * The drafts issued before `before`, oldest first, each with the end of its
 * grace period (the customer's own, or the environment's): what the
 * month-end close checks.
 */
export async function draftsIssuedBefore(
  database: Database,
  scope: TenantScope,
  before: Date,
): Promise<{ id: string; issuedAt: Date; graceEndsAt: Date }[]> {
  const drafts = await database
    .selectFrom("invoices")
    .select(["id", "customer_id", "issued_at"])
    .where(inTenant(scope))
    .where("status", "=", "draft")
    .where("issued_at", "<", before)
    .orderBy("issued_at")
    .execute();
  if (drafts.length === 0) return [];
  const customers = new Map(
    (
      await customerRecordsByIds(
        database,
        scope,
        drafts.map((draft) => draft.customer_id),
      )
    ).map((customer) => [customer.id, customer]),
  );
  const settings = await readInvoicingSettings(database, scope);
  return drafts.flatMap((draft) => {
    const customer = customers.get(draft.customer_id);
    if (customer === undefined) return [];
    const graceEndsAt = new Date(draft.issued_at.getTime() + gracePeriodOf(customer, settings));
    return [{ id: draft.id, issuedAt: draft.issued_at, graceEndsAt }];
  });
}

/** A usage line with what reconciliation needs of its invoice. */
export type UsageLineRecord = Pick<
  InvoiceLineRow,
  | "id"
  | "invoice_id"
  | "subscription_id"
  | "plan_version_id"
  | "charge_id"
  | "period_start"
  | "period_end"
  | "quantity"
  | "amount"
  | "details"
> &
  Pick<InvoiceRow, "customer_id" | "number" | "status" | "finalized_at" | "voided_at" | "currency">;

/**
 * The usage lines, on any invoice of these customers, whose period overlaps
 * [start, end), by period start: what usage reconciliation matches events to.
 */
export async function usageLinesOverlapping(
  database: Database,
  scope: TenantScope,
  input: { customerIds: readonly string[]; start: Date; end: Date },
): Promise<UsageLineRecord[]> {
  if (input.customerIds.length === 0) return [];
  return database
    .selectFrom("invoice_lines")
    .innerJoin("invoices", "invoices.id", "invoice_lines.invoice_id")
    .select([
      "invoice_lines.id",
      "invoice_lines.invoice_id",
      "invoice_lines.subscription_id",
      "invoice_lines.plan_version_id",
      "invoice_lines.charge_id",
      "invoice_lines.period_start",
      "invoice_lines.period_end",
      "invoice_lines.quantity",
      "invoice_lines.amount",
      "invoice_lines.details",
      "invoices.customer_id",
      "invoices.number",
      "invoices.status",
      "invoices.finalized_at",
      "invoices.voided_at",
      "invoices.currency",
    ])
    .where(inTenant(scope, "invoices"))
    .where("invoices.customer_id", "in", [...new Set(input.customerIds)])
    .where("invoice_lines.kind", "=", "usage")
    .where("invoice_lines.period_start", "<", input.end)
    .where("invoice_lines.period_end", ">", input.start)
    .orderBy("invoice_lines.period_start")
    .orderBy("invoice_lines.id")
    .execute();
}

/** The id of the invoice's credit note whose memo starts with `memoPrefix`, if one was issued. */
export async function findCreditNoteByMemoPrefix(
  database: Database,
  scope: TenantScope,
  invoiceId: string,
  memoPrefix: string,
): Promise<string | undefined> {
  const note = await database
    .selectFrom("credit_notes")
    .select("id")
    .where(inTenant(scope))
    .where("invoice_id", "=", invoiceId)
    .where("memo", "like", `${memoPrefix}%`)
    .executeTakeFirst();
  return note?.id;
}
