// The facts finance keeps its books from, as plain data: finalized invoices
// and their lines, credit notes, purchased credit grants and their ledger
// movements, and the locked periods. load-books.ts reads them; revenue
// schedules and the journal are computed from them by pure functions, so the
// same facts always give the same figures.
import type { Decimal, Instant } from "../core/index.ts";

export type BookLine = {
  id: string;
  position: number;
  /** fixed, usage, proration_credit, minimum_true_up (subscription lines) or one_off. */
  kind: string;
  description: string;
  amount: Decimal;
  periodStart: Instant | null;
  periodEnd: Instant | null;
  product: string | null;
  /** For a usage line spanning months: events of its meter counted in each month. */
  usageByPeriod?: ReadonlyMap<string, Decimal>;
  /** The purchased credit grant this line sold (a wallet top-up's invoice line). */
  prepaidGrantId: string | null;
  subscriptionId: string | null;
  planVersionId: string | null;
  chargeId: string | null;
  /** A fixed fee's list price per period in the invoice's currency (its charge's amount); null otherwise. */
  listPrice?: Decimal | null;
  /** The standalone selling price set for its charge or product in the invoice's currency. */
  standaloneSellingPrice?: Decimal | null;
  /**
   * A fee's amount for a whole billing period, quantity included (fixed fees,
   * quantity changes, proration credits, negative for a credit); null otherwise.
   */
  periodAmount?: Decimal | null;
  /** Months in its plan's billing period (1 monthly, 12 yearly); null when unknown. */
  periodMonths?: Decimal | null;
  /** A usage line's meter code. */
  meter: string | null;
  quantity: Decimal;
};

export type BookInvoice = {
  id: string;
  number: string;
  customerId: string;
  /** The billing entity that issued it; null (or absent) for the default entity. */
  billingEntityId?: string | null;
  currency: string;
  origin: string;
  /** The customer's time zone when the invoice was issued: its months for MRR. */
  timeZone: string;
  /** The invoice's discounts; recurring ones (a forever coupon) lower MRR, the others do not. */
  discounts: { redemptionId: string; amount: Decimal; recurring: boolean }[];
  subtotal: Decimal;
  /** open, paid, partially_paid, uncollectible or void. */
  status: string;
  issuedAt: Instant;
  /** When the invoice was written down (finalized). */
  finalizedAt: Instant;
  voidedAt: Instant | null;
  total: Decimal;
  tax: Decimal;
  taxInclusive: boolean;
  balanceApplied: Decimal;
  amountDue: Decimal;
  amountPaid: Decimal;
  amountCredited: Decimal;
  creditsApplied: { grantId: string; amount: Decimal }[];
  /** What each contract commit drew on it, with the start of the term it drew from. */
  commitDraws: { commitId: string; termStart: Instant; amount: Decimal }[];
  lines: BookLine[];
};

export type BookCreditNote = {
  id: string;
  number: string;
  invoiceId: string;
  customerId: string;
  currency: string;
  issuedAt: Instant;
  tax: Decimal;
  appliedToInvoice: Decimal;
  creditedToBalance: Decimal;
  lines: { invoiceLineId: string | null; amount: Decimal; tax: Decimal }[];
};

export type GrantMovementKind = "burn" | "void_reversal" | "expiry" | "void";

export type BookGrantMovement = {
  kind: GrantMovementKind;
  /** Credits (the grant's money) moved, positive. */
  amount: Decimal;
  invoiceId: string | null;
  /** A void by a credit note on the sale: the part of the credits' price the credit note refunded. */
  refunded: Decimal | null;
  occurredAt: Instant;
  recordedAt: Instant;
};

/** A purchased grant: prepaid credits held as deferred revenue until used, breakage when they expire. */
export type BookGrant = {
  id: string;
  customerId: string;
  currency: string;
  /** The credits' money value. */
  amount: Decimal;
  costBasis: Decimal;
  createdAt: Instant;
  /** The invoice line that sold it, when a wallet top-up invoiced it. */
  purchaseInvoiceId: string | null;
  purchaseLineId: string | null;
  /** In ledger order. */
  movements: BookGrantMovement[];
};

