// How a domain declares its routes: method and path, a stable operation id, a
// summary, the schemas and the handler, in a few lines. The helper adds what
// every route of a group shares (tags, the permission in `config.permission`,
// the standard error responses) and keeps the handler typed by the schemas:
// `request.params`, `request.query` and `request.body` are the schemas' static
// types, and what the handler returns must match the response schema.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  ContextConfigDefault,
  FastifyContextConfig,
  FastifyReply,
  FastifyRequest,
  FastifySchemaCompiler,
  RawServerDefault,
  RouteGenericInterface,
} from "fastify";
import type { Static, TObject, TSchema } from "typebox";
import type { Permission } from "../auth/roles.ts";
import type { RequestContext } from "../context.ts";
import type { PageRequest } from "../database/list-pages.ts";
import { inSpan } from "../tracing.ts";
import {
  PagedQuery,
  PageOf,
  type PageQueryValues,
  pageRequestOf,
  toPage,
  withoutSortKey,
} from "./pagination.ts";
import { IdParams, standardErrorResponses } from "./schemas.ts";
import type { FairbillApp } from "./server.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** A route's method and path, as in the OpenAPI document: "GET /customers/:id". */
export type RouteSpec = `${Method} /${string}`;

/** 303 for a route that sends the browser on (a sign-in callback). */
type SuccessStatus = 200 | 201 | 202 | 303;
type Schema = TSchema | undefined;

/** Who may call a group's routes: an API key with a permission, or a route's own check (the portal, a provider). */
type RouteAccess = Permission | FastifyContextConfig;

/** The Fastify schema a handler is typed from. */
type HandlerSchema<
  Params extends Schema,
  Query extends Schema,
  Body extends Schema,
  Response extends TSchema,
> = {
  params: Params;
  querystring: Query;
  body: Body;
  response: Record<SuccessStatus, Response>;
};

type RouteRequest<S extends HandlerSchema<Schema, Schema, Schema, TSchema>> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  S,
  TypeBoxTypeProvider
>;

type RouteReply<S extends HandlerSchema<Schema, Schema, Schema, TSchema>> = FastifyReply<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
>;

/**
 * Answers with the response schema's type (sent with the route's status), or
 * returns the reply after sending something else itself (a PDF, a CSV, a
 * status chosen at run time).
 */
type Handler<S extends HandlerSchema<Schema, Schema, Schema, TSchema>> = (
  request: RouteRequest<S>,
  reply: RouteReply<S>,
) => Reply<S> | Promise<Reply<S>>;

type Reply<S extends HandlerSchema<Schema, Schema, Schema, TSchema>> =
  | Static<S["response"][200]>
  | RouteReply<S>;

type RouteDefinition<
  Params extends Schema,
  Query extends Schema,
  Body extends Schema,
  Response extends TSchema,
> = {
  /** Unique in the document, camelCase verb and noun: `getCustomer`, `listInvoices`. */
  operationId: string;
  summary: string;
  description?: string;
  params?: Params;
  query?: Query;
  body?: Body;
  /** The schema of the success response. */
  response: Response;
  /** The success status (default 200); a list when the answer or the handler chooses among them. */
  status?: SuccessStatus | readonly SuccessStatus[];
  /** The status of an answer, one of `status`, where the answer decides it (201 made, 200 only previewed). */
  statusOf?: (answer: Static<Response>) => SuccessStatus;
  /** The permission, where it is not the group's read or write one. */
  permission?: Permission;
  /** The error responses, where they are not the standard ones. */
  errors?: Record<number, TSchema>;
  headers?: TSchema;
  bodyLimit?: number;
  validatorCompiler?: FastifySchemaCompiler<unknown>;
};

type RouteGroup = {
  tags: string[];
  /** The access of `read` and `list` routes. */
  read?: RouteAccess;
  /** The access of `write` routes. */
  write?: RouteAccess;
  /** For routes without an API key: `[]`. */
  security?: never[];
  /** A description every route of the group shares, unless it has its own. */
  description?: string;
};

type ListDefinition<Params extends Schema, Filters extends TObject, Item extends TSchema> = Omit<
  RouteDefinition<Params, undefined, undefined, Item>,
  "response" | "query" | "body" | "status" | "statusOf"
> & {
  /** The list's filters; `limit` and `cursor` are added. */
  filters?: Filters;
  /** The fields the list can be sorted by (`?sort=name`, `?sort=-name`); the lister pages with sortedPage. */
  sorts?: readonly string[];
  /** One element of the page; the response is `PageOf(item)`. */
  item: Item;
};

