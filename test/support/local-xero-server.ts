// A local HTTP server that speaks the part of Xero that Fairbill uses:
// OAuth 2 (the shared local OAuth server's, with the client in HTTP Basic;
// and Xero's connections list) and the accounting API
// (contacts, invoices, payments, credit notes and their allocations, bank
// transactions, manual journals), created by PUT and found by GET with
// Xero's `where` filters. Bodies are read and written with xero-node's own
// ObjectSerializer, so they have the SDK's wire shapes; idempotency keys
// replay the first answer; account codes and amounts are checked as Xero
// checks them (400 ValidationException). Tests can make it answer 429 or 5xx.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ObjectSerializer } from "xero-node";
import {
  type Answer,
  type ApiRequest,
  cents,
  type InjectedFailure,
  type LocalOAuthServer,
  startLocalOAuthServer,
} from "./local-oauth-server.ts";

type XeroObject = Record<string, unknown>;

export type LocalXero = LocalOAuthServer & {
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  connectionsUrl: string;
  tenantId: string;
  /** Objects created, by collection (Contacts, Invoices, Payments, CreditNotes, BankTransactions, ManualJournals). */
  created: Record<CollectionName, XeroObject[]>;
};

/** The accounting API's paths, where failures a test injects land unless it names others. */
const accountingApi = /^api\.xro\/2\.0\//;

const collections = {
  Contacts: { type: "Contacts", item: "Contact", id: "contactID" },
  Invoices: { type: "Invoices", item: "Invoice", id: "invoiceID" },
  Payments: { type: "Payments", item: "Payment", id: "paymentID" },
  CreditNotes: { type: "CreditNotes", item: "CreditNote", id: "creditNoteID" },
  BankTransactions: { type: "BankTransactions", item: "BankTransaction", id: "bankTransactionID" },
  ManualJournals: { type: "ManualJournals", item: "ManualJournal", id: "manualJournalID" },
} as const;
export type CollectionName = keyof typeof collections;

/** The chart of accounts of the local organisation: code → type. */
const accounts: Record<string, "REVENUE" | "BANK" | "CURRENT" | "LIABILITY"> = {
  "200": "REVENUE",
  "090": "BANK",
  "610": "CURRENT",
  "820": "LIABILITY",
};

function validation(message: string): Answer {
  return {
    status: 400,
    body: {
      ErrorNumber: 10,
      Type: "ValidationException",
      Message: "A validation exception occurred",
      Elements: [{ ValidationErrors: [{ Message: message }] }],
    },
  };
}

