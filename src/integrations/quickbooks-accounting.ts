// QuickBooks Online as an accounting system, through node-quickbooks (the
// SDK Intuit lists for Node), pointed at the connection's API root:
// customers found by display name (which carries the Fairbill id, so two
// customers of one name never clash), invoices and credit memos by document
// number, payments, refunds and journal entries by the Fairbill id in their
// private note among the customer's or the day's (QuickBooks' query language
// filters neither on the note nor on the payment's reference). Each create
// carries the Fairbill id as QuickBooks' requestid, so a request repeated
// after a lost answer is answered once.
//
// QuickBooks sells items, not accounts: an invoice's or credit memo's line
// names the item mapped for its description, else the item mapped for
// "default". A credit memo reduces its invoice through a payment of zero
// that links the two, as QuickBooks applies credits. Amounts are JSON
// numbers on the wire: decimal strings are turned into numbers here, and
// never computed with.
import quickbooksModule from "node-quickbooks";
import { Decimal } from "../core/index.ts";
import type {
  AccountingCreditNote,
  AccountingInvoice,
  AccountingLine,
  AccountingSystem,
} from "./accounting-system.ts";
import { mappingMissing, retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

/** node-quickbooks exports its class as the module itself, which its typings call the default export. */
const QuickBooks = quickbooksModule as unknown as typeof quickbooksModule.default;

export type QuickbooksAccess = {
  apiBaseUrl: string;
  accessToken: string;
  /** The company's realm id. */
  tenantId: string;
  /** The item of a line whose description has no item mapped; null when none is mapped. */
  defaultItem: string | null;
};

type QboObject = Record<string, unknown> & { Id?: string };
type Callback = (error: unknown, data?: unknown, response?: unknown) => void;

export function quickbooksAccounting(access: QuickbooksAccess): AccountingSystem {
  const qbo = new QuickBooks(
    "",
    "",
    access.accessToken,
    false,
    access.tenantId,
    false,
    false,
    null,
    "2.0",
    null,
  );
  qbo.endpoint = `${access.apiBaseUrl}/v3/company/`;
  const call = <Result>(request: (callback: Callback) => void) => callQuickbooks<Result>(request);
  const find = async (entity: string, criteria: Record<string, string>): Promise<QboObject[]> => {
    const method = `find${entity === "JournalEntry" ? "JournalEntries" : `${entity}s`}` as "findInvoices";
    const answer = await call<{ QueryResponse?: Record<string, unknown> }>((callback) =>
      qbo[method](criteria, callback as never),
    );
    const found = answer.QueryResponse?.[entity];
    return Array.isArray(found) ? (found as QboObject[]) : [];
  };
  const create = async (entity: string, body: QboObject, requestId: string): Promise<QboObject> => {
    const method = `create${entity}` as "createInvoice";
    return call<QboObject>((callback) =>
      qbo[method]({ ...body, requestId: requestId.slice(0, 50) }, callback as never),
    );
  };
  const lineOf = (line: AccountingLine): QboObject => {
    const item = line.itemCode ?? access.defaultItem;
    if (item === null) throw mappingMissing("item", "default");
    return {
      DetailType: "SalesItemLineDetail",
      Description: line.description,
      Amount: Number(line.amount),
      SalesItemLineDetail: {
        ItemRef: { value: item },
        Qty: line.unitAmount === null ? 1 : Number(line.quantity),
        UnitPrice: Number(line.unitAmount ?? line.amount),
        ...(line.taxType === null ? {} : { TaxCodeRef: { value: line.taxType } }),
      },
    };
  };
  /** An invoice's or credit memo's body: its number, customer, currency, date and lines. */
  const salesDocument = (document: AccountingInvoice | AccountingCreditNote): QboObject => ({
    DocNumber: document.number,
    PrivateNote: noteOf(document.fairbillId),
    CustomerRef: { value: document.contactId },
    CurrencyRef: { value: document.currency },
    TxnDate: document.issuedOn,
    Line: document.lines.map(lineOf),
  });
  const noted = (objects: QboObject[], fairbillId: string) =>
    objects.find((object) => object.PrivateNote === noteOf(fairbillId))?.Id;

  return {
    async customer(customer) {
      const displayName = `${customer.name.replaceAll(":", " ").slice(0, 460)} (${customer.fairbillId})`;
      const [existing] = await find("Customer", { DisplayName: displayName });
      if (existing?.Id !== undefined) return existing.Id;
      const created = await create(
        "Customer",
        {
          DisplayName: displayName,
          CompanyName: customer.name.slice(0, 100),
          ...(customer.email === null ? {} : { PrimaryEmailAddr: { Address: customer.email } }),
          CurrencyRef: { value: customer.currency },
          Notes: noteOf(customer.fairbillId),
        },
        `customer-${customer.fairbillId}`,
      );
      return idOf(created, "customer");
    },

    async invoice(invoice) {
      const [existing] = await find("Invoice", { DocNumber: invoice.number });
      if (existing?.Id !== undefined) return existing.Id;
      const created = await create(
        "Invoice",
        { ...salesDocument(invoice), ...(invoice.dueOn === null ? {} : { DueDate: invoice.dueOn }) },
        `invoice-${invoice.fairbillId}`,
      );
      return idOf(created, "invoice");
    },

    async payment(payment) {
      const invoice = await call<QboObject>((callback) =>
        qbo.getInvoice(payment.invoiceExternalId, callback as never),
      );
      const customerId = refOf(invoice.CustomerRef);
      const existing = noted(await find("Payment", { CustomerRef: customerId }), payment.fairbillId);
      if (existing !== undefined) return existing;
      const created = await create(
        "Payment",
        {
          CustomerRef: { value: customerId },
          TotalAmt: Number(payment.amount),
          TxnDate: payment.paidOn,
          PrivateNote: noteOf(payment.fairbillId),
          DepositToAccountRef: { value: payment.bankAccountCode },
          Line: [
            {
              Amount: Number(payment.amount),
              LinkedTxn: [{ TxnId: payment.invoiceExternalId, TxnType: "Invoice" }],
            },
          ],
        },
        `payment-${payment.fairbillId}`,
      );
      return idOf(created, "payment");
    },

    async refund(refund) {
      const existing = noted(await find("Purchase", { TxnDate: refund.refundedOn }), refund.fairbillId);
      if (existing !== undefined) return existing;
      // Money paid back to the customer: a cash purchase from the bank account against the receivable.
      const created = await create(
        "Purchase",
        {
          PaymentType: "Cash",
          AccountRef: { value: refund.bankAccountCode },
          EntityRef: { value: refund.contactId, type: "Customer" },
          CurrencyRef: { value: refund.currency },
          TxnDate: refund.refundedOn,
          PrivateNote: noteOf(refund.fairbillId),
          Line: [
            {
              DetailType: "AccountBasedExpenseLineDetail",
              Amount: Number(refund.amount),
              Description: refund.description,
              AccountBasedExpenseLineDetail: { AccountRef: { value: refund.accountCode } },
            },
          ],
        },
        `refund-${refund.fairbillId}`,
      );
      return idOf(created, "purchase");
    },

    async creditNote(creditNote) {
      let [memo] = await find("CreditMemo", { DocNumber: creditNote.number });
      if (memo?.Id === undefined) {
        memo = await create("CreditMemo", salesDocument(creditNote), `credit-note-${creditNote.fairbillId}`);
      }
      const memoId = idOf(memo, "credit memo");
      if (Number(memo.RemainingCredit ?? memo.TotalAmt) === Number(memo.TotalAmt)) {
        // QuickBooks refuses to apply more than the invoice still owes there (a refund does not reopen
        // the invoice as it does in Fairbill): the rest stays on the credit memo as the customer's credit.
        const invoice = await call<QboObject>((callback) =>
          qbo.getInvoice(creditNote.invoiceExternalId, callback as never),
        );
        const amount = Decimal.min(
          new Decimal(creditNote.allocatedToInvoice),
          new Decimal(String(invoice.Balance ?? 0)),
          new Decimal(String(memo.TotalAmt ?? 0)),
        );
        if (amount.greaterThan(0)) {
          await create(
            "Payment",
            {
              CustomerRef: { value: creditNote.contactId },
              TotalAmt: 0,
              TxnDate: creditNote.issuedOn,
              PrivateNote: noteOf(`${creditNote.fairbillId} applied`),
              Line: [
                {
                  Amount: amount.toNumber(),
                  LinkedTxn: [{ TxnId: creditNote.invoiceExternalId, TxnType: "Invoice" }],
                },
                { Amount: amount.toNumber(), LinkedTxn: [{ TxnId: memoId, TxnType: "CreditMemo" }] },
              ],
            },
            `credit-note-applied-${creditNote.fairbillId}`,
          );
        }
      }
      return memoId;
    },

    async journalEntry(entry) {
      const existing = noted(await find("JournalEntry", { TxnDate: entry.date }), entry.fairbillId);
      if (existing !== undefined) return existing;
      const created = await create(
        "JournalEntry",
        {
          TxnDate: entry.date,
          PrivateNote: noteOf(entry.fairbillId),
          Line: entry.lines.map((line) => {
            const amount = new Decimal(line.amount);
            return {
              DetailType: "JournalEntryLineDetail",
              Amount: amount.abs().toNumber(),
              Description: line.description,
              JournalEntryLineDetail: {
                PostingType: amount.isNegative() ? "Credit" : "Debit",
                AccountRef: { value: line.accountCode },
              },
            };
          }),
        },
        `journal-${entry.fairbillId}`,
      );
      return idOf(created, "journal entry");
    },
  };
}

/** The private note that names the Fairbill object, by which a rerun finds it. */
function noteOf(fairbillId: string): string {
  return `Fairbill ${fairbillId}`;
}

function refOf(reference: unknown): string {
  const value = (reference as { value?: unknown } | undefined)?.value;
  if (typeof value !== "string")
    throw new VendorError("refused", "QuickBooks answered an invoice without its customer.");
  return value;
}

function idOf(object: QboObject | undefined, what: string): string {
  if (typeof object?.Id !== "string")
    throw new VendorError("refused", `QuickBooks answered without the ${what}'s id.`);
  return object.Id;
}

type QboFailure = {
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  Fault?: unknown;
  message?: string;
};

/** Runs one SDK call, turning its failure (an HTTP error, or a Fault in the answer) into a VendorError. */
function callQuickbooks<Result>(request: (callback: Callback) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    try {
      request((error, data) => (error ? reject(vendorErrorOf(error)) : resolve(data as Result)));
    } catch (error) {
      reject(error);
    }
  });
}

function vendorErrorOf(error: unknown): VendorError {
  if (error instanceof VendorError) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as QboFailure;
  const status = failure.response?.status ?? (failure.Fault === undefined ? 0 : 400);
  const body = failure.response?.data ?? (failure.Fault === undefined ? failure.message : failure);
  const message = `QuickBooks answered ${status === 0 ? "nothing (unreachable)" : `HTTP ${status}`}: ${describeBody(body)}`;
  return vendorErrorOfStatus(
    status,
    message,
    retryAfterSecondsOf(failure.response?.headers?.["retry-after"], new Date()),
  );
}

function describeBody(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 500);
  const errors = (body as { Fault?: { Error?: { Message?: string; Detail?: string }[] } } | null)?.Fault
    ?.Error;
  const [first] = errors ?? [];
  if (first !== undefined)
    return [first.Message, first.Detail]
      .filter((part) => part)
      .join(": ")
      .slice(0, 500);
  return JSON.stringify(body ?? null).slice(0, 500);
}
