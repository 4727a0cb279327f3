// NetSuite as an accounting system, through its REST web services (the
// SuiteTalk REST record API, /services/rest/record/v1) with the OAuth 2
// bearer token of the authorization code grant: every record carries the
// Fairbill id as its external id, so a record is found by GET
// …/<type>/eid:<id> and a create repeated after a lost answer is refused as
// a duplicate rather than made twice. A create answers 204 with the new
// record's address in Location. A payment is the invoice transformed into a
// customer payment; a credit memo applies itself to its invoice; a refund is
// a customer refund from the bank account; the journal goes as journal
// entries. NetSuite sells items: a line names the item mapped for its
// description, else the item mapped for "default".
//
// Amounts are JSON numbers on the wire: decimal strings are turned into
// numbers here, and never computed with.
import { Decimal } from "../core/index.ts";
import { errorMessage, validationFailed } from "../platform/errors.ts";
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";
import type { AccountingLine, AccountingSystem } from "./accounting-system.ts";
import { mappingMissing, retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type NetsuiteAccess = {
  /** The account's root, https://<account id>.suitetalk.api.netsuite.com. */
  apiBaseUrl: string;
  accessToken: string;
  tenantId: string;
  /** The item of a line whose description has no item mapped; null when none is mapped. */
  defaultItem: string | null;
};

/** The OAuth 2 addresses of a NetSuite account, from its API root. */
export function netsuiteEndpoints(apiBaseUrl: string, path: string) {
  let origin: string;
  try {
    origin = new URL(apiBaseUrl).origin;
  } catch {
    throw validationFailed([{ path, message: "is not a URL" }]);
  }
  return {
    authorizeUrl: "https://system.netsuite.com/app/login/oauth2/authorize.nl",
    tokenUrl: `${origin}/services/rest/auth/oauth2/v1/token`,
  };
}

type Record_ = Record<string, unknown>;

export function netsuiteAccounting(access: NetsuiteAccess): AccountingSystem {
  const base = `${access.apiBaseUrl}/services/rest/record/v1`;
  const request = async (method: string, path: string, body?: Record_) => {
    let response: Response;
    try {
      response = await guardedFetch(`${base}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${access.accessToken}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new VendorError("unreachable", `NetSuite answered nothing (unreachable): ${errorMessage(error)}`);
    }
    return response;
  };
  const failed = async (response: Response): Promise<VendorError> =>
    vendorErrorOfStatus(
      response.status,
      `NetSuite answered HTTP ${response.status}: ${describeBody(await response.text())}`,
      retryAfterSecondsOf(response.headers.get("retry-after"), new Date()),
    );
  /** The record of this type with the Fairbill id as its external id, or null. */
  const byExternalId = async (type: string, externalId: string): Promise<Record_ | null> => {
    const response = await request("GET", `${type}/eid:${encodeURIComponent(externalId)}`);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw await failed(response);
    return (await response.json()) as Record_;
  };
  const read = async (type: string, id: string): Promise<Record_> => {
    const response = await request("GET", `${type}/${encodeURIComponent(id)}`);
    if (!response.ok) throw await failed(response);
    return (await response.json()) as Record_;
  };
  /** Creates the record (POST, or a transform's path) and answers its id, from the Location NetSuite answers. */
  const create = async (path: string, body: Record_): Promise<string> => {
    const response = await request("POST", path, body);
    if (!response.ok) throw await failed(response);
    await response.body?.cancel();
    const id = response.headers.get("location")?.split("/").at(-1);
    if (id === undefined || id === "") {
      throw new VendorError("refused", `NetSuite created a ${path} without answering where.`);
    }
    return id;
  };
  const findOrCreate = async (type: string, externalId: string, make: () => Promise<string>) => {
    const found = await byExternalId(type, externalId);
    return typeof found?.id === "string" ? found.id : make();
  };
  const itemsOf = (lines: AccountingLine[]) => ({
    items: lines.map((line) => {
      const item = line.itemCode ?? access.defaultItem;
      if (item === null) throw mappingMissing("item", "default");
      return {
        item: { id: item },
        description: line.description,
        quantity: line.unitAmount === null ? 1 : Number(line.quantity),
        rate: Number(line.unitAmount ?? line.amount),
        amount: Number(line.amount),
        ...(line.taxType === null ? {} : { taxCode: { id: line.taxType } }),
      };
    }),
  });

  return {
    customer: (customer) =>
      findOrCreate("customer", customer.fairbillId, () =>
        create("customer", {
          externalId: customer.fairbillId,
          companyName: customer.name,
          ...(customer.email === null ? {} : { email: customer.email }),
          currency: { id: customer.currency },
        }),
      ),

    invoice: (invoice) =>
      findOrCreate("invoice", invoice.fairbillId, () =>
        create("invoice", {
          externalId: invoice.fairbillId,
          tranId: invoice.number,
          entity: { id: invoice.contactId },
          currency: { id: invoice.currency },
          tranDate: invoice.issuedOn,
          ...(invoice.dueOn === null ? {} : { dueDate: invoice.dueOn }),
          item: itemsOf(invoice.lines),
        }),
      ),

    payment: (payment) =>
      findOrCreate("customerPayment", payment.fairbillId, () =>
        create(`invoice/${encodeURIComponent(payment.invoiceExternalId)}/!transform/customerPayment`, {
          externalId: payment.fairbillId,
          tranDate: payment.paidOn,
          payment: Number(payment.amount),
          account: { id: payment.bankAccountCode },
        }),
      ),

    refund: (refund) =>
      findOrCreate("customerRefund", refund.fairbillId, () =>
        create("customerRefund", {
          externalId: refund.fairbillId,
          customer: { id: refund.contactId },
          account: { id: refund.bankAccountCode },
          arAcct: { id: refund.accountCode },
          currency: { id: refund.currency },
          tranDate: refund.refundedOn,
          total: Number(refund.amount),
          memo: refund.description,
        }),
      ),

    creditNote: (creditNote) =>
      findOrCreate("creditMemo", creditNote.fairbillId, async () => {
        // NetSuite refuses to apply more than the invoice still owes there (a refund does not reopen the
        // invoice as it does in Fairbill): the rest stays on the credit memo as the customer's credit.
        const invoice = await read("invoice", creditNote.invoiceExternalId);
        const applied = Decimal.min(
          new Decimal(creditNote.allocatedToInvoice),
          new Decimal(String(invoice.amountRemaining ?? 0)),
        );
        return create("creditMemo", {
          externalId: creditNote.fairbillId,
          tranId: creditNote.number,
          entity: { id: creditNote.contactId },
          currency: { id: creditNote.currency },
          tranDate: creditNote.issuedOn,
          item: itemsOf(creditNote.lines),
          ...(applied.greaterThan(0)
            ? {
                apply: {
                  items: [
                    { doc: { id: creditNote.invoiceExternalId }, apply: true, amount: applied.toNumber() },
                  ],
                },
              }
            : {}),
        });
      }),

    journalEntry: (entry) =>
      findOrCreate("journalEntry", entry.fairbillId, () =>
        create("journalEntry", {
          externalId: entry.fairbillId,
          tranDate: entry.date,
          memo: entry.narration,
          line: {
            items: entry.lines.map((line) => {
              const amount = new Decimal(line.amount);
              return {
                account: { id: line.accountCode },
                ...(amount.isNegative() ? { credit: amount.abs().toNumber() } : { debit: amount.toNumber() }),
                memo: line.description,
              };
            }),
          },
        }),
      ),
  };
}

/** NetSuite's error body (RFC 9457 with o:errorDetails), as one line. */
function describeBody(text: string): string {
  try {
    const body = JSON.parse(text) as { title?: string; "o:errorDetails"?: { detail?: string }[] };
    return String(body["o:errorDetails"]?.[0]?.detail ?? body.title ?? text).slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}
