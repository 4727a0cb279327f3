// Reads the books (books.ts) of an environment. Finance is a read-only
// reporter of other domains' records, and for these report queries no
// domain exports a function, so the reads below go to their tables directly,
// each saying whose table it reads. Nothing here writes.
import { sql } from "kysely";
import { periodLocks } from "../accounting-periods/index.ts";
import { selectPlanVersions } from "../catalog/index.ts";
import { Decimal } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { periodContaining } from "./accounting-periods.ts";
import type {
  BookCreditNote,
  BookGrant,
  BookGrantMovement,
  BookInvoice,
  BookLine,
  BookPayment,
  Books,
} from "./books.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import { loadPaymentFacts, type PaymentFacts } from "./payment-facts.ts";

export async function loadBooks(
  database: Database,
  scope: TenantScope,
  paymentFacts?: PaymentFacts,
): Promise<Books> {
  const settings = await readFinanceSettings(database, scope);
  const timeZone = settings.timeZone;
  const grants = await loadPurchasedGrants(database, scope);
  const purchaseLineOf = new Map<string, string>();
  const invoices = await loadInvoices(database, scope, timeZone);
  const invoicesById = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  for (const grant of grants) {
    const purchase = grant.purchaseInvoiceId === null ? undefined : invoicesById.get(grant.purchaseInvoiceId);
    // A wallet top-up's invoice has the one line that sells the credits.
    const line = purchase?.lines[0];
    if (line === undefined) {
      grant.purchaseInvoiceId = null;
      continue;
    }
    grant.purchaseLineId = line.id;
    line.prepaidGrantId = grant.id;
    purchaseLineOf.set(grant.id, line.id);
  }
  const locks = (await periodLocks(database, scope)).map((lock) => ({
    period: lock.period,
    start: lock.start,
    end: lock.end,
    lockedAt: lock.lockedAt,
  }));
  return {
    timeZone,
    invoices,
    creditNotes: await loadCreditNotes(database, scope),
    grants,
    payments: paymentsOf(paymentFacts ?? (await loadPaymentFacts(database, scope))),
    locks,
  };
}

const decimal = (value: string | number) => new Decimal(value);

/** Payments that succeeded and refunds paid out, as money in and out. */
function paymentsOf(facts: PaymentFacts): BookPayment[] {
  const payments: BookPayment[] = facts.payments
    .filter((payment) => payment.status === "succeeded")
    .map((payment) => ({
      kind: "payment",
      id: payment.id,
      reference: payment.reference,
      customerId: payment.customerId,
      currency: payment.currency,
      at: payment.at,
      recordedAt: payment.recordedAt,
      invoicePart: payment.applied,
      balancePart: payment.toBalance,
    }));
  const refunds: BookPayment[] = facts.refunds.map((refund) => ({
    kind: "refund",
    id: refund.id,
    reference: refund.id,
    customerId: refund.customerId,
    currency: refund.currency,
    at: refund.at,
    recordedAt: refund.recordedAt,
    invoicePart: refund.fromInvoice,
    balancePart: refund.fromBalance,
  }));
  return [...payments, ...refunds];
}

