// The bill run's set-based step: bring a chunk of customers' invoices up to
// date with a few statements for all of them instead of a few dozen per
// customer. One pass is one transaction that locks the chunk's customers,
// reads what they need in bulk (subscriptions, plan versions, overrides,
// contracts, meters, usage rollups, coupons, credits, balances, tax), has
// the engine compute each customer's next invoice, and writes the invoices,
// their lines, the subscriptions' marks, the webhook and domain events with
// multi-row statements. The invoice numbers are taken as one block, and the
// audit chain's head last, just before the commit: the counter row and the
// chain stay locked for a few statements per chunk, not for the whole of
// every customer's work. A customer with more due gets its next invoice in
// the next pass, so each pass issues at most one invoice per customer, in
// time order, exactly once (the customer locks and billing keys, as in
// billCustomerDue), and gapless (the block rolls back with its pass).
//
// What does not fit a pass goes to billCustomerDue one customer at a time,
// unchanged: a draft to write or recompute (grace periods, an earlier draft
// with the same billing key), a hold waiting for the customer, the standing
// guard on drafts, a closed accounting period, and any customer whose
// computation failed (it fails again there and is reported with its error).

import { sql } from "kysely";
import { assertPeriodOpen } from "../accounting-periods/index.ts";
import { type AuditChange, recordAuditEvents } from "../audit/index.ts";
import { hasBillingEntities } from "../billing-entities/index.ts";
import { lockContractLedgers, recordContractSettlement } from "../contracts/index.ts";
import { Decimal, formatAmount, type Instant, type settleInvoice } from "../core/index.ts";
import { lockCustomers } from "../customers/index.ts";
import { publishEvents } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { publishDomainEvents } from "../platform/events/domain-events.ts";
import { newId } from "../platform/ids.ts";
import { markSubscriptionsBilled } from "../subscriptions/index.ts";
import {
  billCustomerDue,
  type InvoiceContract,
  linesOfGroup,
  periodOf,
  recordAccountEffects,
} from "./bill-customer.ts";
import { trueUpsOf } from "./contract-billing.ts";
import {
  type CustomerAccount,
  childrenBilled,
  loadCustomerAccounts,
  settleLinesWith,
  taxDetailsOf,
} from "./customer-account.ts";
import {
  type CustomerBilling,
  dueInstantsOf,
  loadCustomersBilling,
  nextLookOf,
  type SubscriptionBilling,
} from "./customer-billing.ts";
import { gracePeriodOf, paymentTermsOf } from "./draft-finalization.ts";
import { queueInvoiceEmails } from "./invoice-announcements.ts";
import { presentInvoice } from "./invoice-presenter.ts";
import type { InvoiceLineRow, InvoiceRow } from "./invoice-store.ts";
import { totalsColumns } from "./invoice-store.ts";
import { invoiceFinalized } from "./invoice-webhook-events.ts";
import { InvoiceFinalized } from "./invoicing-events.ts";
import { type InvoicingSettings, readInvoicingSettings } from "./invoicing-settings.ts";
import { nextInvoiceGroup } from "./issue-instants.ts";
import { partyOfCustomer, partyOfSeller } from "./parties.ts";
import type { StoredLine } from "./stored-lines.ts";
import { batchedUsageReader } from "./usage-batches.ts";

/** What billing one customer did: as billCustomerDue answers, or the error it could not get past. */
export type CustomerBillingOutcome =
  | { issued: number; finalized: number; more: boolean }
  | { error: unknown };

/** The environment's settings a bill run reads once, for all its chunks. */
export type BulkBillingSettings = { invoicing: InvoicingSettings };

export async function readBulkBillingSettings(context: RequestContext): Promise<BulkBillingSettings> {
  return { invoicing: await readInvoicingSettings(context.database, context) };
}

type Mark = { subscriptionId: string; billedThrough: Instant; nextBillingAt: Instant | null };

type DueSubscription = { entry: SubscriptionBilling; instant: Instant };

/** A customer's next invoice as one pass plans it. */
type PlannedInvoice = {
  customerId: string;
  billing: CustomerBilling;
  due: DueSubscription[];
  group: DueSubscription[];
  currency: string;
  issuedAt: Instant;
  billingKey: string;
};

