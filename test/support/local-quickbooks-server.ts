// A local server that speaks the part of QuickBooks Online that Fairbill
// uses, as node-quickbooks and intuit-oauth call it: OAuth 2 (the consent's
// redirect with the realmId, the token endpoint) and the v3 accounting API
// of one company: entities created by POST /v3/company/<realm>/<entity>
// (a repeated requestid answered as the first time), read by id, and found
// by GET …/query with QuickBooks' query language (`select * from Invoice
// where DocNumber = '…'`, conditions joined by `and`). It checks what
// QuickBooks checks (unique display names and document numbers, items and
// accounts that exist and fit, balanced journals, payments no larger than
// what is owed) and keeps invoices' balances and credit memos' remaining
// credit. Errors are QuickBooks' Fault bodies.
import { type Answer, cents, type LocalOAuthServer, startLocalOAuthServer } from "./local-oauth-server.ts";

type QboObject = Record<string, unknown> & { Id: string };
type Ref = { value?: string } | undefined;
type Line = {
  Amount?: number;
  LinkedTxn?: { TxnId?: string; TxnType?: string }[];
  SalesItemLineDetail?: { ItemRef?: Ref };
  AccountBasedExpenseLineDetail?: { AccountRef?: Ref };
  JournalEntryLineDetail?: { PostingType?: string; AccountRef?: Ref };
};

const entities = ["Customer", "Invoice", "Payment", "Purchase", "CreditMemo", "JournalEntry"] as const;
export type QuickbooksEntity = (typeof entities)[number];

/** The company's chart of accounts (id → type) and its items (id → name). */
const quickbooksAccounts: Record<string, string> = {
  "1": "Income",
  "35": "Bank",
  "84": "Accounts Receivable",
  "90": "Other Current Liability",
};
const quickbooksItems: Record<string, string> = { "1": "Services", "2": "Seats" };

export type LocalQuickbooks = LocalOAuthServer & {
  tenantId: string;
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  created: Record<QuickbooksEntity, QboObject[]>;
};

function fault(status: number, message: string, detail = message, code = String(status)) {
  const type = status === 429 ? "ThrottleExceeded" : status === 401 ? "AUTHENTICATION" : "ValidationFault";
  return {
    Fault: { Error: [{ Message: message, Detail: detail, code }], type },
    time: new Date().toISOString(),
  };
}

const invalid = (detail: string, code = "6000"): Answer => ({
  status: 400,
  body: fault(400, "A business validation error has occurred while processing your request", detail, code),
});

