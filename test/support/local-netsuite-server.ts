// A local server that speaks the part of NetSuite that Fairbill uses: OAuth 2's
// authorization code grant (the consent's redirect with the company, the
// account's token endpoint) and the SuiteTalk REST record API of one account
// (/services/rest/record/v1): records created by POST (answered 204 with the
// new record's Location), read by id or by external id (…/eid:<id>), an
// invoice transformed into a customer payment (…/invoice/<id>/!transform/
// customerPayment). It checks what NetSuite checks (unique external ids,
// items and accounts that exist and fit, balanced journals, no more applied
// than an invoice owes) and keeps invoices' amount remaining. Errors are
// NetSuite's RFC 9457 bodies with o:errorDetails.
import { type Answer, cents, type LocalOAuthServer, startLocalOAuthServer } from "./local-oauth-server.ts";

type NetsuiteRecord = Record<string, unknown> & { id: string };
type Ref = { id?: string } | undefined;

const recordTypes = [
  "customer",
  "invoice",
  "customerPayment",
  "customerRefund",
  "creditMemo",
  "journalEntry",
] as const;
export type NetsuiteRecordType = (typeof recordTypes)[number];

/** The account's chart of accounts (internal id → type) and its items. */
const accounts: Record<string, string> = { "1": "Bank", "2": "AcctRec", "3": "Income", "4": "OthCurrLiab" };
const items = new Set(["10"]);

export type LocalNetsuite = LocalOAuthServer & {
  tenantId: string;
  apiBaseUrl: string;
  authorizeUrl: string;
  created: Record<NetsuiteRecordType, NetsuiteRecord[]>;
};