/** The invoice computed and settled, ready to write. */
type ComputedInvoice = PlannedInvoice & {
  lines: StoredLine[];
  account: CustomerAccount;
  settled: ReturnType<typeof settleInvoice>;
  contract: InvoiceContract | undefined;
};

type PassOutcome = {
  /** Customers the pass finished with: what it issued (0 or 1) and whether more is due by `until`. */
  billed: Map<string, { issued: number; finalized: number; stillDue: boolean }>;
  /** Customers left to billCustomerDue. */
  oneByOne: string[];
};

/** At most this many customers' invoices are written by one pass. */
export const customersPerPass = 250;

/**
 * Issues every invoice due at or before `at` of these customers (or, with
 * `invoiceLimit`, that many in all, `more` saying where some are left), as
 * billCustomerDue would for each, with a few statements per pass of the chunk.
 */
export async function billCustomersDue(
  context: RequestContext,
  customerIds: readonly string[],
  at: Date,
  options: { invoiceLimit?: number; settings?: BulkBillingSettings } = {},
): Promise<Map<string, CustomerBillingOutcome>> {
  const settings = options.settings ?? (await readBulkBillingSettings(context));
  const until = at.getTime();
  const totals = new Map(customerIds.map((id) => [id, { issued: 0, finalized: 0, more: false }]));
  const outcomes = new Map<string, CustomerBillingOutcome>();
  let issued = 0;
  const left = () =>
    options.invoiceLimit === undefined ? Number.POSITIVE_INFINITY : options.invoiceLimit - issued;
  const oneByOne: string[] = [];
  let pending = [...customerIds];
  while (pending.length > 0) {
    if (left() <= 0) {
      for (const id of pending) (totals.get(id) as { more: boolean }).more = true;
      break;
    }
    const pass = pending.slice(0, Math.min(left(), customersPerPass));
    const rest = pending.slice(pass.length);
    let outcome: PassOutcome;
    try {
      outcome = await context.database
        .transaction()
        .execute((transaction) => billOnePass(transaction, context, pass, until, settings.invoicing));
    } catch (error) {
      // Something only one customer's own transaction can tell apart: each on its own.
      context.logger.warn({ err: error }, "a bill run pass failed; billing its customers one by one");
      outcome = { billed: new Map(), oneByOne: pass };
    }
    const again: string[] = [];
    for (const [id, billed] of outcome.billed) {
      const total = totals.get(id) as { issued: number; finalized: number };
      total.issued += billed.issued;
      total.finalized += billed.finalized;
      issued += billed.issued;
      if (billed.stillDue) again.push(id);
    }
    oneByOne.push(...outcome.oneByOne);
    pending = [...again, ...rest];
  }
  for (const id of oneByOne) {
    const total = totals.get(id) as { issued: number; finalized: number; more: boolean };
    const limit = left();
    if (limit <= 0) {
      total.more = true;
      continue;
    }
    try {
      const billed = await billCustomerDue(
        context,
        id,
        at,
        Number.isFinite(limit) ? { invoiceLimit: limit } : {},
      );
      issued += billed.issued;
      total.issued += billed.issued;
      total.finalized += billed.finalized;
      total.more = billed.more;
    } catch (error) {
      outcomes.set(id, { error });
    }
  }
  for (const [id, total] of totals) if (!outcomes.has(id)) outcomes.set(id, total);
  return outcomes;
}

/** The subscriptions of a customer due by `until`, each with its first due instant; marks for those looked at in vain. */
async function dueOf(
  transaction: DatabaseTransaction,
  context: RequestContext,
  billing: CustomerBilling,
  until: Instant,
): Promise<{ due: DueSubscription[]; marks: Mark[] }> {
  const due: DueSubscription[] = [];
  const marks: Mark[] = [];
  for (const entry of billing.subscriptions) {
    const { nextBillingAt, billedThrough, id } = entry.subscription;
    if (nextBillingAt === null || nextBillingAt > until) continue;
    const [first] = await dueInstantsOf(transaction, context, billing, entry, until);
    if (first === undefined) {
      marks.push({
        subscriptionId: id,
        // Nothing billed yet: just before the start keeps every instant from the start on due.
        billedThrough: billedThrough ?? entry.subscription.timeline.start - 1,
        nextBillingAt: nextLookOf(billing, entry, until),
      });
      continue;
    }
    due.push({ entry, instant: first });
  }
  return { due, marks };
}

