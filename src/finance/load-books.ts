// Reads the books (books.ts) of an environment. Finance is a read-only
// reporter of other domains' records: each domain hands over its own through
// its front door (invoicing its invoices and credit notes, credits its
// purchased grants, payments its payments, metering its counted usage,
// customers their external ids, partners their approved settlements), in
// bulk. Nothing here writes.
import { periodLocks } from "../accounting-periods/index.ts";
import { planVersionsByIds } from "../catalog/index.ts";
import { contractsOfSubscriptions } from "../contracts/index.ts";
import {
  closeEndedTerms,
  contractTerms,
  Decimal,
  monthsInInterval,
  resumeCommitLedger,
  ZERO,
} from "../core/index.ts";
import { recurringRedemptionIds } from "../coupons/index.ts";
import { purchasedGrantsForBooks } from "../credits/index.ts";
import { customerReferencesByIds } from "../customers/index.ts";
import { creditNotesForBooks, invoicesForBooks, periodToDateUsageAmounts } from "../invoicing/index.ts";
import { countedEventsPerMonth } from "../metering/index.ts";
import { settlementsForBooks } from "../partners/index.ts";
import { loadPaymentFacts, type PaymentFacts } from "../payments/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { toCoreContract } from "../simulation/index.ts";
import { periodContaining } from "./accounting-periods.ts";
import type {
  BookContract,
  BookCreditNote,
  BookGrant,
  BookGrantMovement,
  BookInvoice,
  BookLine,
  BookPayment,
  BookSettlement,
  Books,
} from "./books.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import { standaloneSellingPrices } from "./standalone-selling-prices.ts";
import { usageAccruals } from "./usage-accruals.ts";

export async function loadBooks(
  database: Database,
  scope: TenantScope,
  paymentFacts?: PaymentFacts,
  options: { now?: Date } = {},
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
  const accruals =
    options.now === undefined
      ? []
      : await usageAccruals(database, scope, {
          timeZone,
          closedMonths: locks.map((lock) => lock.period),
          now: options.now.getTime(),
        });
  return {
    timeZone,
    accruals,
    invoices,
    creditNotes: await loadCreditNotes(database, scope),
    grants,
    payments: paymentsOf(paymentFacts ?? (await loadPaymentFacts(database, scope))),
    locks,
    settlements: await loadSettlements(database, scope),
    contracts: await loadContracts(database, scope, invoices, options.now?.getTime()),
  };
}

/**
 * The contracts of the invoices' subscriptions, with each prepaid commit's
 * terms as the commit ledger stands after the last finalized invoice, every
 * term ended by `now` closed (its rollover and breakage known). Terms run in
 * the time zone of the contract's invoices (its customer's).
 */
async function loadContracts(
  database: Database,
  scope: TenantScope,
  invoices: readonly BookInvoice[],
  now: number | undefined,
): Promise<BookContract[]> {
  const invoicesOf = new Map<string, BookInvoice>();
  for (const invoice of invoices) {
    for (const line of invoice.lines) {
      const known = line.subscriptionId === null ? undefined : invoicesOf.get(line.subscriptionId);
      if (line.subscriptionId !== null && (known === undefined || known.issuedAt < invoice.issuedAt)) {
        invoicesOf.set(line.subscriptionId, invoice);
      }
    }
  }
  const bySubscription = await contractsOfSubscriptions(database, scope, [...invoicesOf.keys()]);
  const contracts = new Map<string, BookContract>();
  for (const [subscriptionId, found] of bySubscription) {
    const known = contracts.get(found.id);
    if (known !== undefined) {
      known.subscriptionIds.push(subscriptionId);
      continue;
    }
    const invoice = invoicesOf.get(subscriptionId) as BookInvoice;
    const { phases: _phases, rate_card: _rateCard, ...commitTerms } = found.terms;
    const contract = toCoreContract(commitTerms, () => []);
    const until = Math.max(now ?? invoice.issuedAt, contract.start);
    const billing = { contract, terms: contractTerms(contract, until, invoice.timeZone) };
    const resumed = resumeCommitLedger(billing, found.ledger);
    const ledger = now === undefined ? resumed : closeEndedTerms(billing, resumed, now);
    contracts.set(found.id, {
      id: found.id,
      customerId: invoice.customerId,
      currency: invoice.currency,
      subscriptionIds: [subscriptionId],
      commitTerms: ledger.balances
        .filter((balance) => (billing.terms[balance.termIndex]?.start ?? Infinity) <= until)
        .map((balance) => {
          const term = billing.terms[balance.termIndex] as { start: number; end: number };
          return {
            commitId: balance.commitId,
            termStart: term.start,
            termEnd: term.end,
            granted: balance.granted,
            rolledIn: balance.rolledOver,
            expired: balance.closed ? balance.expired : null,
          };
        }),
    });
  }
  return [...contracts.values()];
}