function problem(status: number, detail: string, code = "USER_ERROR") {
  return {
    type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.${status >= 500 ? 6 : 5}.1`,
    title: status === 429 ? "Too Many Requests" : status >= 500 ? "Internal Server Error" : "Bad Request",
    status,
    "o:errorDetails": [{ detail, "o:errorCode": code }],
  };
}

const invalid = (detail: string, code = "USER_ERROR"): Answer => ({
  status: 400,
  body: problem(400, detail, code),
});

export async function startLocalNetsuite(): Promise<LocalNetsuite> {
  const created = Object.fromEntries(recordTypes.map((type) => [type, []])) as unknown as Record<
    NetsuiteRecordType,
    NetsuiteRecord[]
  >;
  let origin = "";
  let nextId = 500;
  const byId = (type: NetsuiteRecordType, id: unknown) => created[type].find((record) => record.id === id);
  const refOf = (ref: unknown) => (ref as Ref)?.id ?? "";
  const itemsOf = (sublist: unknown) =>
    ((sublist as { items?: unknown[] } | undefined)?.items ?? []) as Record<string, unknown>[];

  /** Stores the record and answers where it is, or the error NetSuite would answer. */
  const insert = (type: NetsuiteRecordType, record: Record<string, unknown>): Answer => {
    if (
      typeof record.externalId === "string" &&
      created[type].some((other) => other.externalId === record.externalId)
    ) {
      return invalid(`A ${type} record with this external ID already exists.`, "DUP_RCRD");
    }
    nextId += 1;
    const id = String(nextId);
    created[type].push({ ...record, id });
    return {
      status: 204,
      body: null,
      headers: { location: `${origin}/services/rest/record/v1/${type}/${id}` },
    };
  };

  const withLines = (type: "invoice" | "creditMemo", record: Record<string, unknown>): Answer => {
    if (byId("customer", refOf(record.entity)) === undefined) {
      return invalid(`Invalid entity reference key ${refOf(record.entity)}.`, "INVALID_KEY_OR_REF");
    }
    const lines = itemsOf(record.item);
    for (const line of lines) {
      if (!items.has(refOf(line.item)))
        return invalid(`Invalid item reference key ${refOf(line.item)}.`, "INVALID_KEY_OR_REF");
    }
    const total = lines.reduce((sum, line) => sum + cents(line.amount), 0);
    let applied = 0;
    if (type === "creditMemo") {
      for (const application of itemsOf(record.apply)) {
        const invoice = byId("invoice", refOf(application.doc));
        if (invoice === undefined) return invalid("Invalid apply doc reference.", "INVALID_KEY_OR_REF");
        if (cents(application.amount) > cents(invoice.amountRemaining))
          return invalid("You cannot apply more than the amount due.");
        applied += cents(application.amount);
      }
      for (const application of itemsOf(record.apply)) {
        const invoice = byId("invoice", refOf(application.doc)) as NetsuiteRecord;
        invoice.amountRemaining = (cents(invoice.amountRemaining) - cents(application.amount)) / 100;
      }
    }
    return insert(type, { ...record, total: total / 100, amountRemaining: (total - applied) / 100 });
  };

  const post = (path: string, record: Record<string, unknown>): Answer => {
    const transform = path.match(/^invoice\/([^/]+)\/!transform\/customerPayment$/);
    if (transform !== null) {
      const invoice = byId("invoice", transform[1]);
      if (invoice === undefined)
        return { status: 404, body: problem(404, "Record not found.", "NONEXISTENT_ID") };
      if (accounts[refOf(record.account)] !== "Bank")
        return invalid(`Account ${refOf(record.account)} is not a bank account.`);
      const applied = Math.min(cents(record.payment), cents(invoice.amountRemaining));
      invoice.amountRemaining = (cents(invoice.amountRemaining) - applied) / 100;
      return insert("customerPayment", {
        ...record,
        customer: invoice.entity,
        apply: { items: [{ doc: { id: invoice.id }, apply: true, amount: applied / 100 }] },
      });
    }
    const type = recordTypes.find((candidate) => candidate === path);
    if (type === undefined)
      return { status: 404, body: problem(404, `No record type ${path}.`, "INVALID_RCRD_TYPE") };
    if (type === "invoice" || type === "creditMemo") return withLines(type, record);
    if (type === "customerRefund") {
      if (byId("customer", refOf(record.customer)) === undefined)
        return invalid("Invalid customer reference key.", "INVALID_KEY_OR_REF");
      if (accounts[refOf(record.account)] !== "Bank")
        return invalid(`Account ${refOf(record.account)} is not a bank account.`);
      if (accounts[refOf(record.arAcct)] !== "AcctRec")
        return invalid(`Account ${refOf(record.arAcct)} is not a receivables account.`);
    }
    if (type === "journalEntry") {
      let balance = 0;
      for (const line of itemsOf(record.line)) {
        if (accounts[refOf(line.account)] === undefined)
          return invalid(`Invalid account reference key ${refOf(line.account)}.`, "INVALID_KEY_OR_REF");
        balance += cents(line.debit) - cents(line.credit);
      }
      if (balance !== 0) return invalid("The transaction is out of balance.", "UNBALANCED_JOURNAL");
    }
    return insert(type, record);
  };

  const tenantId = `TSTDRV${Math.floor(1_000_000 + Math.random() * 8_000_000)}`;
  const controls = await startLocalOAuthServer({
    paths: {
      authorize: "/app/login/oauth2/authorize.nl",
      token: "/services/rest/auth/oauth2/v1/token",
      apiPrefix: "/services/rest/record/v1/",
    },
    clientAuthentication: "basic",
    tenant: { parameter: "company", id: tenantId },
    failure: (status, why) => problem(status, why, status === 401 ? "INVALID_LOGIN" : "UNEXPECTED_ERROR"),
    api: ({ method, path, body }) => {
      if (method === "POST") {
        if (body === null || typeof body !== "object") return invalid("The request body is not a record.");
        return post(decodeURIComponent(path), body as Record<string, unknown>);
      }
      const read = path.match(/^(\w+)\/(eid:)?([^/]+)$/);
      const type = recordTypes.find((candidate) => candidate === read?.[1]);
      if (method !== "GET" || read === null || type === undefined) {
        return { status: 405, body: problem(405, "Unsupported operation.", "INVALID_REQUEST") };
      }
      const key = decodeURIComponent(read[3] ?? "");
      const found = created[type].find(
        (record) => (read[2] === undefined ? record.id : record.externalId) === key,
      );
      return found === undefined
        ? { status: 404, body: problem(404, `The record instance does not exist: ${key}.`, "NONEXISTENT_ID") }
        : { status: 200, body: found };
    },
  });
  origin = controls.url;
  return {
    ...controls,
    tenantId,
    apiBaseUrl: controls.url,
    authorizeUrl: `${controls.url}/app/login/oauth2/authorize.nl`,
    created,
  };
}