/** The marks that move an invoice's subscriptions past it, and whether the customer has more due by `until`. */
function marksAfter(planned: PlannedInvoice, until: Instant): { marks: Mark[]; stillDue: boolean } {
  let stillDue = planned.due.length > planned.group.length;
  const marks = planned.group.map((member) => {
    const next = nextLookOf(planned.billing, member.entry, member.instant);
    if (next !== null && next <= until) stillDue = true;
    return {
      subscriptionId: member.entry.subscription.id,
      billedThrough: member.instant,
      nextBillingAt: next,
    };
  });
  return { marks, stillDue };
}

async function billOnePass(
  transaction: DatabaseTransaction,
  context: RequestContext,
  customerIds: readonly string[],
  until: Instant,
  settings: InvoicingSettings,
): Promise<PassOutcome> {
  const billed: PassOutcome["billed"] = new Map();
  // The standing guard compares each draft with the customer's history: one customer at a time.
  if (settings.heldDraftChangePercent !== null) return { billed, oneByOne: [...customerIds] };
  // Each customer's invoice takes the seller and numbering of its billing entity: one customer at a time.
  if (await hasBillingEntities(transaction, context)) return { billed, oneByOne: [...customerIds] };
  await lockCustomers(transaction, context, customerIds);
  const billings = await loadCustomersBilling(transaction, context, customerIds, until);
  const oneByOne: string[] = [];
  const marks: Mark[] = [];
  const planned: PlannedInvoice[] = [];

  for (const customerId of customerIds) {
    const billing = billings.get(customerId);
    if (billing === undefined) {
      oneByOne.push(customerId);
      continue;
    }
    try {
      const found = await dueOf(transaction, context, billing, until);
      if (found.due.length === 0) {
        marks.push(...found.marks);
        billed.set(customerId, { issued: 0, finalized: 0, stillDue: false });
        continue;
      }
      const group = nextInvoiceGroup(found.due, billing.customer.timezone);
      const currency = group[0]!.entry.subscription.currency;
      const issuedAt = Math.max(...group.map((member) => member.instant));
      const graceEnds = issuedAt + gracePeriodOf(billing.customer, settings);
      if (until < graceEnds) {
        // A draft waiting out its grace period: written and recomputed by the one-by-one step.
        oneByOne.push(customerId);
        continue;
      }
      marks.push(...found.marks);
      planned.push({
        customerId,
        billing,
        due: found.due,
        group,
        currency,
        issuedAt,
        billingKey: `${customerId}|${currency}|${new Date(issuedAt).toISOString()}`,
      });
    } catch {
      oneByOne.push(customerId);
    }
  }

  // An invoice with the same key already exists (a draft to recompute, or one finalized whose marks
  // were lost), or a hold waits for the customer's next draft: one by one.
  const existing = await existingBillingKeys(
    transaction,
    context,
    planned.map((invoice) => invoice.billingKey),
  );
  const waitingHolds = await customersWithWaitingHolds(
    transaction,
    context,
    planned.map((invoice) => invoice.customerId),
  );
  const closedDays = await closedIssueInstants(
    transaction,
    context,
    planned.map((invoice) => invoice.issuedAt),
  );
  const toCompute: PlannedInvoice[] = [];
  const dropMarksOf = new Set<string>();
  for (const invoice of planned) {
    if (
      existing.has(invoice.billingKey) ||
      waitingHolds.has(invoice.customerId) ||
      closedDays.has(invoice.issuedAt)
    ) {
      oneByOne.push(invoice.customerId);
      dropMarksOf.add(invoice.customerId);
    } else {
      toCompute.push(invoice);
    }
  }

  const computed = await computeInvoices(transaction, context, toCompute, settings);
  const toWrite: ComputedInvoice[] = [];
  for (const [index, invoice] of toCompute.entries()) {
    const result = computed[index] ?? "failed";
    if (result === "failed") {
      oneByOne.push(invoice.customerId);
      dropMarksOf.add(invoice.customerId);
      continue;
    }
    const after = marksAfter(invoice, until);
    marks.push(...after.marks);
    if (result === "nothing") {
      billed.set(invoice.customerId, { issued: 0, finalized: 0, stillDue: after.stillDue });
      continue;
    }
    toWrite.push(result);
    billed.set(invoice.customerId, { issued: 1, finalized: 1, stillDue: after.stillDue });
  }

  const customerOfSubscription = new Map<string, string>();
  for (const billing of billings.values())
    for (const entry of billing.subscriptions)
      customerOfSubscription.set(entry.subscription.id, billing.customer.id);
  await markSubscriptionsBilled(
    transaction,
    context,
    marks.filter((mark) => !dropMarksOf.has(customerOfSubscription.get(mark.subscriptionId) ?? "")),
  );
  await writeFinalizedInvoices(transaction, context, toWrite, settings);
  return { billed, oneByOne };
}