/** Approved partner settlements, from the partners domain. */
async function loadSettlements(database: Database, scope: TenantScope): Promise<BookSettlement[]> {
  return (await settlementsForBooks(database, scope)).map((settlement) => ({
    id: settlement.id,
    reference: `${settlement.partnerCode} ${settlement.period}`,
    currency: settlement.currency,
    total: decimal(settlement.total),
    approvedAt: settlement.approvedAt.getTime(),
    paidAt: settlement.paidAt?.getTime() ?? null,
    paidRecordedAt: settlement.paidRecordedAt?.getTime() ?? null,
    paymentReference: settlement.paymentReference,
  }));
}

const decimal = (value: string | number) => new Decimal(value);

/** Payments that succeeded, refunds paid out and disputes lost, as money in and out. */
function paymentsOf(facts: PaymentFacts): BookPayment[] {
  const payments: BookPayment[] = facts.payments
    .filter((payment) => payment.status === "succeeded")
    .map((payment) => ({
      kind: "payment",
      id: payment.id,
      reference: payment.reference,
      customerId: payment.customerId,
      invoiceId: payment.invoiceId,
      currency: payment.currency,
      at: payment.at,
      recordedAt: payment.recordedAt,
      invoicePart: payment.applied,
      balancePart: payment.toBalance,
      lossPart: ZERO,
    }));
  const refunds: BookPayment[] = facts.refunds.map((refund) => ({
    kind: "refund",
    id: refund.id,
    reference: refund.id,
    customerId: refund.customerId,
    invoiceId: refund.invoiceId,
    currency: refund.currency,
    at: refund.at,
    recordedAt: refund.recordedAt,
    invoicePart: refund.fromInvoice,
    balancePart: refund.fromBalance,
    lossPart: refund.lost,
  }));
  const chargebacks: BookPayment[] = facts.chargebacks.flatMap((chargeback) =>
    chargeback.status !== "lost" || chargeback.closedAt === null || chargeback.closeRecordedAt === null
      ? []
      : [
          {
            kind: "chargeback" as const,
            id: chargeback.id,
            reference: chargeback.reference,
            customerId: chargeback.customerId,
            invoiceId: chargeback.invoiceId,
            currency: chargeback.currency,
            at: chargeback.closedAt,
            recordedAt: chargeback.closeRecordedAt,
            invoicePart: ZERO,
            balancePart: chargeback.fromBalance,
            lossPart: chargeback.lost,
          },
        ],
  );
  return [...payments, ...refunds, ...chargebacks];
}

