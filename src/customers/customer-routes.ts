// HTTP routes for customers: /v1/customers.
import { Type } from "typebox";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { StrictObject } from "../platform/http/validation.ts";
import {
  CreateCustomerBody,
  CustomerListQuery,
  CustomerSchema,
  customerSortFields,
  UpdateCustomerBody,
} from "./customer-schemas.ts";
import {
  archiveCustomer,
  createCustomer,
  type ExternalIdUsageCheck,
  getCustomer,
  getCustomerByExternalId,
  listCustomers,
  updateCustomer,
} from "./customers.ts";

/**
 * The customer routes; `externalIdInUse` (metering's answer, from the
 * composition root) refuses a change of the external id that usage was sent under.
 */
export function customerRoutes(options: { externalIdInUse: ExternalIdUsageCheck }) {
  return (app: FairbillApp): void => registerCustomerRoutes(app, options.externalIdInUse);
}

function registerCustomerRoutes(app: FairbillApp, externalIdInUse: ExternalIdUsageCheck): void {
  const routes = defineRoutes(app, { tags: ["Customers"], read: "customers:read", write: "customers:write" });

  routes.write(
    "POST /customers",
    {
      operationId: "createCustomer",
      summary: "Create a customer",
      body: CreateCustomerBody,
      response: CustomerSchema,
      status: 201,
    },
    ({ context, body }) => createCustomer(context, body),
  );

  routes.list(
    "GET /customers",
    {
      operationId: "listCustomers",
      summary: "List customers, newest first or sorted by name, email, external id or creation",
      filters: CustomerListQuery,
      sorts: customerSortFields,
      item: CustomerSchema,
    },
    ({ context }, filters, page) => listCustomers(context, filters, page),
  );

  routes.readById(
    "GET /customers/:id",
    {
      operationId: "getCustomer",
      summary: "Read a customer by its Fairbill id",
      response: CustomerSchema,
    },
    getCustomer,
  );

  routes.read(
    "GET /customers/lookup",
    {
      operationId: "getCustomerByExternalId",
      summary: "Read a customer by your own external id",
      query: StrictObject({
        external_id: Type.String({ minLength: 1, maxLength: 255, examples: ["acme-42"] }),
      }),
      response: CustomerSchema,
    },
    ({ context, query }) => getCustomerByExternalId(context, query.external_id),
  );

  routes.writeById(
    "PATCH /customers/:id",
    {
      operationId: "updateCustomer",
      summary: "Change some of a customer's fields; null clears a field",
      description:
        "The external_id can change until usage events are sent under it; after that the answer is 409 " +
        "customer_external_id_has_usage, since usage is billed by the external id its events name.",
      body: UpdateCustomerBody,
      response: CustomerSchema,
    },
    (context, id, body) => updateCustomer(context, id, body, { externalIdInUse }),
  );

  routes.writeById(
    "POST /customers/:id/archive",
    {
      operationId: "archiveCustomer",
      summary: "Archive a customer: kept with its history, no longer billed anew",
      response: CustomerSchema,
    },
    archiveCustomer,
  );
}
