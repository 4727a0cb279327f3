// Revenue recognition (ASC 606 / IFRS 15) over the books: every invoice line
// becomes a schedule of when its revenue is earned, and every document (an
// invoice, a credit note, a void, a purchased grant) books what it owes and
// is owed. Pure: the same books give the same schedules and postings.
//
// - An invoice's revenue is what it brought in (amount due, customer balance
//   used, prepaid credits used at their cost) less its tax, split over its
//   lines by amount, so discounts and promotional credits lower every line.
// - Subscription fees, minimum commitments and proration credits are earned
//   ratably by day over their service period; usage in the month of use; a
//   one-off line on its invoice date. Usage and in-arrears fixed fees not yet
//   invoiced at a month end are accrued (usage-accruals.ts) and the accruals
//   reversed by the invoice that bills them.
// - A prepaid credit purchase is deferred until the credits are used (the
//   invoice that uses them earns it) and is breakage when they expire.
// - A credit note (or a void) reverses its share of each entry of the lines
//   it corrects: what was already earned on its own date, the rest when it
//   would have been earned.
// - An entry whose month was locked before its document was written moves to
//   the document's date: a closed month never changes.
// - The lines of a contract's subscriptions are earned by the contract's
//   revenue schedule (ASC 606 step 4, contract-books.ts and the core's
//   contractRevenueSchedule), not each by its own pattern: their share of an
//   invoice is credited to deferred revenue when it is issued (a credit note
//   or a void on them debits it back), each schedule entry moves its amount
//   from deferred revenue to revenue (or breakage revenue) on its date, and
//   at each month end the contract's position, when earned ahead of billing,
//   is moved to unbilled receivables. Usage of a contract's subscriptions is
//   not accrued apart: the schedule earns it in its month of use.
import {
  allocateAmount,
  allocateInvoiceRevenue,
  type ContractCredit,
  type ContractRevenueInvoice,
  type ContractRevenueSchedule,
  type Currency,
  contractRevenueSchedule,
  currencyFor,
  Decimal,
  type Instant,
  invoiceAmountRemaining,
  maxDecimal,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import { accountingDate, parsePeriod, periodContaining } from "./accounting-periods.ts";
import type {
  BookAccrual,
  BookContract,
  BookCreditNote,
  BookGrant,
  BookInvoice,
  BookLine,
  BookPayment,
  BookSettlement,
  Books,
} from "./books.ts";
import type { AccountKey } from "./chart-of-accounts.ts";
import {
  contractCommitTerms,
  contractInvoiceOf,
  contractLinesOf,
  creditTargetOf,
  productOfObligation,
} from "./contract-books.ts";
import { grantReleases } from "./prepaid-credits.ts";
import { inPeriodOfUse, type Portion, ratableByDay } from "./recognition-patterns.ts";

const paymentWords: Record<BookPayment["kind"], string> = {
  payment: "Payment",
  refund: "Refund",
  chargeback: "Chargeback lost",
};

export type RecognitionPattern = "ratable_by_day" | "period_of_use" | "point_in_time" | "prepaid_credits";
export type EntryType = "revenue" | "reversal" | "credits_applied" | "breakage";
export type DocumentType =
  | "invoice"
  | "credit_note"
  | "invoice_void"
  | "credit_grant"
  | "payment"
  | "refund"
  | "chargeback"
  | "usage_accrual"
  | "partner_settlement"
  | "partner_settlement_payment"
  | "contract";

export type DocumentRef = { type: DocumentType; id: string; reference: string; bookedAt: Instant };

export type ScheduleEntry = {
  type: EntryType;
  /** When it is earned (the end of what it serves), or the date it moved to. */
  at: Instant;
  period: string;
  date: string;
  amount: Decimal;
  document: DocumentRef;
};

export type RevenueSchedule = {
  invoiceId: string | null;
  invoiceNumber: string | null;
  lineId: string | null;
  grantId: string | null;
  customerId: string;
  currency: string;
  product: string | null;
  description: string;
  kind: string;
  pattern: RecognitionPattern;
  serviceStart: Instant | null;
  serviceEnd: Instant | null;
  /** The line's revenue (for prepaid credits: the value deferred). */
  amount: Decimal;
  entries: ScheduleEntry[];
};

/** One side of a journal line before grouping: positive debits, negative credits. */
export type Posting = {
  document: DocumentRef;
  /** "booking" for the document itself; "recognition" for revenue earned later or earlier. */
  purpose: "booking" | "recognition";
  account: AccountKey;
  amount: Decimal;
  currency: string;
  date: string;
  period: string;
  customerId: string;
  product: string | null;
  memo: string;
};

/** A contract's revenue as the general journal books it. */
export type ContractRecognition = {
  contract: BookContract;
  schedule: ContractRevenueSchedule;
};

export type Recognition = {
  schedules: RevenueSchedule[];
  postings: Posting[];
  /** By contract id. */
  contracts: Map<string, ContractRecognition>;
};

/** A contract's invoices and credits as the books are read. */
type ContractState = {
  contract: BookContract;
  invoices: ContractRevenueInvoice[];
  credits: ContractCredit[];
};

type LineState = {
  schedule: RevenueSchedule;
  invoice: BookInvoice | null;
  line: BookLine | null;
  /** Revenue entries before any reversal: what reversals are spread over. */
  earned: ScheduleEntry[];
  reversed: Decimal;
  prepaid: boolean;
};

/** An amount posted to one account, with the memo that explains it. */
type AccountMovement = { amount: Decimal; memo: string };

class RevenueBooks {
  private readonly schedules: RevenueSchedule[] = [];
  private readonly postings: Posting[] = [];
  private readonly lineStates = new Map<string, LineState>();
  private readonly invoices: Map<string, BookInvoice>;
  private readonly grants: Map<string, BookGrant>;
  private readonly netOfLine = new Map<string, Decimal>();
  private readonly releaseByInvoice = new Map<string, Decimal>();
  private readonly restoredByInvoice = new Map<string, Decimal>();
  private readonly grantOfLine = new Map<string, string>();
  /** The contract of each subscription under one. */
  private readonly contractOfSubscription = new Map<string, ContractState>();
  /** The contract of each invoice line earned by a contract, with what credit notes and voids took off it. */
  private readonly contractLines = new Map<
    string,
    { state: ContractState; line: BookLine; reversed: Decimal }
  >();
  private readonly contractResults = new Map<string, ContractRecognition>();

  private readonly books: Books;

  constructor(books: Books) {
    this.books = books;
    for (const contract of books.contracts ?? []) {
      const state: ContractState = { contract, invoices: [], credits: [] };
      for (const subscriptionId of contract.subscriptionIds) {
        this.contractOfSubscription.set(subscriptionId, state);
      }
    }
    this.invoices = new Map(books.invoices.map((invoice) => [invoice.id, invoice]));
    this.grants = new Map(books.grants.map((grant) => [grant.id, grant]));
  }

  compute(): Recognition {
    // Purchase invoices first: a grant's deferred value is its purchase line's revenue.
    const ordered = [...this.books.invoices].sort(
      (left, right) => Number(right.origin === "one_off") - Number(left.origin === "one_off"),
    );
    for (const invoice of ordered) if (invoice.origin === "one_off") this.bookInvoice(invoice);
    for (const grant of this.books.grants) this.bookGrant(grant);
    for (const invoice of ordered) if (invoice.origin !== "one_off") this.bookInvoice(invoice);
    for (const note of this.books.creditNotes) this.bookCreditNote(note);
    for (const invoice of this.books.invoices) if (invoice.voidedAt !== null) this.bookVoid(invoice);
    for (const payment of this.books.payments) this.bookPayment(payment);
    for (const accrual of this.books.accruals) {
      if (!this.contractOfSubscription.has(accrual.subscriptionId)) this.bookAccrual(accrual);
    }
    for (const settlement of this.books.settlements ?? []) this.bookSettlement(settlement);
    for (const state of this.lineStates.values()) this.postRecognition(state);
    for (const state of new Set(this.contractOfSubscription.values())) this.bookContract(state);
    return { schedules: this.schedules, postings: this.postings, contracts: this.contractResults };
  }

  private contractOf(line: BookLine): ContractState | undefined {
    return line.subscriptionId === null ? undefined : this.contractOfSubscription.get(line.subscriptionId);
  }

  // ---- dates

  /** What every posting of `document`, booked on `booking`'s date, has in common. */
  private bookingBase(
    document: DocumentRef,
    booking: { period: string; date: string },
    currency: string,
    customerId: string,
  ) {
    return {
      document,
      purpose: "booking" as const,
      currency,
      date: booking.date,
      period: booking.period,
      customerId,
      product: null,
    };
  }

  /** A document booked at its own date: the date, and what all its postings have in common. */
  private openDocument(document: DocumentRef, currency: string, customerId: string) {
    const booking = this.pointIn(document.bookedAt);
    return { document, booking, base: this.bookingBase(document, booking, currency, customerId) };
  }

  private pointIn(at: Instant): { at: Instant; period: string; date: string } {
    return {
      at,
      period: periodContaining(at, this.books.timeZone).key,
      date: accountingDate(at, this.books.timeZone),
    };
  }

  private portionDates(portion: Portion): { at: Instant; period: string; date: string } {
    return {
      at: portion.at,
      period: portion.period,
      date: accountingDate(portion.at - 1, this.books.timeZone),
    };
  }

  /** An entry of a month locked before the document was written moves to the document's own date. */
  private unlessLocked(
    when: { at: Instant; period: string; date: string },
    recordedAt: Instant,
    movedTo: Instant,
  ): { at: Instant; period: string; date: string } {
    const lock = this.books.locks.find((candidate) => candidate.period === when.period);
    if (lock === undefined || lock.lockedAt >= recordedAt || when.period === this.pointIn(movedTo).period) {
      return when;
    }
    return this.pointIn(movedTo);
  }

  /**
   * What an invoice, a credit note or a void moves on the receivable, on the
   * customer's balance and on tax payable, in that order.
   */
  private postDocumentTotals(
    base: ReturnType<RevenueBooks["bookingBase"]>,
    totals: { receivable: AccountMovement; customerBalance: AccountMovement; tax: AccountMovement },
  ): void {
    this.post({ ...base, account: "accounts_receivable", ...totals.receivable });
    this.post({ ...base, account: "customer_credit_balance", ...totals.customerBalance });
    this.post({ ...base, account: "tax_payable", ...totals.tax });
  }

  private post(posting: Omit<Posting, "period"> & { period?: string }): void {
    if (posting.amount.isZero()) return;
    const period = posting.period ?? posting.date.slice(0, 7);
    this.postings.push({ ...posting, period });
  }

  // ---- invoices

  private releasesOf(invoice: BookInvoice): Decimal {
    return this.releaseByInvoice.get(invoice.id) ?? ZERO;
  }

  private bookInvoice(invoice: BookInvoice): void {
    const currency = currencyFor(invoice.currency);
    const releases = this.releasesOf(invoice);
    const creditToBalance = maxDecimal(ZERO, invoice.total.negated());
    // What the invoice brought in, less its tax: its revenue.
    const revenue = invoice.amountDue
      .plus(invoice.balanceApplied)
      .plus(releases)
      .minus(invoice.tax)
      .minus(creditToBalance);
    // By amount, then the fixed fees' part by relative standalone selling price (ASC 606 step 4).
    const lineNets = allocateInvoiceRevenue(
      revenue,
      invoice.lines.map((line) => ({
        amount: line.amount,
        fixedFee: line.kind === "fixed",
        listPrice: line.listPrice ?? null,
        standaloneSellingPrice: line.standaloneSellingPrice ?? null,
      })),
      currency,
    );
    const { document, booking, base } = this.openDocument(
      { type: "invoice", id: invoice.id, reference: invoice.number, bookedAt: invoice.issuedAt },
      invoice.currency,
      invoice.customerId,
    );
    this.postDocumentTotals(base, {
      receivable: { amount: invoice.amountDue, memo: `Invoice ${invoice.number}` },
      customerBalance: {
        amount: invoice.balanceApplied.minus(creditToBalance),
        memo: `Customer balance of invoice ${invoice.number}`,
      },
      tax: { amount: invoice.tax.negated(), memo: `Tax on invoice ${invoice.number}` },
    });
    if (!releases.isZero()) this.postReleases(invoice, document, booking);
    this.bookContractShares(invoice, lineNets, base);

    invoice.lines.forEach((line, index) => {
      const net = lineNets[index] ?? ZERO;
      this.netOfLine.set(line.id, net);
      if (this.contractLines.has(line.id)) return;
      const grant = line.prepaidGrantId === null ? undefined : this.grants.get(line.prepaidGrantId);
      if (grant !== undefined) this.grantOfLine.set(line.id, grant.id);
      const schedule: RevenueSchedule = {
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        lineId: line.id,
        grantId: grant?.id ?? null,
        customerId: invoice.customerId,
        currency: invoice.currency,
        product: line.product,
        description: line.description,
        kind: line.kind,
        pattern: grant !== undefined ? "prepaid_credits" : patternOf(line),
        serviceStart: line.periodStart,
        serviceEnd: line.periodEnd,
        amount: net,
        entries: [],
      };
      this.schedules.push(schedule);
      const state: LineState = {
        schedule,
        invoice,
        line,
        earned: [],
        reversed: ZERO,
        prepaid: grant !== undefined,
      };
      this.lineStates.set(line.id, state);
      if (grant !== undefined) {
        // Held as deferred revenue; bookGrant's movements say when it is used or lost.
        this.post({
          ...base,
          account: "deferred_revenue",
          amount: net.negated(),
          product: line.product,
          memo: `Prepaid credits sold on invoice ${invoice.number}`,
        });
        return;
      }
      const portions = this.portionsOf(line, invoice);
      const pieces = allocateAmount(
        net,
        portions.map((portion) => portion.weight),
        currency,
      );
      portions.forEach((portion, position) => {
        const natural =
          schedule.pattern === "point_in_time" ? this.pointIn(invoice.issuedAt) : this.portionDates(portion);
        const when = this.unlessLocked(natural, invoice.finalizedAt, invoice.issuedAt);
        const entry: ScheduleEntry = { type: "revenue", ...when, amount: pieces[position] ?? ZERO, document };
        if (entry.amount.isZero()) return;
        schedule.entries.push(entry);
        state.earned.push(entry);
      });
    });
  }

  /**
   * The contract's lines of an invoice: their share of its revenue is billed
   * ahead of the contract's schedule, deferred until the schedule earns it.
   */
  private bookContractShares(
    invoice: BookInvoice,
    lineNets: readonly Decimal[],
    base: ReturnType<RevenueBooks["bookingBase"]>,
  ): void {
    const states = new Set(
      invoice.lines.flatMap((line) => {
        const state = this.contractOf(line);
        return state === undefined ? [] : [state];
      }),
    );
    for (const state of states) {
      const lines = contractLinesOf(invoice, state.contract);
      const net = sumDecimals(lines.map((line) => lineNets[invoice.lines.indexOf(line)] ?? ZERO));
      for (const line of lines) this.contractLines.set(line.id, { state, line, reversed: ZERO });
      state.invoices.push(contractInvoiceOf(invoice, lines, net, state.contract));
      this.post({
        ...base,
        account: "deferred_revenue",
        amount: net.negated(),
        memo: `Contract ${state.contract.id}: invoice ${invoice.number}, earned by the contract's schedule`,
      });
    }
  }

  /** A credit note or a void on a contract's line: it lowers the contract's price, taken back from deferred revenue. */
  private creditContractLine(lineId: string, amount: Decimal, document: DocumentRef): boolean {
    const found = this.contractLines.get(lineId);
    if (found === undefined) return false;
    if (amount.isZero()) return true;
    found.reversed = found.reversed.plus(amount);
    found.state.credits.push({ at: document.bookedAt, amount, target: creditTargetOf(found.line) });
    const booking = this.pointIn(document.bookedAt);
    this.post({
      ...this.bookingBase(document, booking, found.state.contract.currency, found.state.contract.customerId),
      account: "deferred_revenue",
      amount,
      memo: `Contract ${found.state.contract.id}: ${document.type === "credit_note" ? "credit note" : "void of invoice"} ${document.reference} on ${found.line.description}`,
    });
    return true;
  }

  // ---- contracts

  /**
   * A contract's schedule in the journal: each entry from deferred revenue to
   * revenue (or breakage revenue) on its date, under its obligation's product;
   * at each month end the change in what was earned ahead of billing, from
   * deferred revenue to unbilled receivables.
   */
  private bookContract(state: ContractState): void {
    const { contract } = state;
    if (state.invoices.length === 0) return;
    const timeZone = this.books.timeZone;
    const schedule = contractRevenueSchedule({
      invoices: state.invoices,
      commits: contractCommitTerms(contract),
      credits: state.credits,
      currency: currencyFor(contract.currency),
      timeZone,
      // A closed month keeps the schedule as it stood at its lock; changes since land in the open months.
      closedMonths: this.books.locks.map((lock) => ({ month: lock.period, lockedAt: lock.lockedAt })),
    });
    this.contractResults.set(contract.id, { contract, schedule });
    const document = (bookedAt: Instant): DocumentRef => ({
      type: "contract",
      id: contract.id,
      reference: contract.id,
      bookedAt,
    });
    const schedules = new Map<string, RevenueSchedule>();
    for (const entry of schedule.entries) {
      const before = this.pointIn(entry.at - 1);
      const when = before.period === entry.month ? before : this.pointIn(entry.at);
      const product = productOfObligation(entry.obligationId);
      const common = {
        document: document(entry.at),
        purpose: "recognition" as const,
        currency: contract.currency,
        date: when.date,
        period: entry.month,
        customerId: contract.customerId,
        product,
        memo: `Contract ${contract.id}: ${entry.obligationId} ${entry.kind}`,
      };
      // The contract's position is one, under no product; its revenue goes to the obligation's product.
      this.post({ ...common, product: null, account: "deferred_revenue", amount: entry.amount });
      this.post({
        ...common,
        account: entry.kind === "breakage" ? "breakage_revenue" : "revenue",
        amount: entry.amount.negated(),
      });
      const obligation =
        schedules.get(entry.obligationId) ?? this.contractSchedule(state, entry.obligationId);
      schedules.set(entry.obligationId, obligation);
      obligation.entries.push({
        type: entry.amount.isNegative() ? "reversal" : entry.kind === "breakage" ? "breakage" : "revenue",
        at: entry.at,
        period: entry.month,
        date: when.date,
        amount: entry.amount,
        document: document(entry.at),
      });
    }
    let unbilled = ZERO;
    for (const month of schedule.journal) {
      const change = month.unbilledReceivables.minus(unbilled);
      unbilled = month.unbilledReceivables;
      if (change.isZero()) continue;
      const monthEnd = this.pointIn(parsePeriod(month.month, timeZone, "$.period").end - 1);
      const common = {
        document: document(monthEnd.at),
        purpose: "recognition" as const,
        currency: contract.currency,
        date: monthEnd.date,
        period: month.month,
        customerId: contract.customerId,
        product: null,
        memo: `Contract ${contract.id}: earned ahead of billing at the month's end`,
      };
      this.post({ ...common, account: "unbilled_receivables", amount: change });
      this.post({ ...common, account: "deferred_revenue", amount: change.negated() });
    }
    for (const obligation of schedules.values()) {
      obligation.amount = sumDecimals(obligation.entries.map((entry) => entry.amount));
      this.schedules.push(obligation);
    }
  }

  /** One obligation of a contract as a revenue schedule (GET /v1/revenue-schedules?customer_id=…). */
  private contractSchedule(state: ContractState, obligationId: string): RevenueSchedule {
    const commit = obligationId.startsWith("commit:");
    const usage = obligationId === "usage";
    return {
      invoiceId: null,
      invoiceNumber: null,
      lineId: null,
      grantId: null,
      customerId: state.contract.customerId,
      currency: state.contract.currency,
      product: productOfObligation(obligationId),
      description: `Contract ${state.contract.id}: ${obligationId}`,
      kind: commit ? "commit" : usage ? "usage" : "fixed",
      pattern: commit ? "prepaid_credits" : usage ? "period_of_use" : "ratable_by_day",
      serviceStart: null,
      serviceEnd: null,
      amount: ZERO,
      entries: [],
    };
  }

  private portionsOf(line: BookLine, invoice: BookInvoice): Portion[] {
    const single = [
      { at: invoice.issuedAt, period: this.pointIn(invoice.issuedAt).period, weight: new Decimal(1) },
    ];
    if (line.periodStart === null || line.periodEnd === null || line.periodEnd <= line.periodStart)
      return single;
    if (line.kind === "usage") {
      return inPeriodOfUse(line.periodStart, line.periodEnd, this.books.timeZone, line.usageByPeriod);
    }
    const portions = ratableByDay(line.periodStart, line.periodEnd, this.books.timeZone);
    return portions.length === 0 ? single : portions;
  }

  /** The prepaid credits an invoice used: their deferred value leaves deferred revenue for this invoice's lines. */
  private postReleases(
    invoice: BookInvoice,
    document: DocumentRef,
    booking: { date: string; period: string },
  ): void {
    for (const { grantId } of invoice.creditsApplied) {
      const value = this.releaseFor(grantId, invoice.id, "burn");
      if (value.isZero()) continue;
      const grant = this.grants.get(grantId);
      this.post({
        document,
        purpose: "booking",
        account: "deferred_revenue",
        amount: value,
        currency: invoice.currency,
        date: booking.date,
        period: booking.period,
        customerId: invoice.customerId,
        product: this.productOfGrant(grant),
        memo: `Prepaid credits ${grantId} used by invoice ${invoice.number}`,
      });
    }
  }

  private readonly releaseByMovement = new Map<string, Decimal>();

  private releaseFor(grantId: string, invoiceId: string, kind: "burn" | "void_reversal"): Decimal {
    return this.releaseByMovement.get(`${grantId}|${invoiceId}|${kind}`) ?? ZERO;
  }

  private productOfGrant(grant: BookGrant | undefined): string | null {
    if (grant === undefined || grant.purchaseLineId === null) return null;
    return this.lineStates.get(grant.purchaseLineId)?.schedule.product ?? null;
  }

  // ---- prepaid credits

  private bookGrant(grant: BookGrant): void {
    const currency = currencyFor(grant.currency);
    const purchase = grant.purchaseLineId === null ? undefined : this.lineStates.get(grant.purchaseLineId);
    let state = purchase;
    let document: DocumentRef;
    if (state === undefined) {
      // Granted through the API as purchased: paid outside Fairbill, so deferred against payment clearing.
      document = { type: "credit_grant", id: grant.id, reference: grant.id, bookedAt: grant.createdAt };
      const booking = this.pointIn(grant.createdAt);
      const schedule: RevenueSchedule = {
        invoiceId: null,
        invoiceNumber: null,
        lineId: null,
        grantId: grant.id,
        customerId: grant.customerId,
        currency: grant.currency,
        product: null,
        description: `Prepaid credits ${grant.id} paid outside Fairbill`,
        kind: "prepaid_credits",
        pattern: "prepaid_credits",
        serviceStart: null,
        serviceEnd: null,
        amount: grant.costBasis,
        entries: [],
      };
      this.schedules.push(schedule);
      state = { schedule, invoice: null, line: null, earned: [], reversed: ZERO, prepaid: true };
      this.lineStates.set(`grant:${grant.id}`, state);
      const base = {
        ...this.bookingBase(document, booking, grant.currency, grant.customerId),
        memo: `Prepaid credits ${grant.id} paid outside Fairbill`,
      };
      this.post({ ...base, account: "cash", amount: grant.costBasis });
      this.post({ ...base, account: "deferred_revenue", amount: grant.costBasis.negated() });
    } else {
      document = state.schedule.entries[0]?.document ?? {
        type: "invoice",
        id: state.invoice?.id ?? grant.id,
        reference: state.invoice?.number ?? grant.id,
        bookedAt: state.invoice?.issuedAt ?? grant.createdAt,
      };
    }
    const deferredValue = state.schedule.amount;
    for (const { movement, value } of grantReleases(grant, deferredValue, currency)) {
      if (movement.kind === "burn" || movement.kind === "void_reversal") {
        if (movement.invoiceId === null) continue;
        const key = `${grant.id}|${movement.invoiceId}|${movement.kind}`;
        this.releaseByMovement.set(key, (this.releaseByMovement.get(key) ?? ZERO).plus(value));
        const byInvoice = movement.kind === "burn" ? this.releaseByInvoice : this.restoredByInvoice;
        byInvoice.set(movement.invoiceId, (byInvoice.get(movement.invoiceId) ?? ZERO).plus(value.abs()));
        const user = this.invoices.get(movement.invoiceId);
        const at =
          movement.kind === "burn"
            ? (user?.issuedAt ?? movement.occurredAt)
            : (user?.voidedAt ?? movement.occurredAt);
        state.schedule.entries.push({
          type: "credits_applied",
          ...this.pointIn(at),
          amount: movement.kind === "burn" ? value : value.negated(),
          document:
            user === undefined
              ? document
              : {
                  type: movement.kind === "burn" ? "invoice" : "invoice_void",
                  id: user.id,
                  reference: user.number,
                  bookedAt: at,
                },
        });
        continue;
      }
      // Taken back by the void of the invoice that sold them: that void reverses the sale (bookVoid), no breakage.
      if (
        movement.kind === "void" &&
        movement.invoiceId !== null &&
        movement.invoiceId === grant.purchaseInvoiceId
      )
        continue;
      // Taken back by a credit note on the sale: the credit note takes what it refunded off deferred revenue
      // (bookCreditNote); what it did not refund of the value left with the last credits is breakage.
      if (movement.refunded !== null && value.equals(movement.refunded)) continue;
      const lost = movement.refunded === null ? value : value.minus(movement.refunded);
      // Expired or voided unused: breakage, earned when the credits were lost.
      const when = this.unlessLocked(
        this.pointIn(movement.occurredAt),
        movement.recordedAt,
        movement.recordedAt,
      );
      const breakageDocument: DocumentRef = {
        type: "credit_grant",
        id: grant.id,
        reference: grant.id,
        bookedAt: when.at,
      };
      state.schedule.entries.push({ type: "breakage", ...when, amount: lost, document: breakageDocument });
      const base = {
        document: breakageDocument,
        purpose: "recognition" as const,
        currency: grant.currency,
        date: when.date,
        period: when.period,
        customerId: grant.customerId,
        product: state.schedule.product,
        memo: `Prepaid credits ${grant.id} ${movement.kind === "expiry" ? "expired" : "voided"} unused`,
      };
      this.post({ ...base, account: "deferred_revenue", amount: lost });
      this.post({ ...base, account: "breakage_revenue", amount: lost.negated() });
    }
  }

  // ---- credit notes and voids

  private bookCreditNote(note: BookCreditNote): void {
    const invoice = this.invoices.get(note.invoiceId);
    if (invoice === undefined) return;
    const currency = currencyFor(note.currency);
    const { document, base } = this.openDocument(
      { type: "credit_note", id: note.id, reference: note.number, bookedAt: note.issuedAt },
      note.currency,
      note.customerId,
    );
    this.postDocumentTotals(base, {
      receivable: { amount: note.appliedToInvoice.negated(), memo: `Credit note ${note.number}` },
      customerBalance: {
        amount: note.creditedToBalance.negated(),
        memo: `Credit note ${note.number} credited to the customer's balance`,
      },
      tax: { amount: note.tax, memo: `Tax on credit note ${note.number}` },
    });
    const reversal = note.appliedToInvoice.plus(note.creditedToBalance).minus(note.tax);
    const pieces = allocateAmount(
      reversal,
      note.lines.map((line) => line.amount),
      currency,
    );
    const byLine = new Map<string, Decimal>();
    note.lines.forEach((noteLine, index) => {
      const amount = pieces[index] ?? ZERO;
      const known =
        noteLine.invoiceLineId !== null &&
        (this.lineStates.has(noteLine.invoiceLineId) || this.contractLines.has(noteLine.invoiceLineId));
      if (known && noteLine.invoiceLineId !== null) {
        byLine.set(noteLine.invoiceLineId, (byLine.get(noteLine.invoiceLineId) ?? ZERO).plus(amount));
        return;
      }
      // A credit note line that names no invoice line corrects the whole invoice.
      const shares = allocateAmount(
        amount,
        invoice.lines.map((line) => this.netOfLine.get(line.id) ?? ZERO),
        currency,
      );
      invoice.lines.forEach((line, position) => {
        byLine.set(line.id, (byLine.get(line.id) ?? ZERO).plus(shares[position] ?? ZERO));
      });
    });
    for (const [lineId, amount] of byLine) {
      if (!this.creditContractLine(lineId, amount, document))
        this.reverse(lineId, amount, document, currency);
    }
  }

  private bookVoid(invoice: BookInvoice): void {
    if (invoice.voidedAt === null) return;
    const currency = currencyFor(invoice.currency);
    const { document, base } = this.openDocument(
      { type: "invoice_void", id: invoice.id, reference: invoice.number, bookedAt: invoice.voidedAt },
      invoice.currency,
      invoice.customerId,
    );
    const taxCredited = sumDecimals(
      this.books.creditNotes.filter((note) => note.invoiceId === invoice.id).map((note) => note.tax),
    );
    const receivable = invoiceAmountRemaining(invoice);
    const creditToBalance = maxDecimal(ZERO, invoice.total.negated());
    const restored = this.restoredByInvoice.get(invoice.id) ?? ZERO;
    const tax = invoice.tax.minus(taxCredited);
    this.postDocumentTotals(base, {
      receivable: { amount: receivable.negated(), memo: `Void of invoice ${invoice.number}` },
      customerBalance: {
        amount: creditToBalance.minus(invoice.balanceApplied),
        memo: `Customer balance given back by the void of invoice ${invoice.number}`,
      },
      tax: { amount: tax, memo: `Tax on the void of invoice ${invoice.number}` },
    });
    for (const { grantId } of invoice.creditsApplied) {
      const value = this.releaseFor(grantId, invoice.id, "void_reversal");
      this.post({
        ...base,
        account: "deferred_revenue",
        amount: value,
        product: this.productOfGrant(this.grants.get(grantId)),
        memo: `Prepaid credits ${grantId} given back by the void of invoice ${invoice.number}`,
      });
    }
    const reversal = receivable.plus(invoice.balanceApplied).plus(restored).minus(creditToBalance).minus(tax);
    const remaining = invoice.lines.map((line) => {
      const reversed = this.lineStates.get(line.id)?.reversed ?? this.contractLines.get(line.id)?.reversed;
      return (this.netOfLine.get(line.id) ?? ZERO).minus(reversed ?? ZERO);
    });
    const pieces = allocateAmount(reversal, remaining, currency);
    invoice.lines.forEach((line, index) => {
      const piece = pieces[index] ?? ZERO;
      if (!this.creditContractLine(line.id, piece, document))
        this.reverse(line.id, piece, document, currency);
    });
  }

  /** Takes `amount` off a line's revenue at the document's date: earned entries at once, later ones when due. */
  private reverse(lineId: string, amount: Decimal, document: DocumentRef, currency: Currency): void {
    const state = this.lineStates.get(lineId);
    if (state === undefined || amount.isZero()) return;
    state.reversed = state.reversed.plus(amount);
    const booking = this.pointIn(document.bookedAt);
    const entries = state.prepaid || state.earned.length === 0 ? [] : state.earned;
    const pieces =
      entries.length === 0
        ? [amount.negated()]
        : allocateAmount(
            amount.negated(),
            entries.map((entry) => entry.amount),
            currency,
          );
    const reversalEntries: ScheduleEntry[] = [];
    pieces.forEach((piece, index) => {
      if (piece.isZero()) return;
      const original = entries[index];
      const when = original === undefined || original.at <= document.bookedAt ? booking : original;
      reversalEntries.push({
        type: "reversal",
        at: when.at,
        period: when.period,
        date: when.date,
        amount: piece,
        document,
      });
    });
    state.schedule.entries.push(...reversalEntries);
    const base = {
      document,
      purpose: "booking" as const,
      currency: state.schedule.currency,
      customerId: state.schedule.customerId,
      product: state.schedule.product,
      memo: `${document.type === "credit_note" ? "Credit note" : "Void of invoice"} ${document.reference}: ${state.schedule.description}`,
    };
    if (state.prepaid) {
      // Prepaid credits refunded: they leave deferred revenue, never having been earned.
      this.post({
        ...base,
        account: "deferred_revenue",
        amount: amount,
        date: booking.date,
        period: booking.period,
      });
      return;
    }
    for (const entry of reversalEntries) {
      const direct = entry.at <= document.bookedAt;
      this.post({
        ...base,
        account: direct ? "revenue" : "deferred_revenue",
        amount: entry.amount.negated(),
        date: booking.date,
        period: booking.period,
      });
    }
  }

  // ---- money in and out

  /**
   * A payment: cash in, the invoice's receivable down, any overpayment owed
   * back to the customer. Refunds the reverse, and a dispute lost (cash out,
   * from the balance it took back); what no one owes back of either is a
   * payment loss. Each on its own date, unless its month was closed before it
   * was written down.
   */
  private bookPayment(payment: BookPayment): void {
    // Money received in a month closed before it was written down is booked on the day it was written down.
    const booking = this.unlessLocked(this.pointIn(payment.at), payment.recordedAt, payment.recordedAt);
    const document: DocumentRef = {
      type: payment.kind,
      id: payment.id,
      reference: payment.reference,
      bookedAt: booking.at,
    };
    const sign = payment.kind === "payment" ? 1 : -1;
    const base = this.bookingBase(document, booking, payment.currency, payment.customerId);
    // A document moved out of a closed month keeps its own date in the memo.
    const moved =
      booking.period === this.pointIn(payment.at).period
        ? ""
        : ` (dated ${accountingDate(payment.at, this.books.timeZone)}, in a month closed before it was recorded)`;
    const memo = `${paymentWords[payment.kind]} ${payment.reference}${moved}`;
    this.post({
      ...base,
      account: "cash",
      amount: payment.invoicePart.plus(payment.balancePart).plus(payment.lossPart).times(sign),
      memo,
    });
    this.post({ ...base, account: "payment_losses", amount: payment.lossPart.times(-sign), memo });
    this.post({ ...base, account: "accounts_receivable", amount: payment.invoicePart.times(-sign), memo });
    this.post({
      ...base,
      account: "customer_credit_balance",
      amount: payment.balancePart.times(-sign),
      memo,
    });
  }

  // ---- partner settlements

  /**
   * An approved statement: Dr partner commissions, Cr partner payables on the
   * day of approval; paid: Dr partner payables, Cr cash on the payment's date
   * (or, in a month closed before it was recorded, the day it was recorded).
   * A statement whose clawbacks outweigh what was earned reverses both.
   */
  private bookSettlement(settlement: BookSettlement): void {
    const approval = this.pointIn(settlement.approvedAt);
    const approved: DocumentRef = {
      type: "partner_settlement",
      id: settlement.id,
      reference: settlement.reference,
      bookedAt: approval.at,
    };
    const owed = this.bookingBase(approved, approval, settlement.currency, "");
    const memo = `Partner settlement ${settlement.reference} approved`;
    this.post({ ...owed, account: "partner_commissions", amount: settlement.total, memo });
    this.post({ ...owed, account: "partner_payables", amount: settlement.total.negated(), memo });
    if (settlement.paidAt === null) return;
    const recordedAt = settlement.paidRecordedAt ?? settlement.paidAt;
    const payment = this.unlessLocked(this.pointIn(settlement.paidAt), recordedAt, recordedAt);
    const paid: DocumentRef = {
      type: "partner_settlement_payment",
      id: settlement.id,
      reference: settlement.paymentReference ?? settlement.reference,
      bookedAt: payment.at,
    };
    const base = this.bookingBase(paid, payment, settlement.currency, "");
    const paidMemo = `Partner settlement ${settlement.reference} paid`;
    this.post({ ...base, account: "partner_payables", amount: settlement.total, memo: paidMemo });
    this.post({ ...base, account: "cash", amount: settlement.total.negated(), memo: paidMemo });
  }

  // ---- usage accrued at month end

  /**
   * Usage (or an in-arrears fixed fee's share) delivered by a month end and
   * invoiced later: earned in its month (Dr unbilled receivables, Cr revenue
   * on the month's last day), reversed on the date of the invoice that bills
   * its period. That invoice's revenue for a month closed before it was
   * written lands on its own date (unlessLocked), so the month keeps the
   * accrual and the invoice's month the difference.
   */
  private bookAccrual(accrual: BookAccrual): void {
    const monthEnd = this.pointIn(accrual.monthEnd - 1);
    const fee = accrual.kind === "fixed";
    const document: DocumentRef = {
      type: "usage_accrual",
      id: accrual.key,
      reference: `${fee ? "Fee" : "Usage"} accrual ${accrual.period}`,
      bookedAt: monthEnd.at,
    };
    const from = accountingDate(accrual.periodStart, this.books.timeZone);
    const description = fee
      ? `${accrual.chargeId} fee earned in ${accrual.period}, service period from ${from}`
      : `${accrual.meter} usage of ${accrual.period}, billing period from ${from}`;
    const base = {
      document,
      purpose: "recognition" as const,
      currency: accrual.currency,
      customerId: accrual.customerId,
      product: accrual.product,
    };
    const accrued = { ...base, date: monthEnd.date, period: accrual.period, memo: `Accrued ${description}` };
    this.post({ ...accrued, account: "unbilled_receivables", amount: accrual.amount });
    this.post({ ...accrued, account: "revenue", amount: accrual.amount.negated() });
    // Its schedule: usage revenue of its month (usage MRR counts it), reversed when invoiced.
    const schedule: RevenueSchedule = {
      invoiceId: null,
      invoiceNumber: null,
      lineId: null,
      grantId: null,
      customerId: accrual.customerId,
      currency: accrual.currency,
      product: accrual.product,
      description: `Accrued ${description}`,
      kind: fee ? "fixed" : "usage",
      pattern: fee ? "ratable_by_day" : "period_of_use",
      serviceStart: accrual.periodStart,
      serviceEnd: accrual.periodEnd,
      amount: accrual.amount,
      entries: [{ type: "revenue", ...monthEnd, amount: accrual.amount, document }],
    };
    this.schedules.push(schedule);
    const invoice = this.invoiceBilling(accrual);
    if (invoice === undefined) return;
    const reversal = this.pointIn(invoice.issuedAt);
    schedule.entries.push({
      type: "reversal",
      ...reversal,
      amount: accrual.amount.negated(),
      document: { type: "invoice", id: invoice.id, reference: invoice.number, bookedAt: invoice.issuedAt },
    });
    const reversed = {
      ...base,
      date: reversal.date,
      period: reversal.period,
      memo: `Accrual reversed by invoice ${invoice.number}: ${description}`,
    };
    this.post({ ...reversed, account: "revenue", amount: accrual.amount });
    this.post({ ...reversed, account: "unbilled_receivables", amount: accrual.amount.negated() });
  }

  /**
   * The invoice with a usage line of the accrual's subscription and meter
   * (a fee's: a fixed line of its charge) over its billing period.
   */
  private invoiceBilling(accrual: BookAccrual): BookInvoice | undefined {
    return this.books.invoices
      .filter((invoice) =>
        invoice.lines.some(
          (line) =>
            line.subscriptionId === accrual.subscriptionId &&
            (accrual.kind === "fixed"
              ? line.kind === "fixed" && line.chargeId === accrual.chargeId
              : line.kind === "usage" && line.meter === accrual.meter) &&
            line.periodStart !== null &&
            line.periodEnd !== null &&
            line.periodStart <= accrual.periodStart &&
            accrual.periodStart < line.periodEnd,
        ),
      )
      .sort((left, right) => left.issuedAt - right.issuedAt)[0];
  }

  // ---- recognition

  /**
   * Books each line's revenue entries against its invoice: an entry earned on
   * the invoice's own date goes straight to revenue; one earned earlier (usage
   * billed at the end of its month) through unbilled receivables; one earned
   * later through deferred revenue. Reversals dated after their document go
   * through deferred revenue too.
   */
  private postRecognition(state: LineState): void {
    if (state.prepaid) return;
    const { schedule } = state;
    for (const entry of schedule.entries) {
      if (entry.type !== "revenue" && entry.type !== "reversal") continue;
      const document = entry.document;
      const bookingDate = accountingDate(document.bookedAt, this.books.timeZone);
      const base = {
        document,
        currency: schedule.currency,
        customerId: schedule.customerId,
        product: schedule.product,
        memo: `${schedule.description} (${schedule.invoiceNumber ?? schedule.grantId})`,
      };
      if (entry.type === "reversal") {
        if (entry.at <= document.bookedAt) continue;
        this.postPair(base, entry, "deferred_revenue");
        continue;
      }
      if (entry.at <= document.bookedAt && entry.date === bookingDate) {
        this.post({
          ...base,
          purpose: "booking",
          account: "revenue",
          amount: entry.amount.negated(),
          date: entry.date,
          period: entry.period,
        });
        continue;
      }
      const through: AccountKey = entry.at <= document.bookedAt ? "unbilled_receivables" : "deferred_revenue";
      this.post({
        ...base,
        purpose: "booking",
        account: through,
        amount: entry.amount.negated(),
        date: bookingDate,
        period: this.pointIn(document.bookedAt).period,
      });
      this.postPair(base, entry, through);
    }
  }

  private postPair(
    base: Pick<Posting, "document" | "currency" | "customerId" | "product" | "memo">,
    entry: ScheduleEntry,
    through: AccountKey,
  ): void {
    const common = { ...base, purpose: "recognition" as const, date: entry.date, period: entry.period };
    this.post({ ...common, account: through, amount: entry.amount });
    this.post({ ...common, account: "revenue", amount: entry.amount.negated() });
  }
}

function patternOf(line: BookLine): RecognitionPattern {
  if (line.periodStart === null || line.periodEnd === null || line.periodEnd <= line.periodStart) {
    return "point_in_time";
  }
  return line.kind === "usage" ? "period_of_use" : "ratable_by_day";
}

/** Every line's revenue schedule and every posting of the books. */
export function recognizeRevenue(books: Books): Recognition {
  return new RevenueBooks(books).compute();
}