export async function startLocalXero(): Promise<LocalXero> {
  const tenantId = randomUUID();
  const created = Object.fromEntries(Object.keys(collections).map((name) => [name, []])) as unknown as Record<
    CollectionName,
    XeroObject[]
  >;
  const replies = new Map<string, Answer>();

  const findAll = (name: CollectionName, url: URL): XeroObject[] => {
    let found = created[name];
    const numbers = url.searchParams.get("InvoiceNumbers");
    if (numbers !== null) {
      const wanted = new Set(numbers.split(","));
      found = found.filter((object) => wanted.has(String(object.invoiceNumber)));
    }
    const where = url.searchParams.get("where");
    if (where !== null) {
      const match = where.match(/^(\w+)=="((?:[^"\\]|\\.)*)"$/);
      if (match === null) return [];
      const [, field = "", value = ""] = match;
      const property = field.charAt(0).toLowerCase() + field.slice(1);
      const unquoted = value.replaceAll('\\"', '"').replaceAll("\\\\", "\\");
      found = found.filter((object) => object[property] === unquoted);
    }
    return found;
  };

  /** The object as stored, or the validation error Xero would answer. */
  const create = (name: CollectionName, object: XeroObject): XeroObject | Answer => {
    const contactId = (object.contact as { contactID?: string } | undefined)?.contactID;
    const lines = (object.lineItems ?? object.journalLines ?? []) as {
      accountCode?: string;
      lineAmount?: number;
    }[];
    if (name !== "Contacts" && name !== "Payments") {
      if (name !== "ManualJournals" && !created.Contacts.some((contact) => contact.contactID === contactId)) {
        return validation("The contact could not be found.");
      }
      for (const line of lines) {
        if (line.accountCode === undefined || accounts[line.accountCode] === undefined) {
          return validation(`Account code '${line.accountCode}' is not a valid code for this document.`);
        }
      }
    }
    if (name === "Invoices" || name === "CreditNotes") {
      const total = lines.reduce((sum, line) => sum + cents(line.lineAmount), 0) / 100;
      Object.assign(object, { subTotal: total, total, amountDue: total, amountPaid: 0, amountCredited: 0 });
    }
    if (name === "Payments") {
      const invoiceId = (object.invoice as { invoiceID?: string } | undefined)?.invoiceID;
      const invoice = created.Invoices.find((candidate) => candidate.invoiceID === invoiceId);
      if (invoice === undefined) return validation("Invoice could not be found.");
      const code = (object.account as { code?: string } | undefined)?.code ?? "";
      if (accounts[code] !== "BANK") return validation(`Account code '${code}' is not a bank account.`);
      if (cents(object.amount) > cents(invoice.amountDue)) {
        return validation("Payment amount exceeds the amount outstanding on this document.");
      }
      invoice.amountDue = (cents(invoice.amountDue) - cents(object.amount)) / 100;
      invoice.amountPaid = (cents(invoice.amountPaid) + cents(object.amount)) / 100;
    }
    if (name === "BankTransactions") {
      const code = (object.bankAccount as { code?: string } | undefined)?.code ?? "";
      if (accounts[code] !== "BANK") return validation(`Account code '${code}' is not a bank account.`);
    }
    if (name === "ManualJournals" && lines.reduce((sum, line) => sum + cents(line.lineAmount), 0) !== 0) {
      return validation("The total debits must equal the total credits.");
    }
    const stored = { ...object, [collections[name].id]: randomUUID(), status: object.status ?? "AUTHORISED" };
    created[name].push(stored);
    return stored;
  };

  const allocate = (creditNoteId: string, body: unknown): Answer => {
    const note = created.CreditNotes.find((candidate) => candidate.creditNoteID === creditNoteId);
    if (note === undefined) return { status: 404, body: { Message: "The credit note could not be found." } };
    const parsed = ObjectSerializer.deserialize(body, "Allocations") as {
      allocations?: { invoice?: { invoiceID?: string }; amount?: number }[];
    };
    for (const allocation of parsed.allocations ?? []) {
      const invoice = created.Invoices.find(
        (candidate) => candidate.invoiceID === allocation.invoice?.invoiceID,
      );
      if (invoice === undefined) return validation("Invoice could not be found.");
      if (cents(allocation.amount) > cents(invoice.amountDue)) {
        return validation("The amount allocated exceeds the amount outstanding on the invoice.");
      }
      invoice.amountDue = (cents(invoice.amountDue) - cents(allocation.amount)) / 100;
      invoice.amountCredited = (cents(invoice.amountCredited) + cents(allocation.amount)) / 100;
      note.allocations = [...((note.allocations as unknown[] | undefined) ?? []), allocation];
    }
    return { status: 200, body: ObjectSerializer.serialize(parsed, "Allocations") };
  };

  const route = (method: string, url: URL, body: unknown): Answer => {
    const path = url.pathname.replace(/^\/api\.xro\/2\.0\//, "");
    const allocation = path.match(/^CreditNotes\/([^/]+)\/Allocations$/);
    if (allocation && method === "PUT") return allocate(allocation[1] ?? "", body);
    const one = path.match(/^(\w+)\/([^/]+)$/);
    if (one && method === "GET" && one[1] !== undefined && one[1] in collections) {
      const name = one[1] as CollectionName;
      const found = created[name].filter((object) => object[collections[name].id] === one[2]);
      if (found.length === 0) return { status: 404, body: { Message: `No such ${collections[name].item}` } };
      const listName = name.charAt(0).toLowerCase() + name.slice(1);
      return { status: 200, body: ObjectSerializer.serialize({ [listName]: found }, collections[name].type) };
    }
    if (!(path in collections)) return { status: 404, body: { Message: `No such resource: ${path}` } };
    const name = path as CollectionName;
    const { type, item } = collections[name];
    const listName = name.charAt(0).toLowerCase() + name.slice(1);
    if (method === "GET") {
      return { status: 200, body: ObjectSerializer.serialize({ [listName]: findAll(name, url) }, type) };
    }
    if (method !== "PUT" && method !== "POST")
      return { status: 405, body: { Message: "Method not allowed" } };
    // createPayment sends one Payment; the other creates send a list.
    const single = name === "Payments" && (body as Record<string, unknown> | null)?.Payments === undefined;
    const items = single
      ? [ObjectSerializer.deserialize(body, item) as XeroObject]
      : (((ObjectSerializer.deserialize(body, type) as Record<string, unknown>)[listName] as
          | XeroObject[]
          | undefined) ?? []);
    const stored: XeroObject[] = [];
    for (const object of items) {
      const outcome = create(name, object);
      if (!(collections[name].id in outcome)) return outcome as Answer;
      stored.push(outcome as XeroObject);
    }
    return { status: 200, body: ObjectSerializer.serialize({ [listName]: stored }, type) };
  };

  const accounting = (request: ApiRequest): Answer => {
    if (headerOf(request.headers, "xero-tenant-id") !== tenantId) {
      return { status: 403, body: { Title: "Forbidden", Detail: "AuthenticationUnsuccessful" } };
    }
    const idempotencyKey = headerOf(request.headers, "idempotency-key");
    const replay =
      request.method === "GET" || idempotencyKey === undefined ? undefined : replies.get(idempotencyKey);
    if (replay) return replay;
    const answer = route(request.method, request.url, request.body);
    if (idempotencyKey !== undefined && request.method !== "GET") replies.set(idempotencyKey, answer);
    return answer;
  };

  const server = await startLocalOAuthServer({
    paths: { authorize: "/identity/connect/authorize", token: "/identity/connect/token" },
    clientAuthentication: "basic",
    expiresInSeconds: 1800,
    failure: (status, why) => ({
      Title: status === 429 ? "Too Many Requests" : status === 401 ? "Unauthorized" : "Server error",
      Detail: status === 401 ? "TokenExpired" : why,
    }),
    api: (request) => {
      if (request.path === "connections" && request.method === "GET") {
        return {
          status: 200,
          body: [
            { id: randomUUID(), tenantId, tenantType: "ORGANISATION", tenantName: "Local organisation" },
          ],
        };
      }
      return accountingApi.test(request.path) ? accounting(request) : null;
    },
  });
  const onAccountingApi = (failure: InjectedFailure): InjectedFailure => ({
    path: accountingApi,
    ...failure,
  });
  return {
    ...server,
    apiBaseUrl: `${server.url}/api.xro/2.0`,
    authorizeUrl: `${server.url}/identity/connect/authorize`,
    tokenUrl: `${server.url}/identity/connect/token`,
    connectionsUrl: `${server.url}/connections`,
    tenantId,
    created,
    failNext: (failures) => server.failNext(failures.map(onAccountingApi)),
    failAlways: (failure) => server.failAlways(onAccountingApi(failure)),
  };
}

function headerOf(headers: IncomingMessage["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