type ListRequest<Params extends Schema> = RouteRequest<HandlerSchema<Params, undefined, undefined, TSchema>>;

/**
 * A cursor-paged list: `lister` gets the filters (the query without `limit`,
 * `cursor` and `sort`) and the page, and returns up to `limit + 1` rows, newest
 * first or in the page's sort (each row then with its `page_sort_key`);
 * `present` turns a row into a page's item.
 */
type ListMethod = {
  <Params extends Schema = undefined, Filters extends TObject = TObject, Item extends TSchema = TSchema>(
    spec: RouteSpec,
    definition: ListDefinition<Params, Filters, Item>,
    lister: (
      request: ListRequest<Params>,
      filters: Static<Filters>,
      page: PageRequest,
    ) => Promise<(Static<Item> & { id: string })[]>,
  ): void;
  <
    Params extends Schema = undefined,
    Filters extends TObject = TObject,
    Item extends TSchema = TSchema,
    Row extends { id: string } = { id: string },
  >(
    spec: RouteSpec,
    definition: ListDefinition<Params, Filters, Item>,
    lister: (request: ListRequest<Params>, filters: Static<Filters>, page: PageRequest) => Promise<Row[]>,
    present: (row: Row) => Static<Item>,
  ): void;
};

/**
 * A cursor-paged list under what the id in the path names (`GET
 * /customers/:id/wallets`): `lister` gets the request's context and the id,
 * then the filters and the page, as a list's lister does.
 */
type ListByIdMethod = <Filters extends TObject = TObject, Item extends TSchema = TSchema>(
  spec: RouteSpec,
  definition: Omit<ListDefinition<undefined, Filters, Item>, "params">,
  lister: (
    context: RequestContext,
    id: string,
    filters: Static<Filters>,
    page: PageRequest,
  ) => Promise<(Static<Item> & { id: string })[]>,
) => void;

/**
 * A read of what the id in the path names (`GET /contracts/:id`, `GET
 * /customers/:id/balance`): `find` gets the request's context and the id, and
 * answers the response or a 404.
 */
type ReadByIdMethod = <Response extends TSchema = TSchema>(
  spec: RouteSpec,
  definition: Omit<RouteDefinition<undefined, undefined, undefined, Response>, "params" | "query" | "body">,
  find: (context: RequestContext, id: string) => Promise<Static<Response>>,
) => void;

/**
 * A write to what the id in the path names (`POST /coupons/:id/archive`):
 * `act` gets the request's context, the id and the body (when the route has
 * one) and answers the response.
 */
type WriteByIdMethod = <Body extends Schema = undefined, Response extends TSchema = TSchema>(
  spec: RouteSpec,
  definition: Omit<RouteDefinition<undefined, undefined, Body, Response>, "params" | "query">,
  act: (
    context: RequestContext,
    id: string,
    body: Body extends TSchema ? Static<Body> : undefined,
  ) => Promise<Static<Response>>,
) => void;

type RouteMethod = <
  Params extends Schema = undefined,
  Query extends Schema = undefined,
  Body extends Schema = undefined,
  Response extends TSchema = TSchema,
>(
  spec: RouteSpec,
  definition: RouteDefinition<Params, Query, Body, Response>,
  handler: Handler<HandlerSchema<Params, Query, Body, Response>>,
) => void;

/** What defineRoutes answers: a group's route declarations, by the access they need. */
export type RouteDeclarations = {
  read: RouteMethod;
  readById: ReadByIdMethod;
  write: RouteMethod;
  writeById: WriteByIdMethod;
  list: ListMethod;
  listById: ListByIdMethod;
};

/**
 * The route declarations of one group of routes (a tag and its permissions):
 * `read`, `readById`, `list` and `listById` routes need the group's read access, `write` and `writeById` routes its
 * write access, unless a route names its own `permission`.
 */
