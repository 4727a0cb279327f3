// HTTP routes for alerts: a customer's rules under /v1/customers/{id}/alerts,
// every rule at /v1/alerts, and a rule's firings at /v1/alerts/{id}/triggers.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
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

const ObjectId = Type.String({ minLength: 1, maxLength: 64 });
const CustomerParams = Type.Object({ id: ObjectId });
const CustomerAlertParams = Type.Object({ id: ObjectId, alert_id: ObjectId });

export function registerAlertRoutes(app: FairbillApp): void {
  const tags = ["Alerts"];
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };

  app.post(
    "/customers/:id/alerts",
    {
      config: write,
      schema: {
        tags,
        summary: "Create an alert: a spend, usage or credit balance threshold of the customer",
        params: CustomerParams,
        body: CreateAlertRuleBody,
        response: { 201: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAlertRule(request.context, request.params.id, request.body)),
  );

  app.get(
    "/customers/:id/alerts",
    {
      config: read,
      schema: {
        tags,
        summary: "List the customer's alerts, newest first",
        params: CustomerParams,
        querystring: Type.Object(
          { ...CustomerAlertListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(AlertRuleSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const rows = await listCustomerAlertRules(request.context, request.params.id, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(rows, limit, presentAlertRule);
    },
  );

  app.get(
    "/customers/:id/alerts/:alert_id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read one of the customer's alerts",
        params: CustomerAlertParams,
        response: { 200: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request) => getAlertRule(request.context, request.params.id, request.params.alert_id),
  );

  app.patch(
    "/customers/:id/alerts/:alert_id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change an alert's threshold, name, email or enabled flag; a new threshold fires anew",
        params: CustomerAlertParams,
        body: UpdateAlertRuleBody,
        response: { 200: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      updateAlertRule(request.context, request.params.id, request.params.alert_id, request.body),
  );

  app.delete(
    "/customers/:id/alerts/:alert_id",
    {
      config: write,
      schema: {
        tags,
        summary: "Delete an alert: it is no longer evaluated or listed",
        params: CustomerAlertParams,
        response: { 200: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request) => deleteAlertRule(request.context, request.params.id, request.params.alert_id),
  );

  app.get(
    "/alerts",
    {
      config: read,
      schema: {
        tags,
        summary: "List every customer's alerts, newest first",
        querystring: Type.Object(
          { ...AlertListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(AlertRuleSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const rows = await listAlertRules(request.context, filters, { limit, afterId: decodeCursor(cursor) });
      return toPage(rows, limit, presentAlertRule);
    },
  );

  app.get(
    "/alerts/:id/triggers",
    {
      config: read,
      schema: {
        tags,
        summary: "List an alert's firings, newest first",
        params: Type.Object({ id: ObjectId }),
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(AlertTriggerSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const rows = await listAlertTriggers(request.context, request.params.id, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(rows, limit, presentAlertTrigger);
    },
  );
}