async function loadInvoices(
  database: Database,
  scope: TenantScope,
  timeZone: string,
): Promise<BookInvoice[]> {
  const { invoices: rows, lines: lineRows } = await invoicesForBooks(database, scope);
  if (rows.length === 0) return [];
  const charges = await chargeFacts(
    database,
    scope,
    lineRows.map((line) => line.plan_version_id),
  );
  const prices = await standaloneSellingPrices(database, scope);
  const currencyOfInvoice = new Map(rows.map((row) => [row.id, row.currency]));
  const customers = await externalIdsOf(
    database,
    scope,
    rows.map((row) => row.customer_id),
  );
  const customerOfInvoice = new Map(rows.map((row) => [row.id, row.customer_id]));
  const linesOf = new Map<string, BookLine[]>();
  const spanning: {
    line: BookLine;
    customerExternalId: string;
    customerId: string;
    invoiceAt: number;
    meter: string;
  }[] = [];
  const issuedAtOf = new Map(rows.map((row) => [row.id, row.issued_at.getTime()]));
  for (const row of lineRows) {
    const facts = charges.get(`${row.plan_version_id}|${row.charge_id}`);
    const line: BookLine = {
      id: row.id,
      position: row.position,
      kind: row.kind,
      description: row.description,
      amount: decimal(row.amount),
      periodStart: row.period_start?.getTime() ?? null,
      periodEnd: row.period_end?.getTime() ?? null,
      product: facts?.product ?? null,
      ...(row.kind === "fixed"
        ? standaloneOf(facts, row.charge_id, currencyOfInvoice.get(row.invoice_id) ?? "", prices)
        : {}),
      prepaidGrantId: null,
      subscriptionId: row.subscription_id,
      planVersionId: row.plan_version_id,
      chargeId: row.charge_id,
      meter: typeof row.details.meter === "string" ? row.details.meter : null,
      quantity: decimal(row.quantity),
      periodAmount: periodAmountOf(row),
      periodMonths: facts?.periodMonths ?? null,
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
      spanning.push({
        line,
        customerExternalId: externalId,
        customerId: customerId as string,
        invoiceAt: issuedAtOf.get(row.invoice_id) ?? 0,
        meter,
      });
    }
  }
  for (const { line, customerExternalId, customerId, invoiceAt, meter } of spanning) {
    const counted = await eventsPerMonth(database, scope, {
      customerExternalId,
      meter,
      start: new Date(line.periodStart as number),
      end: new Date(line.periodEnd as number),
      timeZone,
    });
    line.usageByPeriod =
      (await pricedUsagePerMonth(database, scope, { line, customerId, invoiceAt, meter, timeZone })) ??
      counted;
  }
  const recurring = await recurringRedemptionIds(
    database,
    scope,
    rows.flatMap((row) => row.discounts.map((discount) => discount.redemption_id)),
  );
  return rows.map((row) => ({
    id: row.id,
    number: row.number ?? row.id,
    customerId: row.customer_id,
    billingEntityId: row.billing_entity_id,
    currency: row.currency,
    timeZone: row.timezone,
    discounts: row.discounts.map((discount) => ({
      redemptionId: discount.redemption_id,
      amount: decimal(discount.amount),
      recurring: recurring.has(discount.redemption_id),
    })),
    subtotal: decimal(row.subtotal),
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
    commitDraws: row.commit_draws.map((draw) => ({
      commitId: draw.commit_id,
      termStart: Date.parse(draw.term_start),
      amount: decimal(draw.amount),
    })),
    lines: linesOf.get(row.id) ?? [],
  }));
}

type ChargeFacts = {
  product: string | null;
  planCode: string;
  currency: string;
  listPrice: Decimal | null;
  periodMonths: Decimal;
};

/** A fee line's amount for its whole billing period: the charge's full amount times the quantity, negative for a credit. */
function periodAmountOf(row: {
  kind: string;
  quantity: string;
  unit_amount: string | null;
  details: Record<string, unknown>;
}): Decimal | null {
  const full = row.details.full_amount ?? row.unit_amount;
  if (typeof full !== "string") return null;
  if (row.kind === "fixed" || row.kind === "quantity_change") return decimal(full).times(row.quantity);
  if (row.kind === "proration_credit") return decimal(full).times(row.quantity).negated();
  return null;
}

