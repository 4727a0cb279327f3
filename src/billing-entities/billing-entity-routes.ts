// HTTP routes of billing entities (/v1/billing-entities) and of the entity a
// customer belongs to (/v1/customers/:id/billing-entity).
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  createBillingEntity,
  getBillingEntity,
  listBillingEntities,
  updateBillingEntity,
} from "./billing-entities.ts";
import {
  AssignBillingEntityBody,
  BillingEntitySchema,
  CreateBillingEntityBody,
  CustomerBillingEntitySchema,
  UpdateBillingEntityBody,
} from "./billing-entity-schemas.ts";
import { assignBillingEntity, customerBillingEntity } from "./customer-assignments.ts";

export function registerBillingEntityRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, {
    tags: ["Billing entities"],
    read: "billing:read",
    write: "billing:write",
  });

  routes.write(
    "POST /billing-entities",
    {
      operationId: "createBillingEntity",
      summary:
        "Create a legal entity that invoices: legal details, tax registrations, its own numbering, payment instructions, currency, branding",
      body: CreateBillingEntityBody,
      response: BillingEntitySchema,
      status: 201,
    },
    ({ context, body }) => createBillingEntity(context, body),
  );

  routes.list(
    "GET /billing-entities",
    {
      operationId: "listBillingEntities",
      summary: "List billing entities, newest first",
      item: BillingEntitySchema,
    },
    ({ context }, _filters, page) => listBillingEntities(context, page),
  );

  routes.readById(
    "GET /billing-entities/:id",
    {
      operationId: "getBillingEntity",
      summary: "Read a billing entity",
      response: BillingEntitySchema,
    },
    getBillingEntity,
  );

  routes.writeById(
    "PATCH /billing-entities/:id",
    {
      operationId: "updateBillingEntity",
      summary:
        "Change a billing entity's details or make it the default; documents finalized later print them",
      body: UpdateBillingEntityBody,
      response: BillingEntitySchema,
    },
    updateBillingEntity,
  );

  routes.readById(
    "GET /customers/:id/billing-entity",
    {
      operationId: "getCustomerBillingEntity",
      summary: "The billing entity a customer belongs to now, and its moves",
      response: CustomerBillingEntitySchema,
    },
    customerBillingEntity,
  );

  routes.writeById(
    "PUT /customers/:id/billing-entity",
    {
      operationId: "assignCustomerBillingEntity",
      summary: "Move a customer to a billing entity from the start of a month (the next one by default)",
      body: AssignBillingEntityBody,
      response: CustomerBillingEntitySchema,
    },
    assignBillingEntity,
  );
}
