// Xero as an accounting system, through Xero's official SDK (xero-node's
// AccountingApi, pointed at the connection's API address): contacts by
// contact number, invoices and credit notes by number, payments and refunds
// by reference, manual journals by narration. Each create carries the
// Fairbill id as Xero's Idempotency-Key, so a request repeated after a lost
// answer is answered once.
//
// The SDK sends amounts as JSON numbers: decimal strings are turned into
// numbers here, at the wire, and never computed with.
import {
  AccountingApi,
  BankTransaction,
  type CreditNote,
  CreditNote as CreditNoteModel,
  type CurrencyCode,
  Invoice,
  LineAmountTypes,
  type LineItem,
} from "xero-node";
import { Decimal } from "../core/index.ts";
import type { AccountingLine, AccountingSystem } from "./accounting-system.ts";
import { retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type XeroAccess = { apiBaseUrl: string; accessToken: string; tenantId: string };

/** Xero's API root when a connection names none. */
export function xeroAccounting(access: XeroAccess): AccountingSystem {
  const api = new AccountingApi(access.apiBaseUrl);
  api.accessToken = access.accessToken;
  const tenant = access.tenantId;
  const call = <Result>(request: () => Promise<Result>) => callXero(request);
  return {
    async customer(customer) {
      const found = await call(() =>
        api.getContacts(tenant, undefined, `ContactNumber=="${quoted(customer.fairbillId)}"`),
      );
      const existing = found.body.contacts?.[0]?.contactID;
      if (existing !== undefined) return existing;
      const created = await call(() =>
        api.createContacts(
          tenant,
          {
            contacts: [
              {
                contactNumber: customer.fairbillId,
                name: customer.name,
                ...(customer.email === null ? {} : { emailAddress: customer.email }),
                defaultCurrency: customer.currency as unknown as CurrencyCode,
              },
            ],
          },
          false,
          `contact-${customer.fairbillId}`,
        ),
      );
      return idOf(created.body.contacts?.[0]?.contactID, "contact");
    },

    async invoice(invoice) {
      const found = await call(() =>
        api.getInvoices(tenant, undefined, undefined, undefined, undefined, [invoice.number]),
      );
      const existing = found.body.invoices?.[0]?.invoiceID;
      if (existing !== undefined) return existing;
      const created = await call(() =>
        api.createInvoices(
          tenant,
          {
            invoices: [
              {
                type: Invoice.TypeEnum.ACCREC,
                invoiceNumber: invoice.number,
                reference: invoice.fairbillId,
                contact: { contactID: invoice.contactId },
                currencyCode: invoice.currency as unknown as CurrencyCode,
                date: invoice.issuedOn,
                ...(invoice.dueOn === null ? {} : { dueDate: invoice.dueOn }),
                lineAmountTypes: LineAmountTypes.Exclusive,
                lineItems: invoice.lines.map(lineItem),
                status: Invoice.StatusEnum.AUTHORISED,
              },
            ],
          },
          false,
          undefined,
          `invoice-${invoice.fairbillId}`,
        ),
      );
      return idOf(created.body.invoices?.[0]?.invoiceID, "invoice");
    },

    async payment(payment) {
      const found = await call(() =>
        api.getPayments(tenant, undefined, `Reference=="${quoted(payment.fairbillId)}"`),
      );
      const existing = found.body.payments?.[0]?.paymentID;
      if (existing !== undefined) return existing;
      const created = await call(() =>
        api.createPayment(
          tenant,
          {
            invoice: { invoiceID: payment.invoiceExternalId },
            account: { code: payment.bankAccountCode },
            amount: Number(payment.amount),
            date: payment.paidOn,
            reference: payment.fairbillId,
          },
          `payment-${payment.fairbillId}`,
        ),
      );
      return idOf(created.body.payments?.[0]?.paymentID, "payment");
    },

    async refund(refund) {
      const found = await call(() =>
        api.getBankTransactions(tenant, undefined, `Reference=="${quoted(refund.fairbillId)}"`),
      );
      const existing = found.body.bankTransactions?.[0]?.bankTransactionID;
      if (existing !== undefined) return existing;
      // Money paid back to the customer: a spend from the bank account against the receivable.
      const created = await call(() =>
        api.createBankTransactions(
          tenant,
          {
            bankTransactions: [
              {
                type: BankTransaction.TypeEnum.SPEND,
                contact: { contactID: refund.contactId },
                bankAccount: { code: refund.bankAccountCode },
                currencyCode: refund.currency as unknown as CurrencyCode,
                date: refund.refundedOn,
                reference: refund.fairbillId,
                lineAmountTypes: LineAmountTypes.NoTax,
                lineItems: [
                  {
                    description: refund.description,
                    quantity: 1,
                    lineAmount: Number(refund.amount),
                    accountCode: refund.accountCode,
                  },
                ],
              },
            ],
          },
          false,
          undefined,
          `refund-${refund.fairbillId}`,
        ),
      );
      return idOf(created.body.bankTransactions?.[0]?.bankTransactionID, "bank transaction");
    },

    async creditNote(creditNote) {
      const found = await call(() =>
        api.getCreditNotes(tenant, undefined, `CreditNoteNumber=="${quoted(creditNote.number)}"`),
      );
      let id = found.body.creditNotes?.[0]?.creditNoteID;
      const allocated = (found.body.creditNotes?.[0]?.allocations ?? []).length > 0;
      if (id === undefined) {
        const note: CreditNote = {
          type: CreditNoteModel.TypeEnum.ACCRECCREDIT,
          creditNoteNumber: creditNote.number,
          reference: creditNote.fairbillId,
          contact: { contactID: creditNote.contactId },
          currencyCode: creditNote.currency as unknown as CurrencyCode,
          date: creditNote.issuedOn,
          lineAmountTypes: LineAmountTypes.Exclusive,
          lineItems: creditNote.lines.map(lineItem),
          status: CreditNoteModel.StatusEnum.AUTHORISED,
        };
        const created = await call(() =>
          api.createCreditNotes(
            tenant,
            { creditNotes: [note] },
            false,
            undefined,
            `credit-note-${creditNote.fairbillId}`,
          ),
        );
        id = idOf(created.body.creditNotes?.[0]?.creditNoteID, "credit note");
      }
      if (!allocated) {
        // Xero refuses an allocation above what the invoice still owes there (a refund in Xero does not
        // reopen the invoice as it does in Fairbill): the rest stays on the credit note as the customer's credit.
        const owed = await call(() => api.getInvoice(tenant, creditNote.invoiceExternalId));
        const amount = Decimal.min(
          new Decimal(creditNote.allocatedToInvoice),
          new Decimal(String(owed.body.invoices?.[0]?.amountDue ?? 0)),
        );
        if (amount.greaterThan(0)) {
          const creditNoteId = id;
          await call(() =>
            api.createCreditNoteAllocation(
              tenant,
              creditNoteId,
              {
                allocations: [
                  {
                    invoice: { invoiceID: creditNote.invoiceExternalId },
                    amount: amount.toNumber(),
                    date: creditNote.issuedOn,
                  },
                ],
              },
              false,
              `credit-note-allocation-${creditNote.fairbillId}`,
            ),
          );
        }
      }
      return id;
    },

    async journalEntry(entry) {
      const found = await call(() =>
        api.getManualJournals(tenant, undefined, `Narration=="${quoted(entry.narration)}"`),
      );
      const existing = found.body.manualJournals?.[0]?.manualJournalID;
      if (existing !== undefined) return existing;
      const created = await call(() =>
        api.createManualJournals(
          tenant,
          {
            manualJournals: [
              {
                narration: entry.narration,
                date: entry.date,
                lineAmountTypes: LineAmountTypes.NoTax,
                journalLines: entry.lines.map((line) => ({
                  accountCode: line.accountCode,
                  lineAmount: Number(line.amount),
                  description: line.description,
                })),
              },
            ],
          },
          false,
          `journal-${entry.fairbillId}`.slice(0, 128),
        ),
      );
      return idOf(created.body.manualJournals?.[0]?.manualJournalID, "manual journal");
    },
  };
}

function lineItem(line: AccountingLine): LineItem {
  return {
    description: line.description,
    quantity: line.unitAmount === null ? 1 : Number(line.quantity),
    unitAmount: Number(line.unitAmount ?? line.amount),
    lineAmount: Number(line.amount),
    accountCode: line.accountCode,
    ...(line.taxType === null ? {} : { taxType: line.taxType }),
    ...(line.itemCode === null ? {} : { itemCode: line.itemCode }),
  };
}

/** A value inside a Xero `where` filter's double quotes. */
function quoted(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
}

function idOf(id: string | undefined, what: string): string {
  if (id === undefined) throw new VendorError("refused", `Xero answered without the ${what}'s id.`);
  return id;
}

/** Runs one SDK call, turning its failure (xero-node rejects with a JSON text) into a VendorError. */
async function callXero<Result>(request: () => Promise<Result>): Promise<Result> {
  try {
    return await request();
  } catch (error) {
    throw vendorErrorOf(error);
  }
}

type XeroFailure = {
  response?: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> };
};

function vendorErrorOf(error: unknown): VendorError {
  if (error instanceof VendorError) return error;
  let failure: XeroFailure | undefined;
  if (typeof error === "string") {
    try {
      failure = JSON.parse(error) as XeroFailure;
    } catch {
      failure = undefined;
    }
  }
  const status = failure?.response?.statusCode ?? 0;
  const message = `Xero answered ${status === 0 ? "nothing (unreachable)" : `HTTP ${status}`}: ${describeBody(
    failure?.response?.body ?? (error instanceof Error ? error.message : error),
  )}`;
  return vendorErrorOfStatus(
    status,
    message,
    retryAfterSecondsOf(failure?.response?.headers?.["retry-after"], new Date()),
  );
}

function describeBody(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 500);
  if (body !== null && typeof body === "object") {
    const record = body as { Message?: unknown; Detail?: unknown; Elements?: unknown };
    const validation = JSON.stringify(record.Elements ?? "").match(/"Message":"([^"]+)"/)?.[1];
    return String(validation ?? record.Message ?? record.Detail ?? JSON.stringify(body)).slice(0, 500);
  }
  return String(body).slice(0, 500);
}