export function defineRoutes(app: FairbillApp, group: RouteGroup): RouteDeclarations {
  const declare = (
    access: RouteAccess | undefined,
    spec: RouteSpec,
    definition: AnyDefinition,
    handler: AnyHandler,
  ) => declareRoute(app, group, access, spec, definition, handler);
  const read: RouteMethod = (spec, definition, handler) =>
    declare(group.read, spec, definition, handler as AnyHandler);
  const readById: ReadByIdMethod = (spec, definition, find) =>
    read(spec, { ...definition, params: IdParams }, ({ context, params }) => find(context, params.id));
  const write: RouteMethod = (spec, definition, handler) =>
    declare(group.write, spec, definition, handler as AnyHandler);
  const writeById: WriteByIdMethod = (spec, definition, act) =>
    write(spec, { ...definition, params: IdParams }, ({ context, params, body }) =>
      act(context, params.id, body as never),
    );
  const list: ListMethod = (
    spec: RouteSpec,
    { filters, sorts, item, ...definition }: ListDefinition<Schema, TObject, TSchema>,
    lister: (request: never, filters: never, page: PageRequest) => Promise<{ id: string }[]>,
    present: (row: never) => unknown = (row) => row,
  ) =>
    declare(
      group.read,
      spec,
      { ...definition, query: PagedQuery(filters, sorts), response: PageOf(item) },
      async (request) => {
        const { limit: _limit, cursor: _cursor, sort: _sort, ...rest } = request.query as PageQueryValues;
        const page = pageRequestOf(request.query as PageQueryValues);
        const rows = await lister(request as never, rest as never, page);
        const presentRow = present as (row: object) => unknown;
        return toPage(rows, page.limit, (row) => presentRow(withoutSortKey(row)), page.sort);
      },
    );
  const listById: ListByIdMethod = (spec, definition, lister) =>
    list<typeof IdParams, TObject, TSchema>(
      spec,
      { ...(definition as Omit<ListDefinition<undefined, TObject, TSchema>, "params">), params: IdParams },
      ({ context, params }, filters, page) => lister(context, params.id, filters as never, page),
    );
  return { read, readById, write, writeById, list, listById };
}

type AnyDefinition = Omit<RouteDefinition<Schema, Schema, Schema, TSchema>, "statusOf"> & {
  statusOf?: (answer: never) => SuccessStatus;
};
type AnyHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

function declareRoute(
  app: FairbillApp,
  group: RouteGroup,
  access: RouteAccess | undefined,
  spec: RouteSpec,
  definition: AnyDefinition,
  handler: AnyHandler,
): void {
  const [method, url] = spec.split(" ") as [Method, string];
  const routeAccess = definition.permission ?? access;
  if (routeAccess === undefined) {
    throw new Error(`${spec} (${definition.operationId}) needs a permission: its group has none for it.`);
  }
  const statuses = definition.status === undefined ? [200] : [definition.status].flat();
  const [status] = statuses as [SuccessStatus];
  const description = definition.description ?? group.description;
  app.route({
    method,
    url,
    config: typeof routeAccess === "string" ? { permission: routeAccess } : routeAccess,
    ...(definition.bodyLimit === undefined ? {} : { bodyLimit: definition.bodyLimit }),
    ...(definition.validatorCompiler === undefined
      ? {}
      : { validatorCompiler: definition.validatorCompiler }),
    schema: {
      operationId: definition.operationId,
      tags: group.tags,
      summary: definition.summary,
      ...(description === undefined ? {} : { description }),
      ...operationSecurity(group, routeAccess),
      ...(definition.params === undefined ? {} : { params: definition.params }),
      ...(definition.query === undefined ? {} : { querystring: definition.query }),
      ...(definition.headers === undefined ? {} : { headers: definition.headers }),
      ...(definition.body === undefined ? {} : { body: definition.body }),
      response: {
        ...Object.fromEntries(statuses.map((code) => [code, definition.response])),
        ...(definition.errors ?? standardErrorResponses),
      },
    },
    handler: (request, reply) =>
      inSpan(
        `${method} ${request.routeOptions.url ?? url}`,
        {
          kind: "server",
          attributes: {
            "http.request.method": method,
            "http.route": request.routeOptions.url ?? url,
            "fairbill.operation_id": definition.operationId,
          },
        },
        async (span) => {
          reply.code(status);
          const answer = await handler(request, reply);
          if (definition.statusOf !== undefined) reply.code(definition.statusOf(answer as never));
          span.setAttribute("http.response.status_code", reply.statusCode);
          return answer;
        },
      ),
  });
}

/**
 * The document names the permission a route needs as the scope of its
 * requirements, an API key or a person's session (OpenAPI 3.1 lets any scheme
 * list the roles it requires); a route open to anyone signed in keeps the
 * document's default (no scope), a public one says so (`[]`).
 */
function operationSecurity(
  group: RouteGroup,
  access: RouteAccess,
): { security?: Record<string, string[]>[] } {
  if (group.security !== undefined) return { security: group.security };
  return typeof access === "string" ? { security: [{ apiKey: [access] }, { session: [access] }] } : {};
}