async function loadInvoices(
  database: Database,
  scope: TenantScope,
  timeZone: string,
): Promise<BookInvoice[]> {
  // Invoicing's tables: every finalized invoice (voided ones too: a void is booked when it happens).
  const rows = await database
    .selectFrom("invoices")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where("status", "<>", "draft")
    .where("finalized_at", "is not", null)
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const lineRows = await database
    .selectFrom("invoice_lines")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where(
      "invoice_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("invoice_id")
    .orderBy("position")
    .execute();
  const products = await chargeProducts(
    database,
    scope,
    lineRows.map((line) => line.plan_version_id),
  );
  const customers = await externalIdsOf(
    database,
    scope,
    rows.map((row) => row.customer_id),
  );
  const customerOfInvoice = new Map(rows.map((row) => [row.id, row.customer_id]));
  const linesOf = new Map<string, BookLine[]>();
  const spanning: { line: BookLine; customerExternalId: string; meter: string }[] = [];
  for (const row of lineRows) {
    const line: BookLine = {
      id: row.id,
      position: row.position,
      kind: row.kind,
      description: row.description,
      amount: decimal(row.amount),
      periodStart: row.period_start?.getTime() ?? null,
      periodEnd: row.period_end?.getTime() ?? null,
      product:
        row.plan_version_id === null || row.charge_id === null
          ? null
          : (products.get(`${row.plan_version_id}|${row.charge_id}`) ?? null),
      prepaidGrantId: null,
      subscriptionId: row.subscription_id,
      planVersionId: row.plan_version_id,
      chargeId: row.charge_id,
      meter: typeof row.details.meter === "string" ? row.details.meter : null,
      quantity: decimal(row.quantity),
    };
    const lines = linesOf.get(row.invoice_id) ?? [];
    lines.push(line);
    linesOf.set(row.invoice_id, lines);
    const meter = line.meter ?? undefined;
    const customerId = customerOfInvoice.get(row.invoice_id);
    const externalId = customerId === undefined ? undefined : customers.get(customerId);
    if (
      row.kind === "usage" &&
      meter !== undefined &&
      externalId !== undefined &&
      line.periodStart !== null &&
      line.periodEnd !== null &&
      periodContaining(line.periodStart, timeZone).key !== periodContaining(line.periodEnd - 1, timeZone).key
    ) {
      spanning.push({ line, customerExternalId: externalId, meter });
    }
  }
  for (const { line, customerExternalId, meter } of spanning) {
    line.usageByPeriod = await eventsPerMonth(database, scope, {
      customerExternalId,
      meter,
      start: new Date(line.periodStart as number),
      end: new Date(line.periodEnd as number),
      timeZone,
    });
  }
  return rows.map((row) => ({
    id: row.id,
    number: row.number ?? row.id,
    customerId: row.customer_id,
    currency: row.currency,
    origin: row.origin,
    status: row.status,
    issuedAt: row.issued_at.getTime(),
    finalizedAt: (row.finalized_at as Date).getTime(),
    voidedAt: row.status === "void" ? (row.voided_at?.getTime() ?? null) : null,
    total: decimal(row.total),
    tax: decimal(row.tax),
    taxInclusive: row.tax_details?.inclusive === true,
    balanceApplied: decimal(row.balance_applied),
    amountDue: decimal(row.amount_due),
    amountPaid: decimal(row.amount_paid),
    amountCredited: decimal(row.amount_credited),
    creditsApplied: row.credits_applied.map((entry) => ({
      grantId: entry.grant_id,
      amount: decimal(entry.amount),
    })),
    lines: linesOf.get(row.id) ?? [],
  }));
}

/** The product of each charge of these plan versions, by `versionId|chargeId`. */
async function chargeProducts(
  database: Database,
  scope: TenantScope,
  versionIds: readonly (string | null)[],
): Promise<Map<string, string>> {
  const ids = [...new Set(versionIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await selectPlanVersions(database, scope).where("id", "in", ids).execute();
  const products = new Map<string, string>();
  for (const row of rows) {
    for (const charge of row.charges) {
      if (charge.product !== undefined) products.set(`${row.id}|${charge.id}`, charge.product);
    }
  }
  return products;
}

async function externalIdsOf(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return new Map();
  // The customers table (customers domain): external ids name a customer's events.
  const rows = await database
    .selectFrom("customers")
    .select(["id", "external_id"])
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.external_id]));
}

/**
 * Events a meter counted for a customer in each accounting month of
 * [start, end), from metering's hourly rollups: the weights that split a usage
 * line spanning months into its months of use.
 */
