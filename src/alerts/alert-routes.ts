// HTTP routes for alerts: a customer's rules under /v1/customers/{id}/alerts,
// every rule at /v1/alerts, and a rule's firings at /v1/alerts/{id}/triggers.
import { Type } from "typebox";
import { defineRoutes } from "../platform/http/routes.ts";
import { NonEmptyId, NonEmptyIdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  createAlertRule,
  deleteAlertRule,
  getAlertRule,
  listAlertRules,
  listAlertTriggers,
  listCustomerAlertRules,
  presentAlertRule,
  presentAlertTrigger,
  updateAlertRule,
} from "./alert-rules.ts";
import {
  AlertListQuery,
  AlertRuleSchema,
  AlertTriggerSchema,
  CreateAlertRuleBody,
  CustomerAlertListQuery,
  UpdateAlertRuleBody,
} from "./alert-schemas.ts";

const CustomerAlertParams = Type.Object({ id: NonEmptyId, alert_id: NonEmptyId });

export function registerAlertRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Alerts"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /customers/:id/alerts",
    {
      operationId: "createAlert",
      summary: "Create an alert: a spend, usage or credit balance threshold of the customer",
      params: NonEmptyIdParams,
      body: CreateAlertRuleBody,
      response: AlertRuleSchema,
      status: 201,
    },
    ({ context, params, body }) => createAlertRule(context, params.id, body),
  );

  routes.list(
    "GET /customers/:id/alerts",
    {
      operationId: "listCustomerAlerts",
      summary: "List the customer's alerts, newest first",
      params: NonEmptyIdParams,
      filters: CustomerAlertListQuery,
      item: AlertRuleSchema,
    },
    ({ context, params }, filters, page) => listCustomerAlertRules(context, params.id, filters, page),
    presentAlertRule,
  );

  routes.read(
    "GET /customers/:id/alerts/:alert_id",
    {
      operationId: "getAlert",
      summary: "Read one of the customer's alerts",
      params: CustomerAlertParams,
      response: AlertRuleSchema,
    },
    ({ context, params }) => getAlertRule(context, params.id, params.alert_id),
  );

  routes.write(
    "PATCH /customers/:id/alerts/:alert_id",
    {
      operationId: "updateAlert",
      summary: "Change an alert's threshold, name, email or enabled flag; a new threshold fires anew",
      params: CustomerAlertParams,
      body: UpdateAlertRuleBody,
      response: AlertRuleSchema,
    },
    ({ context, params, body }) => updateAlertRule(context, params.id, params.alert_id, body),
  );

  routes.write(
    "DELETE /customers/:id/alerts/:alert_id",
    {
      operationId: "deleteAlert",
      summary: "Delete an alert: it is no longer evaluated or listed",
      params: CustomerAlertParams,
      response: AlertRuleSchema,
    },
    ({ context, params }) => deleteAlertRule(context, params.id, params.alert_id),
  );

  routes.list(
    "GET /alerts",
    {
      operationId: "listAlerts",
      summary: "List every customer's alerts, newest first",
      filters: AlertListQuery,
      item: AlertRuleSchema,
    },
    ({ context }, filters, page) => listAlertRules(context, filters, page),
    presentAlertRule,
  );

  routes.list(
    "GET /alerts/:id/triggers",
    {
      operationId: "listAlertTriggers",
      summary: "List an alert's firings, newest first",
      params: NonEmptyIdParams,
      item: AlertTriggerSchema,
    },
    ({ context, params }, _filters, page) => listAlertTriggers(context, params.id, page),
    presentAlertTrigger,
  );
}