/**
 * Money in (a payment) or out (a refund, or a dispute lost: the customer's
 * bank took it back) for an invoice, from the payments domain.
 */
export type BookPayment = {
  kind: "payment" | "refund" | "chargeback";
  id: string;
  reference: string;
  customerId: string;
  /** The invoice it paid (or was refunded from), when it names one. */
  invoiceId?: string | null;
  currency: string;
  at: Instant;
  recordedAt: Instant;
  /** What it paid on (or took back from) the invoice. */
  invoicePart: Decimal;
  /** What it put on (or took back from) the customer's balance. */
  balancePart: Decimal;
  /** Money out that no one owes back: a dispute lost, a refund beyond what anything covered (a payment loss). */
  lossPart: Decimal;
};

export type BookLock = { period: string; start: Instant; end: Instant; lockedAt: Instant };

/**
 * Usage, or an in-arrears fixed fee's share, accrued at a month end (unbilled
 * receivables): delivered by then, invoiced later (usage-accruals.ts).
 * Reversed on the date of the invoice that bills its period.
 */
export type BookAccrual = {
  /** The same before and after the month is locked: month, subscription, meter (or fee), period start. */
  key: string;
  kind: "usage" | "fixed";
  period: string;
  /** The month's end (exclusive). */
  monthEnd: Instant;
  customerId: string;
  subscriptionId: string;
  currency: string;
  planVersionId: string;
  chargeId: string;
  /** The usage's meter; null for a fixed fee. */
  meter: string | null;
  product: string | null;
  /** The billing period (a fee's service period) of the invoice that will bill it. */
  periodStart: Instant;
  periodEnd: Instant;
  quantity: Decimal;
  /**
   * The billing period's usage to the month end, priced as the invoice will
   * price it; a fee's share earned by the month end, ratably by day.
   */
  periodToDate: Decimal;
  /** What the month accrues: periodToDate less what earlier month ends accrued. */
  amount: Decimal;
  /** When its month was locked; null while the month is open. */
  lockedAt: Instant | null;
};

/**
 * A partner's settlement statement once approved: the commission it owes is
 * booked on approval, and the payable paid off when it is recorded paid.
 */
export type BookSettlement = {
  id: string;
  /** The partner's code and the statement's month ("northwind 2030-01"). */
  reference: string;
  currency: string;
  /** What the statement owes the partner; negative when clawbacks outweigh what was earned. */
  total: Decimal;
  approvedAt: Instant;
  paidAt: Instant | null;
  /** When the payment was written down (a payment may be dated earlier). */
  paidRecordedAt: Instant | null;
  paymentReference: string | null;
};

/** One term of a contract's prepaid commit, as the commit ledger stands (rolled over, expired once ended). */
export type BookCommitTerm = {
  commitId: string;
  termStart: Instant;
  termEnd: Instant;
  granted: Decimal;
  /** Units rolled over into it from the term before. */
  rolledIn: Decimal;
  /** Units that expired when it ended; null while it is open. */
  expired: Decimal | null;
};

/**
 * A contract whose invoices are in the books: their lines of its
 * subscriptions are earned by the contract's revenue schedule (ASC 606 step
 * 4), not each by its own pattern.
 */
export type BookContract = {
  id: string;
  customerId: string;
  currency: string;
  subscriptionIds: string[];
  /** Each prepaid commit's terms that have started, a commit's in time order. */
  commitTerms: BookCommitTerm[];
};

export type Books = {
  timeZone: string;
  invoices: BookInvoice[];
  creditNotes: BookCreditNote[];
  grants: BookGrant[];
  payments: BookPayment[];
  locks: BookLock[];
  accruals: BookAccrual[];
  /** Contracts of the invoices' subscriptions; absent where a report has none to book. */
  contracts?: BookContract[];
  /** Approved partner settlements; absent where a report has none to book. */
  settlements?: BookSettlement[];
};
