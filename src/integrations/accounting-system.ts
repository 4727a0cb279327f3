// What a sync hands an accounting system, as plain data, and what the system
// must do with it: for each object, find the one it already holds for this
// Fairbill id (its contact number, invoice number, reference or narration)
// or create it, and return the system's id. Finding first makes a rerun,
// or a retry after a crash between the vendor's answer and our record,
// create nothing new. Amounts are decimal strings in the currency's unit.

export type AccountingCustomer = {
  fairbillId: string;
  name: string;
  email: string | null;
  currency: string;
};

export type AccountingLine = {
  description: string;
  quantity: string;
  /** Per unit; null where the line has no unit price (its amount is the whole line's). */
  unitAmount: string | null;
  amount: string;
  accountCode: string;
  taxType: string | null;
  itemCode: string | null;
};

export type AccountingInvoice = {
  fairbillId: string;
  number: string;
  contactId: string;
  currency: string;
  issuedOn: string;
  dueOn: string | null;
  lines: AccountingLine[];
};

export type AccountingPayment = {
  fairbillId: string;
  invoiceExternalId: string;
  bankAccountCode: string;
  amount: string;
  paidOn: string;
};

export type AccountingRefund = {
  fairbillId: string;
  contactId: string;
  bankAccountCode: string;
  accountCode: string;
  currency: string;
  amount: string;
  refundedOn: string;
  description: string;
};

export type AccountingCreditNote = {
  fairbillId: string;
  number: string;
  contactId: string;
  currency: string;
  issuedOn: string;
  lines: AccountingLine[];
  /** The invoice it reduces, and by how much (nothing when all of it went to the customer's balance). */
  invoiceExternalId: string;
  allocatedToInvoice: string;
};

export type AccountingJournalLine = {
  accountCode: string;
  /** Positive for a debit, negative for a credit. */
  amount: string;
  description: string;
};

export type AccountingJournalEntry = {
  fairbillId: string;
  date: string;
  narration: string;
  lines: AccountingJournalLine[];
};

/** An accounting system as a sync uses it; each call finds the object by its Fairbill id or creates it. */
export type AccountingSystem = {
  customer(customer: AccountingCustomer): Promise<string>;
  invoice(invoice: AccountingInvoice): Promise<string>;
  payment(payment: AccountingPayment): Promise<string>;
  refund(refund: AccountingRefund): Promise<string>;
  creditNote(creditNote: AccountingCreditNote): Promise<string>;
  journalEntry(entry: AccountingJournalEntry): Promise<string>;
};
