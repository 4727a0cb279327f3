// A local HTTP server that speaks the part of Xero that Fairbill uses:
// OAuth 2 (the consent page's redirect, the token endpoint's authorization
// code and refresh token grants, the connections list) and the accounting API
// (contacts, invoices, payments, credit notes and their allocations, bank
// transactions, manual journals), created by PUT and found by GET with
// Xero's `where` filters. Bodies are read and written with xero-node's own
// ObjectSerializer, so they have the SDK's wire shapes; idempotency keys
// replay the first answer; account codes and amounts are checked as Xero
// checks them (400 ValidationException). Tests can make it answer 429 or 5xx.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ObjectSerializer } from "xero-node";

type XeroObject = Record<string, unknown>;
type Answer = { status: number; body: unknown };

export type XeroRequest = {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  status: number;
};

export type InjectedFailure = { status: number; retryAfter?: string };

export type LocalXero = {
  url: string;
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  connectionsUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** Objects created, by collection (Contacts, Invoices, Payments, CreditNotes, BankTransactions, ManualJournals). */
  created: Record<CollectionName, XeroObject[]>;
  requests: XeroRequest[];
  /** The next API requests answer these, in order. */
  failNext(failures: InjectedFailure[]): void;
  /** Every API request answers this until `recover()`. */
  failAlways(failure: InjectedFailure): void;
  recover(): void;
  /** Follows the consent page as a person who consents would: the redirect's code and state. */
  consent(consentUrl: string): Promise<{ code: string; state: string }>;
  close(): Promise<void>;
};

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

const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100);

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
  const clientId = `client-${randomBytes(6).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("hex");
  const tenantId = randomUUID();
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const created = Object.fromEntries(Object.keys(collections).map((name) => [name, []])) as unknown as Record<
    CollectionName,
    XeroObject[]
  >;
  const replies = new Map<string, Answer>();
  const requests: XeroRequest[] = [];
  let failures: InjectedFailure[] = [];
  let failingAlways: InjectedFailure | null = null;

  const send = (response: ServerResponse, answer: Answer, headers: Record<string, string> = {}) => {
    response.writeHead(answer.status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(answer.body));
  };

  const issueTokens = () => {
    const access = randomBytes(16).toString("hex");
    const refresh = randomBytes(16).toString("hex");
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: 1800, token_type: "Bearer" };
  };

  const token = (request: IncomingMessage, text: string): Answer => {
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
    if (request.headers.authorization !== expected) return { status: 401, body: { error: "invalid_client" } };
    const form = new URLSearchParams(text);
    if (form.get("grant_type") === "authorization_code") {
      const code = form.get("code") ?? "";
      const redirect = codes.get(code);
      codes.delete(code);
      if (redirect === undefined || redirect !== form.get("redirect_uri")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    if (form.get("grant_type") === "refresh_token") {
      if (!refreshTokens.delete(form.get("refresh_token") ?? ""))
        return { status: 400, body: { error: "invalid_grant" } };
      return { status: 200, body: issueTokens() };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  };

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

  const api = (
    request: IncomingMessage,
    url: URL,
    text: string,
  ): { answer: Answer; headers?: Record<string, string> } => {
    const method = request.method ?? "GET";
    const bearer = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!accessTokens.has(bearer))
      return { answer: { status: 401, body: { Title: "Unauthorized", Detail: "TokenExpired" } } };
    if (headerOf(request, "xero-tenant-id") !== tenantId) {
      return { answer: { status: 403, body: { Title: "Forbidden", Detail: "AuthenticationUnsuccessful" } } };
    }
    const failure = failures.shift() ?? failingAlways;
    if (failure) {
      return {
        answer: {
          status: failure.status,
          body: { Title: failure.status === 429 ? "Too Many Requests" : "Server error" },
        },
        ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": failure.retryAfter } }),
      };
    }
    const idempotencyKey = headerOf(request, "idempotency-key");
    const replay = method === "GET" || idempotencyKey === undefined ? undefined : replies.get(idempotencyKey);
    if (replay) return { answer: replay };
    const answer = route(method, url, text === "" ? null : JSON.parse(text));
    if (idempotencyKey !== undefined && method !== "GET") replies.set(idempotencyKey, answer);
    return { answer };
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const handle = async () => {
      const text = await readBody(request);
      if (url.pathname === "/identity/connect/authorize" && request.method === "GET") {
        if (url.searchParams.get("client_id") !== clientId) {
          return send(response, { status: 400, body: { error: "unauthorized_client" } });
        }
        const code = randomBytes(12).toString("hex");
        const redirectUri = url.searchParams.get("redirect_uri") ?? "";
        codes.set(code, redirectUri);
        const location = new URL(redirectUri);
        location.searchParams.set("code", code);
        location.searchParams.set("state", url.searchParams.get("state") ?? "");
        response.writeHead(302, { location: location.toString() });
        return response.end();
      }
      if (url.pathname === "/identity/connect/token" && request.method === "POST") {
        return send(response, token(request, text));
      }
      if (url.pathname === "/connections" && request.method === "GET") {
        const bearer = (request.headers.authorization ?? "").replace(/^Bearer /, "");
        if (!accessTokens.has(bearer))
          return send(response, { status: 401, body: { Detail: "TokenExpired" } });
        return send(response, {
          status: 200,
          body: [
            { id: randomUUID(), tenantId, tenantType: "ORGANISATION", tenantName: "Local organisation" },
          ],
        });
      }
      if (url.pathname.startsWith("/api.xro/2.0/")) {
        const { answer, headers } = api(request, url, text);
        requests.push({
          method: request.method ?? "GET",
          path: url.pathname.replace(/^\/api\.xro\/2\.0/, ""),
          idempotencyKey: headerOf(request, "idempotency-key"),
          status: answer.status,
        });
        return send(response, answer, headers);
      }
      send(response, { status: 404, body: { Message: "Not found" } });
    };
    handle().catch((error: unknown) => send(response, { status: 500, body: { Message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiBaseUrl: `${url}/api.xro/2.0`,
    authorizeUrl: `${url}/identity/connect/authorize`,
    tokenUrl: `${url}/identity/connect/token`,
    connectionsUrl: `${url}/connections`,
    clientId,
    clientSecret,
    tenantId,
    created,
    requests,
    failNext: (next) => {
      failures = [...failures, ...next];
    },
    failAlways: (failure) => {
      failingAlways = failure;
    },
    recover: () => {
      failures = [];
      failingAlways = null;
    },
    consent: async (consentUrl) => {
      const answer = await fetch(consentUrl, { redirect: "manual" });
      const location = new URL(answer.headers.get("location") ?? "");
      return {
        code: location.searchParams.get("code") ?? "",
        state: location.searchParams.get("state") ?? "",
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