async function eventsPerMonth(
  database: Database,
  scope: TenantScope,
  input: { customerExternalId: string; meter: string; start: Date; end: Date; timeZone: string },
): Promise<Map<string, Decimal>> {
  // Metering's usage_rollups and meters tables.
  const rows = await database
    .selectFrom("usage_rollups")
    .innerJoin("meters", "meters.id", "usage_rollups.meter_id")
    .select([
      sql<string>`to_char(usage_rollups.hour_start at time zone ${input.timeZone}, 'YYYY-MM')`.as("period"),
      sql<string>`sum(usage_rollups.event_count)::text`.as("events"),
    ])
    .where("usage_rollups.organization_id", "=", scope.organizationId)
    .where("usage_rollups.environment_id", "=", scope.environmentId)
    .where("meters.code", "=", input.meter)
    .where("usage_rollups.customer_external_id", "=", input.customerExternalId)
    .where("usage_rollups.hour_start", ">=", input.start)
    .where("usage_rollups.hour_start", "<", input.end)
    .groupBy("period")
    .execute();
  return new Map(rows.map((row) => [row.period, decimal(row.events)]));
}

async function loadCreditNotes(database: Database, scope: TenantScope): Promise<BookCreditNote[]> {
  // Invoicing's credit notes and their lines.
  const notes = await database
    .selectFrom("credit_notes")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
  if (notes.length === 0) return [];
  const lines = await database
    .selectFrom("credit_note_lines")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where(
      "credit_note_id",
      "in",
      notes.map((note) => note.id),
    )
    .orderBy("credit_note_id")
    .orderBy("position")
    .execute();
  return notes.map((note) => ({
    id: note.id,
    number: note.number,
    invoiceId: note.invoice_id,
    customerId: note.customer_id,
    currency: note.currency,
    issuedAt: note.issued_at.getTime(),
    tax: decimal(note.tax),
    appliedToInvoice: decimal(note.applied_to_invoice),
    creditedToBalance: decimal(note.credited_to_balance),
    lines: lines
      .filter((line) => line.credit_note_id === note.id)
      .map((line) => ({
        invoiceLineId: line.invoice_line_id,
        amount: decimal(line.amount),
        tax: decimal(line.tax),
      })),
  }));
}

async function loadPurchasedGrants(database: Database, scope: TenantScope): Promise<BookGrant[]> {
  // Credits' grants, purchases and ledger: only purchased grants carry revenue (promotional ones are discounts).
  const rows = await database
    .selectFrom("credit_grants")
    .leftJoin("credit_purchases", "credit_purchases.grant_id", "credit_grants.id")
    .select([
      "credit_grants.id",
      "credit_grants.customer_id",
      "credit_grants.currency",
      "credit_grants.amount",
      "credit_grants.cost_basis",
      "credit_grants.created_at",
      "credit_purchases.invoice_id",
    ])
    .where("credit_grants.organization_id", "=", scope.organizationId)
    .where("credit_grants.environment_id", "=", scope.environmentId)
    .where("credit_grants.type", "=", "purchased")
    .orderBy("credit_grants.id")
    .execute();
  if (rows.length === 0) return [];
  const entries = await database
    .selectFrom("credit_ledger_entries")
    .select(["grant_id", "kind", "amount", "invoice_id", "occurred_at", "created_at"])
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where("kind", "<>", "increment")
    .where(
      "grant_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("sequence")
    .execute();
  const movementsOf = new Map<string, BookGrantMovement[]>();
  for (const entry of entries) {
    const movements = movementsOf.get(entry.grant_id) ?? [];
    movements.push({
      kind: entry.kind as BookGrantMovement["kind"],
      amount: decimal(entry.amount).abs(),
      invoiceId: entry.invoice_id,
      occurredAt: entry.occurred_at.getTime(),
      recordedAt: entry.created_at.getTime(),
    });
    movementsOf.set(entry.grant_id, movements);
  }
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    amount: decimal(row.amount),
    costBasis: decimal(row.cost_basis ?? "0"),
    createdAt: row.created_at.getTime(),
    purchaseInvoiceId: row.invoice_id ?? null,
    purchaseLineId: null,
    movements: movementsOf.get(row.id) ?? [],
  }));
}