export async function startLocalQuickbooks(): Promise<LocalQuickbooks> {
  const realmId = String(9_130_000_000_000_000 + Math.floor(Math.random() * 1_000_000));
  const created = Object.fromEntries(entities.map((name) => [name, []])) as unknown as Record<
    QuickbooksEntity,
    QboObject[]
  >;
  const replies = new Map<string, Answer>();
  let nextId = 100;
  const entityOf = (segment: string) => entities.find((name) => name.toLowerCase() === segment.toLowerCase());
  const byId = (name: QuickbooksEntity, id: unknown) => created[name].find((object) => object.Id === id);
  const refValue = (ref: Ref) => ref?.value ?? "";

  const query = (text: string): Answer => {
    const match = text.match(
      /^select \* from (\w+)(?: where (.*?))?(?: startposition \d+)?(?: maxresults \d+)?$/i,
    );
    const name = entityOf(match?.[1] ?? "");
    if (match === null || name === undefined)
      return { status: 400, body: fault(400, "QueryParserError", text) };
    let found = created[name];
    for (const condition of match[2]?.split(/ and /i) ?? []) {
      const parts = condition.match(/^(\w+) = '((?:[^'\\]|\\.)*)'$/);
      if (parts === null) return { status: 400, body: fault(400, "QueryParserError", condition) };
      const [, field = "", value = ""] = parts;
      const wanted = value.replaceAll("\\'", "'");
      found = found.filter((object) => {
        const property = object[field];
        return (
          (typeof property === "object" && property !== null ? refValue(property as Ref) : property) ===
          wanted
        );
      });
    }
    return {
      status: 200,
      body: { QueryResponse: { [name]: found, startPosition: 1, maxResults: found.length }, time: "" },
    };
  };

  /** The object as stored, or the fault QuickBooks would answer. */
  const create = (name: QuickbooksEntity, object: Record<string, unknown>): QboObject | Answer => {
    const lines = (object.Line ?? []) as Line[];
    const customerId = refValue((object.CustomerRef ?? object.EntityRef) as Ref);
    if (name !== "Customer" && name !== "JournalEntry" && byId("Customer", customerId) === undefined) {
      return invalid(`Invalid Reference Id : Customer ${customerId} does not exist`, "2500");
    }
    if (name === "Customer") {
      if (created.Customer.some((customer) => customer.DisplayName === object.DisplayName)) {
        return invalid("The name supplied already exists.", "6240");
      }
    }
    const total = lines.reduce((sum, line) => sum + cents(line.Amount), 0);
    if (name === "Invoice" || name === "CreditMemo") {
      if (created[name].some((other) => other.DocNumber === object.DocNumber)) {
        return invalid("Duplicate Document Number Error", "6140");
      }
      for (const line of lines) {
        const item = refValue(line.SalesItemLineDetail?.ItemRef);
        if (quickbooksItems[item] === undefined)
          return invalid(`Invalid Reference Id : Item ${item}`, "2500");
      }
      Object.assign(
        object,
        name === "Invoice"
          ? { TotalAmt: total / 100, Balance: total / 100 }
          : { TotalAmt: total / 100, RemainingCredit: total / 100 },
      );
    }
    if (name === "Payment") {
      const account = refValue(object.DepositToAccountRef as Ref);
      if (cents(object.TotalAmt) > 0 && quickbooksAccounts[account] !== "Bank") {
        return invalid(`Account ${account} is not a bank account to deposit to.`);
      }
      for (const line of lines) {
        for (const linked of line.LinkedTxn ?? []) {
          const target = byId(linked.TxnType === "CreditMemo" ? "CreditMemo" : "Invoice", linked.TxnId);
          const field = linked.TxnType === "CreditMemo" ? "RemainingCredit" : "Balance";
          if (target === undefined)
            return invalid(`Invalid Reference Id : ${linked.TxnType} ${linked.TxnId}`, "2500");
          if (cents(line.Amount) > cents(target[field])) {
            return invalid(
              `The amount applied is more than the ${field === "Balance" ? "balance due" : "credit left"}.`,
            );
          }
        }
      }
      for (const line of lines) {
        for (const linked of line.LinkedTxn ?? []) {
          const target = byId(
            linked.TxnType === "CreditMemo" ? "CreditMemo" : "Invoice",
            linked.TxnId,
          ) as QboObject;
          const field = linked.TxnType === "CreditMemo" ? "RemainingCredit" : "Balance";
          target[field] = (cents(target[field]) - cents(line.Amount)) / 100;
        }
      }
    }
    if (name === "Purchase") {
      const bank = refValue(object.AccountRef as Ref);
      if (quickbooksAccounts[bank] !== "Bank") return invalid(`Account ${bank} is not a bank account.`);
      for (const line of lines) {
        const account = refValue(line.AccountBasedExpenseLineDetail?.AccountRef);
        if (quickbooksAccounts[account] === undefined)
          return invalid(`Invalid Reference Id : Account ${account}`, "2500");
      }
      object.TotalAmt = total / 100;
    }
    if (name === "JournalEntry") {
      let balance = 0;
      for (const line of lines) {
        const detail = line.JournalEntryLineDetail;
        const account = refValue(detail?.AccountRef);
        if (quickbooksAccounts[account] === undefined)
          return invalid(`Invalid Reference Id : Account ${account}`, "2500");
        balance += detail?.PostingType === "Credit" ? -cents(line.Amount) : cents(line.Amount);
      }
      if (balance !== 0) return invalid("Journal Entry must have equal debits and credits.", "6060");
    }
    nextId += 1;
    const stored: QboObject = {
      ...object,
      Id: String(nextId),
      SyncToken: "0",
      MetaData: { CreateTime: new Date().toISOString() },
    };
    created[name].push(stored);
    return stored;
  };

  const controls = await startLocalOAuthServer({
    paths: { authorize: "/connect/oauth2", token: "/oauth2/v1/tokens/bearer", apiPrefix: "/v3/company/" },
    clientAuthentication: "basic",
    tenant: { parameter: "realmId", id: realmId },
    failure: (status, why) => fault(status, why),
    api: ({ method, path, url, body }) => {
      const [realm, segment = "", id] = path.split("/");
      if (realm !== realmId) return { status: 403, body: fault(403, "ApplicationAuthorizationFailed") };
      if (segment === "query" && method === "GET") return query(url.searchParams.get("query") ?? "");
      const name = entityOf(segment);
      if (name === undefined) return { status: 404, body: fault(404, `No such entity: ${segment}`) };
      if (method === "GET" && id !== undefined) {
        const found = byId(name, id);
        return found === undefined
          ? invalid(
              `Object Not Found : Something you're trying to use has been made inactive or deleted`,
              "610",
            )
          : { status: 200, body: { [name]: found, time: "" } };
      }
      if (method !== "POST" || id !== undefined || body === null || typeof body !== "object") {
        return { status: 405, body: fault(405, "Unsupported operation") };
      }
      const requestId = url.searchParams.get("requestid");
      const replay = requestId === null ? undefined : replies.get(requestId);
      if (replay !== undefined) return replay;
      const outcome = create(name, body as Record<string, unknown>);
      const answer: Answer =
        "Id" in outcome ? { status: 200, body: { [name]: outcome, time: "" } } : (outcome as Answer);
      if (requestId !== null) replies.set(requestId, answer);
      return answer;
    },
  });
  return {
    ...controls,
    tenantId: realmId,
    apiBaseUrl: controls.url,
    authorizeUrl: `${controls.url}/connect/oauth2`,
    tokenUrl: `${controls.url}/oauth2/v1/tokens/bearer`,
    created,
  };
}