/**
 * Each planned invoice's lines from the engine (usage read for all of them
 * at once) settled against its customer's account; "nothing" when no line is
 * billed, "failed" when the computation threw.
 */
async function computeInvoices(
  transaction: DatabaseTransaction,
  context: RequestContext,
  planned: readonly PlannedInvoice[],
  settings: InvoicingSettings,
): Promise<(ComputedInvoice | "nothing" | "failed")[]> {
  const readUsage = batchedUsageReader(transaction, context);
  const bills = await Promise.all(
    planned.map(async (invoice) => {
      try {
        return await linesOfGroup(transaction, context, invoice.billing, invoice.group, readUsage);
      } catch {
        return "failed" as const;
      }
    }),
  );
  const withLines = planned.flatMap((invoice, index) => {
    const bill = bills[index];
    return bill === "failed" || bill === undefined || bill.engineLines.length === 0
      ? []
      : [{ invoice, bill }];
  });
  const accounts = await loadCustomerAccounts(
    transaction,
    context,
    withLines.map(({ invoice }) => ({
      customer: invoice.billing.customer,
      currency: invoice.currency,
      at: invoice.issuedAt,
      settings,
      versions: invoice.billing.versions,
      subscriptionIds: invoice.group.map((member) => member.entry.subscription.id),
      children: childrenBilled(invoice.group.map((member) => member.entry)),
    })),
  );
  // Each contract drawn on is locked and its balances read again (see withLockedLedger).
  const ledgers = await lockContractLedgers(
    transaction,
    context,
    withLines.flatMap(({ bill }) => (bill.contract === undefined ? [] : [bill.contract.id])),
  );
  const settledByCustomer = new Map<string, ComputedInvoice | "failed">();
  for (const [index, { invoice, bill: computed }] of withLines.entries()) {
    const bill =
      computed.contract === undefined
        ? computed
        : { ...computed, contract: { ...computed.contract, ledger: ledgers.get(computed.contract.id) } };
    const account = accounts[index] as CustomerAccount;
    try {
      const settled = settleLinesWith(account, {
        issuedAt: invoice.issuedAt,
        lines: bill.engineLines.map(({ line }) => line),
        ...(bill.allowances.length === 0 ? {} : { allowances: bill.allowances }),
        contract: bill.contract,
        progressive: bill.progressive,
      });
      settledByCustomer.set(invoice.customerId, {
        ...invoice,
        lines: bill.engineLines.map(({ stored }) => stored(settled.invoice.currency)),
        account,
        settled,
        contract: bill.contract,
      });
    } catch {
      settledByCustomer.set(invoice.customerId, "failed");
    }
  }
  return planned.map((invoice, index) => {
    if (bills[index] === "failed") return "failed";
    return settledByCustomer.get(invoice.customerId) ?? "nothing";
  });
}

