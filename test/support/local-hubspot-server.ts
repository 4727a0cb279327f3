// A local HTTP server that speaks the part of HubSpot that Fairbill uses,
// with the paths and shapes @hubspot/api-client sends and reads: OAuth 2
// (/oauth/authorize, /oauth/v1/token, /oauth/v1/access-tokens/{token} with
// the portal's hub_id), companies (list by page, search by an EQ filter,
// create, update), deals (search by stage, read with their associated
// companies and line items) and line items (batch read). A test adds
// companies, deals and line items as a salesperson would, and can make it
// answer 429, 5xx or 401 (an expired token).
import { randomInt } from "node:crypto";
import { type Answer, type LocalOAuthServer, startLocalOAuthServer } from "./local-oauth-server.ts";

type HubSpotObject = {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
};
type Deal = HubSpotObject & { companyIds: string[]; lineItemIds: string[] };

export type LocalHubSpot = LocalOAuthServer & {
  hubId: number;
  authorizeUrl: string;
  tokenUrl: string;
  accessTokensUrl: string;
  apiBaseUrl: string;
  companies: HubSpotObject[];
  deals: Deal[];
  lineItems: HubSpotObject[];
  addCompany(properties: Record<string, string>): HubSpotObject;
  addDeal(properties: Record<string, string>, companyId: string, lineItems: Record<string, string>[]): Deal;
};

const error = (status: number, why = `HTTP ${status}`) => ({
  status: "error",
  message: status === 429 ? "You have reached your secondly limit." : why,
  correlationId: "00000000-0000-0000-0000-000000000000",
  category: status === 429 ? "RATE_LIMITS" : status === 404 ? "OBJECT_NOT_FOUND" : "VALIDATION_ERROR",
});

