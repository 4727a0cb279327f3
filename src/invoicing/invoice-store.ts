// Writing invoices: a draft with its lines, replaced while the draft is open,
// then finalized with the next gapless number. The number comes from a
// counter row locked in the finalizing transaction, so a finalization that
// rolls back (a crash, a failed check) gives its number back.

import type { Selectable } from "kysely";
import { sql } from "kysely";
import { assertPeriodOpen } from "../accounting-periods/index.ts";
import { Decimal, formatAmount, type Invoice } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { childRowsInTenant, findInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { outputAllowance, outputTotals } from "../simulation/index.ts";
import type { StoredLine } from "./stored-lines.ts";
import type { InvoiceLineTable, InvoiceOrigin, InvoiceTable, PartySnapshot, TaxDetails } from "./tables.ts";

export type InvoiceLineRow = Selectable<InvoiceLineTable>;

export type InvoiceRow = Selectable<InvoiceTable>;

/** The invoice with this id in the tenant, locked for the rest of the transaction with `lock`; else a 404. */
export function findInvoiceRow(
  database: Database,
  scope: TenantScope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceRow> {
  return findInTenant(database, scope, "invoices", id, "invoice", options);
}

/** The invoice, locked for the rest of the transaction. */
export async function lockInvoice(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  invoiceId: string,
): Promise<InvoiceRow> {
  return findInvoiceRow(transaction, scope, invoiceId, { lock: true });
}

/**
 * Locks an invoice that is finalized; a draft or a void one is refused
 * (409 `code`, saying "only a finalized invoice" and then `onlyFinalized`).
 */
export async function lockFinalizedInvoice(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  invoiceId: string,
  refusal: { code: string; onlyFinalized: string },
): Promise<InvoiceRow> {
  const invoice = await lockInvoice(transaction, scope, invoiceId);
  if (invoice.status === "draft" || invoice.status === "void") {
    throw conflict(
      refusal.code,
      `Invoice ${invoiceId} is ${invoice.status}; only a finalized invoice ${refusal.onlyFinalized}.`,
    );
  }
  return invoice;
}

/** The next number for `prefix` in the organization: `INV-000042`. Call inside the finalizing transaction. */
export async function nextDocumentNumber(
  transaction: Database,
  organizationId: string,
  prefix: string,
): Promise<string> {
  const row = await transaction
    .insertInto("document_number_sequences")
    .values({ organization_id: organizationId, prefix, last_number: 1 })
    .onConflict((conflict) =>
      conflict.columns(["organization_id", "prefix"]).doUpdateSet({
        last_number: sql`document_number_sequences.last_number + 1`,
      }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last_number).padStart(6, "0")}`;
}

/** The totals columns of an engine invoice, as decimal strings in the currency's minor unit. */
export function totalsColumns(invoice: Invoice) {
  const money = (amount: Invoice["total"]) => formatAmount(amount, invoice.currency);
  return {
    ...outputTotals(invoice),
    discounts: JSON.stringify(
      invoice.discounts.map((entry) => ({ redemption_id: entry.couponId, amount: money(entry.amount) })),
    ),
    credits_applied: JSON.stringify(
      invoice.creditsApplied.map((entry) => ({ grant_id: entry.grantId, amount: money(entry.amount) })),
    ),
    commits: invoice.commits === undefined ? null : money(invoice.commits),
    commit_draws: JSON.stringify(
      (invoice.commitDraws ?? []).map((draw) => ({
        commit_id: draw.commitId,
        term_start: new Date(draw.termStart).toISOString(),
        amount: money(draw.amount),
      })),
    ),
    allowances:
      invoice.allowances === undefined ? null : JSON.stringify(invoice.allowances.map(outputAllowance)),
  };
}

export type DraftInput = {
  /** Keep this id when replacing an existing draft. */
  id?: string;
  customerId: string;
  origin: InvoiceOrigin;
  billingKey: string | null;
  currency: string;
  issuedAt: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  totals: ReturnType<typeof totalsColumns>;
  taxDetails: TaxDetails | null;
  subscriptionIds: string[];
  locale: string;
  timezone: string;
  memo: string | null;
  lines: readonly StoredLine[];
};

/** Writes a draft invoice and its lines, replacing the draft's previous lines when `id` names one. */
export async function writeDraft(
  transaction: Database,
  context: RequestContext,
  input: DraftInput,
): Promise<string> {
  const now = context.clock.now();
  const columns = {
    customer_id: input.customerId,
    origin: input.origin,
    billing_key: input.billingKey,
    currency: input.currency,
    issued_at: input.issuedAt,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    ...input.totals,
    tax_details: JSON.stringify(input.taxDetails),
    subscription_ids: input.subscriptionIds,
    locale: input.locale,
    timezone: input.timezone,
    memo: input.memo,
    updated_at: now,
  };
  let id = input.id;
  if (id === undefined) {
    id = newId("invoice", now);
    await transaction
      .insertInto("invoices")
      .values({
        id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        status: "draft",
        created_at: now,
        ...columns,
      })
      .execute();
  } else {
    await transaction
      .updateTable("invoices")
      .set(columns)
      .where("id", "=", id)
      .where("status", "=", "draft")
      .execute();
    await transaction.deleteFrom("invoice_lines").where("invoice_id", "=", id).execute();
  }
  if (input.lines.length > 0) {
    await transaction
      .insertInto("invoice_lines")
      .values(
        input.lines.map((line, position) => ({
          ...newTenantRow(context, "invoiceLine", now),
          invoice_id: id,
          position,
          ...line,
          details: JSON.stringify(line.details),
        })),
      )
      .execute();
  }
  return id;
}

/** Finalizes a draft: number, seller and buyer snapshots, due date; status open (paid when nothing is due). */
export async function finalizeDraft(
  transaction: Database,
  context: RequestContext,
  input: {
    id: string;
    prefix: string;
    billingEntityId: string | null;
    dueAt: Date;
    seller: PartySnapshot;
    buyer: PartySnapshot;
    amountDue: string;
  },
): Promise<InvoiceRow> {
  const number = await nextDocumentNumber(transaction, context.organizationId, input.prefix);
  const now = context.clock.now();
  const finalized = await transaction
    .updateTable("invoices")
    .set({
      status: new Decimal(input.amountDue).isZero() ? "paid" : "open",
      number,
      finalized_at: now,
      due_at: input.dueAt,
      seller: JSON.stringify(input.seller),
      buyer: JSON.stringify(input.buyer),
      billing_entity_id: input.billingEntityId,
      updated_at: now,
    })
    .where("id", "=", input.id)
    .where("status", "=", "draft")
    .returningAll()
    .executeTakeFirstOrThrow();
  // Finance: an invoice dated in a closed accounting period is never finalized (the transaction rolls back).
  await assertPeriodOpen(transaction, context, finalized.issued_at);
  return finalized;
}

export async function findInvoiceByBillingKey(
  transaction: Database,
  environmentId: string,
  billingKey: string,
): Promise<InvoiceRow | undefined> {
  return transaction
    .selectFrom("invoices")
    .selectAll()
    .where("environment_id", "=", environmentId)
    .where("billing_key", "=", billingKey)
    .executeTakeFirst();
}

/** The lines of these invoices, by invoice then position. */
export function linesOfInvoices(
  database: Database,
  scope: TenantScope,
  invoiceIds: readonly string[],
): Promise<InvoiceLineRow[]> {
  return childRowsInTenant(database, scope, "invoice_lines", {
    parentColumn: "invoice_id",
    parentIds: invoiceIds,
    orderColumn: "position",
  });
}

export async function invoiceLineRows(database: Database, invoiceId: string): Promise<InvoiceLineRow[]> {
  return database
    .selectFrom("invoice_lines")
    .selectAll()
    .where("invoice_id", "=", invoiceId)
    .orderBy("position", "asc")
    .execute();
}