/** The billing keys among these that an invoice of the environment already has. */
async function existingBillingKeys(
  transaction: DatabaseTransaction,
  context: RequestContext,
  billingKeys: readonly string[],
): Promise<Set<string>> {
  if (billingKeys.length === 0) return new Set();
  const rows = await transaction
    .selectFrom("invoices")
    .select("billing_key")
    .where("environment_id", "=", context.environmentId)
    .where("billing_key", "in", [...billingKeys])
    .execute();
  return new Set(rows.map((row) => row.billing_key as string));
}

/** The customers among these with an active hold placed ahead of time, waiting for a draft. */
async function customersWithWaitingHolds(
  transaction: DatabaseTransaction,
  context: RequestContext,
  customerIds: readonly string[],
): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await transaction
    .selectFrom("invoice_holds")
    .select("customer_id")
    .where(inTenant(context))
    .where("customer_id", "in", [...customerIds])
    .where("status", "=", "active")
    .execute();
  return new Set(rows.map((row) => row.customer_id));
}

/** The issue instants among these that fall in a closed accounting period. */
async function closedIssueInstants(
  transaction: DatabaseTransaction,
  context: RequestContext,
  instants: readonly Instant[],
): Promise<Set<Instant>> {
  const closed = new Set<Instant>();
  for (const instant of new Set(instants)) {
    try {
      await assertPeriodOpen(transaction, context, new Date(instant));
    } catch {
      closed.add(instant);
    }
  }
  return closed;
}

/**
 * Writes the pass's invoices finalized, with their lines and what they used
 * of the accounts, announces them, and records them in the audit log. The
 * number block is taken after everything else of the customers is written,
 * and the audit chain's head last.
 */