/** The product, plan and list price (a fixed fee's amount) of each charge of these plan versions, by `versionId|chargeId`. */
async function chargeFacts(
  database: Database,
  scope: TenantScope,
  versionIds: readonly (string | null)[],
): Promise<Map<string, ChargeFacts>> {
  const ids = [...new Set(versionIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const facts = new Map<string, ChargeFacts>();
  for (const version of (await planVersionsByIds(database, scope, ids)).values()) {
    for (const charge of version.content.charges) {
      facts.set(`${version.id}|${charge.id}`, {
        product: charge.product ?? null,
        planCode: version.planCode,
        currency: version.content.currency,
        listPrice: charge.type === "fixed" ? decimal(charge.amount) : null,
        periodMonths: monthsInInterval(version.content.interval, version.content.interval_count ?? 1),
      });
    }
  }
  return facts;
}

/**
 * The list price and standalone selling price of a fixed fee, in the invoice's
 * currency: the price set for its plan's charge, else for its product. A plan
 * priced in another currency (its currency_prices) gives neither, and the fee
 * weighs its amount.
 */
function standaloneOf(
  facts: ChargeFacts | undefined,
  chargeId: string | null,
  currency: string,
  prices: Awaited<ReturnType<typeof standaloneSellingPrices>>,
): { listPrice: Decimal | null; standaloneSellingPrice: Decimal | null } {
  if (facts === undefined || facts.listPrice === null || facts.currency !== currency) {
    return { listPrice: null, standaloneSellingPrice: null };
  }
  const standalone =
    prices.byCharge.get(`${facts.planCode}|${chargeId}|${currency}`) ??
    (facts.product === null ? undefined : prices.byProduct.get(`${facts.product}|${currency}`));
  return { listPrice: facts.listPrice, standaloneSellingPrice: standalone ?? null };
}

async function externalIdsOf(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const customers = await customerReferencesByIds(database, scope, customerIds);
  return new Map(customers.map((customer) => [customer.id, customer.externalId]));
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
  const counts = await countedEventsPerMonth(database, scope, input);
  return new Map([...counts].map(([period, events]) => [period, decimal(events)]));
}

async function loadCreditNotes(database: Database, scope: TenantScope): Promise<BookCreditNote[]> {
  const { creditNotes: notes, lines } = await creditNotesForBooks(database, scope);
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
  // Only purchased grants carry revenue (promotional ones are discounts).
  const grants = await purchasedGrantsForBooks(database, scope);
  return grants.map((grant) => ({
    id: grant.id,
    customerId: grant.customerId,
    currency: grant.currency,
    amount: decimal(grant.amount),
    costBasis: decimal(grant.costBasis ?? "0"),
    createdAt: grant.createdAt.getTime(),
    purchaseInvoiceId: grant.purchaseInvoiceId,
    purchaseLineId: null,
    movements: grant.movements.map(
      (movement): BookGrantMovement => ({
        kind: movement.kind,
        amount: decimal(movement.amount).abs(),
        invoiceId: movement.invoiceId,
        refunded: movement.refunded === null ? null : decimal(movement.refunded),
        occurredAt: movement.occurredAt.getTime(),
        recordedAt: movement.recordedAt.getTime(),
      }),
    ),
  }));
}

/**
 * A usage line spanning months split as its usage was accrued: each month's
 * part is the period-to-date amount at its end (priced by the engine as the
 * invoice priced it, tiers over the whole period) less the months before.
 * Usage in a free first tier is worth nothing in its month. Null, and the
 * line is split by events counted, when a part would be negative (volume
 * pricing) or the invoice can no longer be priced again.
 */
async function pricedUsagePerMonth(
  database: Database,
  scope: TenantScope,
  input: { line: BookLine; customerId: string; invoiceAt: number; meter: string; timeZone: string },
): Promise<Map<string, Decimal> | null> {
  const { line } = input;
  if (line.subscriptionId === null || line.periodStart === null || line.periodEnd === null) return null;
  const months: { key: string; end: number }[] = [];
  for (
    let month = periodContaining(line.periodStart, input.timeZone);
    month.start < line.periodEnd;
    month = periodContaining(month.end, input.timeZone)
  ) {
    months.push({ key: month.key, end: Math.min(month.end, line.periodEnd) });
  }
  const cutoffs = months.slice(0, -1).map((month) => month.end);
  const amounts = await periodToDateUsageAmounts(database, scope, {
    customerId: input.customerId,
    subscriptionId: line.subscriptionId,
    invoiceAt: input.invoiceAt,
    meter: input.meter,
    periodStart: line.periodStart,
    cutoffs,
  });
  if (amounts === null) return null;
  const parts = new Map<string, Decimal>();
  let before = new Decimal(0);
  for (const month of months) {
    const toDate = amounts.get(month.end) ?? line.amount;
    const part = toDate.minus(before);
    if (part.isNegative()) return null;
    parts.set(month.key, part);
    before = toDate;
  }
  return parts;
}