export async function startLocalHubSpot(): Promise<LocalHubSpot> {
  const hubId = randomInt(1_000_000, 9_999_999);
  let nextId = 1000;
  const now = () => new Date().toISOString();
  const companies: HubSpotObject[] = [];
  const deals: Deal[] = [];
  const lineItems: HubSpotObject[] = [];
  const newObject = (properties: Record<string, string | null>): HubSpotObject => ({
    id: String(nextId++),
    properties: { hs_object_id: null, ...properties },
    createdAt: now(),
    updatedAt: now(),
  });
  const shown = (object: HubSpotObject, wanted: string[] | null) => ({
    id: object.id,
    properties:
      wanted === null
        ? object.properties
        : Object.fromEntries(wanted.map((name) => [name, object.properties[name] ?? null])),
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: false,
  });
  type Search = {
    filterGroups?: { filters?: { propertyName: string; operator: string; value?: string }[] }[];
    properties?: string[];
    limit?: number;
    after?: string;
  };
  const search = (objects: HubSpotObject[], body: Search): Answer => {
    const filters = body.filterGroups?.flatMap((group) => group.filters ?? []) ?? [];
    if (filters.some((filter) => filter.operator !== "EQ")) return { status: 400, body: error(400) };
    const found = objects.filter((object) =>
      filters.every((filter) => object.properties[filter.propertyName] === filter.value),
    );
    const start = Number(body.after ?? 0);
    const limit = body.limit ?? 10;
    const page = found.slice(start, start + limit);
    return {
      status: 200,
      body: {
        total: found.length,
        results: page.map((object) => shown(object, body.properties ?? null)),
        ...(start + limit < found.length ? { paging: { next: { after: String(start + limit) } } } : {}),
      },
    };
  };

  const server = await startLocalOAuthServer({
    paths: { authorize: "/oauth/authorize", token: "/oauth/v1/token" },
    clientAuthentication: "form",
    expiresInSeconds: 1800,
    failure: error,
    open: ({ method, url }) => {
      const match = /^\/oauth\/v1\/access-tokens\/([^/]+)$/.exec(url.pathname);
      if (method !== "GET" || match === null) return null;
      const token = decodeURIComponent(match[1] ?? "");
      if (!server.knowsToken(token)) return { status: 404, body: error(404) };
      return {
        status: 200,
        body: { token, hub_id: hubId, app_id: 1, expires_in: 1800, user_id: 1, token_type: "access" },
      };
    },
    api: ({ method, url, body }) => {
      const path = url.pathname;
      if (path === "/crm/v3/objects/companies" && method === "GET") {
        const properties = url.searchParams.getAll("properties");
        const start = Number(url.searchParams.get("after") ?? 0);
        const limit = Number(url.searchParams.get("limit") ?? 10);
        return {
          status: 200,
          body: {
            results: companies.slice(start, start + limit).map((company) => shown(company, properties)),
            ...(start + limit < companies.length
              ? { paging: { next: { after: String(start + limit) } } }
              : {}),
          },
        };
      }
      if (path === "/crm/v3/objects/companies/search" && method === "POST") {
        return search(companies, body as Search);
      }
      if (path === "/crm/v3/objects/companies" && method === "POST") {
        const input = body as { properties?: Record<string, string> };
        if (typeof input.properties?.name !== "string") return { status: 400, body: error(400) };
        const company = newObject(input.properties);
        companies.push(company);
        return { status: 201, body: shown(company, null) };
      }
      const companyMatch = /^\/crm\/v3\/objects\/companies\/(\d+)$/.exec(path);
      if (companyMatch !== null && method === "PATCH") {
        const company = companies.find((candidate) => candidate.id === companyMatch[1]);
        if (company === undefined) return { status: 404, body: error(404) };
        Object.assign(company.properties, (body as { properties?: Record<string, string> }).properties);
        company.updatedAt = now();
        return { status: 200, body: shown(company, null) };
      }
      if (path === "/crm/v3/objects/deals/search" && method === "POST") return search(deals, body as Search);
      const dealMatch = /^\/crm\/v3\/objects\/deals\/(\d+)$/.exec(path);
      if (dealMatch !== null && method === "GET") {
        const deal = deals.find((candidate) => candidate.id === dealMatch[1]);
        if (deal === undefined) return { status: 404, body: error(404) };
        const wanted = url.searchParams.getAll("associations");
        const associations: Record<string, { results: { id: string; type: string }[] }> = {};
        if (wanted.includes("companies")) {
          associations.companies = {
            results: deal.companyIds.map((id) => ({ id, type: "deal_to_company" })),
          };
        }
        if (wanted.includes("line_items")) {
          associations["line items"] = {
            results: deal.lineItemIds.map((id) => ({ id, type: "deal_to_line_item" })),
          };
        }
        return {
          status: 200,
          body: { ...shown(deal, url.searchParams.getAll("properties")), associations },
        };
      }
      if (path === "/crm/v3/objects/line_items/batch/read" && method === "POST") {
        const input = body as { inputs?: { id: string }[]; properties?: string[] };
        const found = (input.inputs ?? []).map((wanted) => lineItems.find((item) => item.id === wanted.id));
        return {
          status: 200,
          body: {
            status: "COMPLETE",
            results: found.flatMap((item) =>
              item === undefined ? [] : [shown(item, input.properties ?? null)],
            ),
            startedAt: now(),
            completedAt: now(),
          },
        };
      }
      return null;
    },
  });

  return {
    ...server,
    hubId,
    authorizeUrl: `${server.url}/oauth/authorize`,
    tokenUrl: `${server.url}/oauth/v1/token`,
    accessTokensUrl: `${server.url}/oauth/v1/access-tokens`,
    apiBaseUrl: server.url,
    companies,
    deals,
    lineItems,
    addCompany: (properties) => {
      const company = newObject(properties);
      companies.push(company);
      return company;
    },
    addDeal: (properties, companyId, items) => {
      const created = items.map((item) => newObject(item));
      lineItems.push(...created);
      const deal = {
        ...newObject(properties),
        companyIds: [companyId],
        lineItemIds: created.map((item) => item.id),
      };
      deals.push(deal);
      return deal;
    },
  };
}
