// A local HTTP server that speaks the part of Salesforce that Fairbill uses,
// with the paths and shapes jsforce sends and reads: OAuth 2
// (/services/oauth2/authorize and /services/oauth2/token, whose answer names
// the instance URL and the identity URL with the organization's id), SOQL
// queries (SELECT fields FROM object [WHERE field = value [AND …]]) over
// Accounts, Opportunities and OpportunityLineItems, and Account creates and
// updates (sObject REST). A test adds accounts and won opportunities as a
// salesperson would, and can make it answer 429, 5xx or 401 (an expired session).
import { randomBytes } from "node:crypto";
import { type Answer, type LocalOAuthServer, startLocalOAuthServer } from "./local-oauth-server.ts";

type SalesforceRecord = Record<string, unknown> & { Id: string };

export type LocalSalesforce = LocalOAuthServer & {
  organizationId: string;
  loginUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  objects: Record<"Account" | "Opportunity" | "OpportunityLineItem", SalesforceRecord[]>;
  addAccount(fields: Record<string, unknown>): SalesforceRecord;
  addWonOpportunity(
    fields: Record<string, unknown>,
    accountId: string,
    lineItems: Record<string, unknown>[],
  ): SalesforceRecord;
};

const prefixes = { Account: "001", Opportunity: "006", OpportunityLineItem: "00k" } as const;
type ObjectName = keyof typeof prefixes;

/** Salesforce's error codes: an expired session, the request limit, a missing record, a server error. */
const errorCodes: Record<number, string> = {
  401: "INVALID_SESSION_ID",
  429: "REQUEST_LIMIT_EXCEEDED",
  404: "NOT_FOUND",
  503: "SERVER_UNAVAILABLE",
};

const errorBody = (status: number) => [
  {
    message:
      status === 429 ? "Too many requests" : status === 401 ? "Session expired or invalid" : `HTTP ${status}`,
    errorCode: errorCodes[status] ?? (status >= 500 ? "UNKNOWN_EXCEPTION" : "BAD_REQUEST"),
  },
];

/** One condition of a WHERE clause: a field equal to a quoted string, true, false or null. */
function conditionOf(text: string): ((record: SalesforceRecord) => boolean) | null {
  const match = /^(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|true|false|null)$/i.exec(text.trim());
  if (match === null) return null;
  const [, field = "", literal = ""] = match;
  const value: unknown = literal.startsWith("'")
    ? literal.slice(1, -1).replace(/\\(.)/g, "$1")
    : literal.toLowerCase() === "null"
      ? null
      : literal.toLowerCase() === "true";
  return (record) => (record[field] ?? null) === value;
}

export async function startLocalSalesforce(): Promise<LocalSalesforce> {
  const organizationId = `00D${randomBytes(6).toString("hex").toUpperCase().slice(0, 12)}AAA`;
  let counter = 1;
  const objects: LocalSalesforce["objects"] = { Account: [], Opportunity: [], OpportunityLineItem: [] };
  const newRecord = (name: ObjectName, fields: Record<string, unknown>): SalesforceRecord => {
    const record = { ...fields, Id: `${prefixes[name]}${String(counter++).padStart(12, "0")}AAA` };
    objects[name].push(record);
    return record;
  };
  const apiPath = /^\/services\/data\/v(\d+\.\d)\/(.*)$/;

  const query = (soql: string, base: string): Answer => {
    const match = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+))?$/is.exec(soql.trim());
    const name = match?.[2] as ObjectName | undefined;
    if (match === null || name === undefined || objects[name] === undefined) {
      return { status: 400, body: [{ message: `unsupported query: ${soql}`, errorCode: "MALFORMED_QUERY" }] };
    }
    const fields = (match[1] ?? "").split(",").map((field) => field.trim());
    const conditions = match[3] === undefined ? [] : match[3].split(/\s+AND\s+/i).map(conditionOf);
    if (conditions.some((condition) => condition === null)) {
      return {
        status: 400,
        body: [{ message: `unsupported condition: ${soql}`, errorCode: "MALFORMED_QUERY" }],
      };
    }
    const records = objects[name]
      .filter((record) => conditions.every((condition) => condition?.(record)))
      .map((record) => ({
        attributes: { type: name, url: `${base}/sobjects/${name}/${record.Id}` },
        ...Object.fromEntries(fields.map((field) => [field, record[field] ?? null])),
      }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  };

  const server = await startLocalOAuthServer({
    paths: { authorize: "/services/oauth2/authorize", token: "/services/oauth2/token" },
    clientAuthentication: "form",
    expiresInSeconds: 1800,
    tokenFields: (url) => ({
      instance_url: url,
      id: `${url}/id/${organizationId}/005000000000001AAA`,
      issued_at: String(Date.now()),
      signature: randomBytes(12).toString("base64"),
    }),
    failure: errorBody,
    api: ({ method, url, body }) => {
      const match = apiPath.exec(url.pathname);
      if (match === null) return null;
      const base = `/services/data/v${match[1]}`;
      const rest = match[2] ?? "";
      if (rest === "query" && method === "GET") return query(url.searchParams.get("q") ?? "", base);
      const sobject = /^sobjects\/(Account)(?:\/(\w+))?$/.exec(rest);
      if (sobject === null) return null;
      const fields = (body ?? {}) as Record<string, unknown>;
      if (sobject[2] === undefined && method === "POST") {
        if (typeof fields.Name !== "string" || fields.Name === "") {
          return {
            status: 400,
            body: [{ message: "Required fields are missing: [Name]", errorCode: "REQUIRED_FIELD_MISSING" }],
          };
        }
        const record = newRecord("Account", fields);
        return { status: 201, body: { id: record.Id, success: true, errors: [] } };
      }
      if (sobject[2] !== undefined && method === "PATCH") {
        const record = objects.Account.find((candidate) => candidate.Id === sobject[2]);
        if (record === undefined) return { status: 404, body: errorBody(404) };
        Object.assign(record, fields, { Id: record.Id });
        return { status: 204, body: null };
      }
      return null;
    },
  });

  return {
    ...server,
    organizationId,
    loginUrl: server.url,
    authorizeUrl: `${server.url}/services/oauth2/authorize`,
    tokenUrl: `${server.url}/services/oauth2/token`,
    objects,
    addAccount: (fields) => newRecord("Account", fields),
    addWonOpportunity: (fields, accountId, lineItems) => {
      const opportunity = newRecord("Opportunity", {
        ...fields,
        AccountId: accountId,
        StageName: "Closed Won",
        IsWon: true,
      });
      for (const item of lineItems)
        newRecord("OpportunityLineItem", { ...item, OpportunityId: opportunity.Id });
      return opportunity;
    },
  };
}
