// HTTP routes for customers: /v1/customers.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CreateCustomerBody,
  CustomerListQuery,
  CustomerSchema,
  UpdateCustomerBody,
} from "./customer-schemas.ts";
import {
  archiveCustomer,
  createCustomer,
  getCustomer,
  getCustomerByExternalId,
  listCustomers,
  updateCustomer,
} from "./customers.ts";

const CustomerIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerCustomerRoutes(app: FairbillApp): void {
  const tags = ["Customers"];
  const read = { permission: "customers:read" as const };
  const write = { permission: "customers:write" as const };

  app.post(
    "/customers",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a customer",
        body: CreateCustomerBody,
        response: { 201: CustomerSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createCustomer(request.context, request.body)),
  );

  app.get(
    "/customers",
    {
      config: read,
      schema: {
        tags,
        summary: "List customers, newest first",
        querystring: Type.Object(
          { ...CustomerListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CustomerSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const customers = await listCustomers(request.context, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(customers, limit, (customer) => customer);
    },
  );

  app.get(
    "/customers/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a customer by its Fairbill id",
        params: CustomerIdParams,
        response: { 200: CustomerSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCustomer(request.context, request.params.id),
  );

  app.get(
    "/customers/by-external-id/:external_id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a customer by your own external id",
        params: Type.Object({ external_id: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: { 200: CustomerSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCustomerByExternalId(request.context, request.params.external_id),
  );

  app.patch(
    "/customers/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change some of a customer's fields; null clears a field",
        params: CustomerIdParams,
        body: UpdateCustomerBody,
        response: { 200: CustomerSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateCustomer(request.context, request.params.id, request.body),
  );

  app.post(
    "/customers/:id/archive",
    {
      config: write,
      schema: {
        tags,
        summary: "Archive a customer: kept with its history, no longer billed anew",
        params: CustomerIdParams,
        response: { 200: CustomerSchema, ...standardErrorResponses },
      },
    },
    async (request) => archiveCustomer(request.context, request.params.id),
  );
}