async function writeFinalizedInvoices(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoices: readonly ComputedInvoice[],
  settings: InvoicingSettings,
): Promise<void> {
  if (invoices.length === 0) return;
  const now = context.clock.now();
  const draftRows = invoices.map((invoice) => {
    const { customer } = invoice.billing;
    const period = periodOf(invoice.lines);
    return {
      id: newId("invoice", now),
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      status: "draft" as const,
      customer_id: invoice.customerId,
      origin: "subscription" as const,
      billing_key: invoice.billingKey,
      currency: invoice.currency,
      issued_at: new Date(invoice.issuedAt),
      period_start: period.start,
      period_end: period.end,
      ...totalsColumns(invoice.settled.invoice),
      tax_details: JSON.stringify(taxDetailsOf(invoice.account)),
      subscription_ids: invoice.group.map((member) => member.entry.subscription.id),
      locale: customer.locale,
      timezone: customer.timezone,
      memo: customer.invoice_settings.footer ?? null,
      created_at: now,
      updated_at: now,
    };
  });
  for (let first = 0; first < draftRows.length; first += 500) {
    await transaction
      .insertInto("invoices")
      .values(draftRows.slice(first, first + 500))
      .execute();
  }
  const lineRows = invoices.flatMap((invoice, index) =>
    invoice.lines.map((line, position) => ({
      id: newId("invoiceLine", now),
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      invoice_id: draftRows[index]?.id as string,
      position,
      ...line,
      details: JSON.stringify(line.details),
    })),
  );
  const linesByInvoice = new Map<string, InvoiceLineRow[]>();
  for (let first = 0; first < lineRows.length; first += 1000) {
    const rows = await transaction
      .insertInto("invoice_lines")
      .values(lineRows.slice(first, first + 1000))
      .returningAll()
      .execute();
    for (const row of rows)
      linesByInvoice.set(row.invoice_id, [...(linesByInvoice.get(row.invoice_id) ?? []), row]);
  }

  // Everything that does not need the invoice numbers comes before them: the
  // number counter and then the audit chain's head stay locked from their
  // statement to the commit, so only the few statements that write numbers
  // run while other chunks wait.
  for (const [index, invoice] of invoices.entries()) {
    const invoiceId = draftRows[index]?.id as string;
    await recordAccountEffects(transaction, context, {
      customerId: invoice.customerId,
      invoiceId,
      currency: invoice.currency,
      settled: invoice.settled,
    });
    if (invoice.contract !== undefined) {
      const engineInvoice = invoice.settled.invoice;
      await recordContractSettlement(transaction, context, {
        contractId: invoice.contract.id,
        ledger: invoice.settled.state.commitLedger,
        trueUps: trueUpsOf(engineInvoice.lines, (line) => formatAmount(line.amount, engineInvoice.currency)),
        at: now,
      });
    }
  }
  // Payments (a subscriber): each invoice enters dunning, and a card on file is charged.
  await publishDomainEvents(
    transaction,
    context,
    InvoiceFinalized,
    invoices.map((invoice, index) => ({
      invoice_id: draftRows[index]?.id as string,
      customer_id: invoice.customerId,
    })),
    now,
  );
  const seller = JSON.stringify(partyOfSeller(settings));
  const finalizing = invoices.map((invoice, index) => ({
    id: draftRows[index]?.id as string,
    status: new Decimal(draftRows[index]?.amount_due as string).isZero() ? "paid" : "open",
    dueAt: new Date(invoice.issuedAt + paymentTermsOf(invoice.billing.customer, settings)),
    buyer: JSON.stringify(partyOfCustomer(invoice.billing.customer)),
  }));

  // The numbers, then the drafts finalized with them: as finalizeDraft does each.
  const numbers = await takeNumbers(transaction, context, settings.invoicePrefix, invoices.length);
  const stored: InvoiceRow[] = [];
  for (let first = 0; first < finalizing.length; first += 1000) {
    const values = sql.join(
      finalizing
        .slice(first, first + 1000)
        .map(
          (row, index) =>
            sql`(${row.id}, ${row.status}, ${numbers[first + index]}, ${row.dueAt}::timestamptz, ${row.buyer}::jsonb)`,
        ),
    );
    const result = await sql<InvoiceRow>`
      update invoices set status = finalized.status, number = finalized.number, finalized_at = ${now},
        due_at = finalized.due_at, seller = ${seller}::jsonb, buyer = finalized.buyer, updated_at = ${now}
      from (values ${values}) as finalized (id, status, number, due_at, buyer)
      where invoices.id = finalized.id and invoices.status = 'draft'
        and invoices.organization_id = ${context.organizationId}
        and invoices.environment_id = ${context.environmentId}
      returning invoices.*`.execute(transaction);
    stored.push(...result.rows);
  }
  if (stored.length !== invoices.length) throw new Error("Some invoices of the pass could not be finalized.");
  const rowById = new Map(stored.map((row) => [row.id, row]));
  const views = invoices.map((invoice, index) => {
    const row = rowById.get(draftRows[index]?.id as string) as InvoiceRow;
    const lines = (linesByInvoice.get(row.id) ?? []).sort((left, right) => left.position - right.position);
    return { invoice, row, view: presentInvoice(row, lines, now) };
  });

  await publishEvents(
    transaction,
    context,
    invoiceFinalized,
    views.map(({ view }) => view),
  );
  await queueInvoiceEmails(
    transaction,
    context,
    views.map(({ invoice, row, view }) => ({ customer: invoice.billing.customer, invoice: row, view })),
  );
  const changes: AuditChange[] = views.map(({ row }) => ({
    action: "invoice.finalized",
    objectType: "invoice",
    objectId: row.id,
    before: { status: "draft" },
    after: {
      number: row.number,
      origin: row.origin,
      total: row.total,
      amount_due: row.amount_due,
      currency: row.currency,
    },
  }));
  await recordAuditEvents(transaction, context, changes);
}

/** `count` consecutive numbers for `prefix` in the organization, in one statement. */
async function takeNumbers(
  transaction: DatabaseTransaction,
  context: RequestContext,
  prefix: string,
  count: number,
): Promise<string[]> {
  const row = await transaction
    .insertInto("document_number_sequences")
    .values({ organization_id: context.organizationId, prefix, last_number: count })
    .onConflict((conflict) =>
      conflict.columns(["organization_id", "prefix"]).doUpdateSet({
        last_number: sql`document_number_sequences.last_number + ${count}`,
      }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const last = Number(row.last_number);
  return Array.from(
    { length: count },
    (_, index) => `${prefix}-${String(last - count + 1 + index).padStart(6, "0")}`,
  );
}
