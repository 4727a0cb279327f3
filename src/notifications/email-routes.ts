// HTTP routes for customer emails: /v1/email-templates (the wording, its
// versions and a preview) and /v1/emails (the log of what was sent).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  EmailListQuery,
  EmailMessageSchema,
  EmailMessageWithBodiesSchema,
  EmailPreviewSchema,
  EmailTemplateSchema,
  EmailTemplateVersionsQuery,
  PreviewEmailTemplateBody,
  SaveEmailTemplateBody,
} from "./email-schemas.ts";
import {
  getEmailTemplateVersion,
  listEmailTemplates,
  listEmailTemplateVersions,
  previewEmailTemplate,
  restoreEmailTemplateVersion,
  saveEmailTemplate,
} from "./email-templates.ts";
import { getEmail, listEmails } from "./emails.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerEmailRoutes(app: FairbillApp): void {
  const tags = ["Emails"];
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };

  app.get(
    "/email-templates",
    {
      config: read,
      schema: {
        tags,
        summary: "Every customer email's template in force: the newest saved version or the built-in one",
        response: { 200: Type.Object({ data: Type.Array(EmailTemplateSchema) }), ...standardErrorResponses },
      },
    },
    async (request) => ({ data: await listEmailTemplates(request.context) }),
  );

  app.post(
    "/email-templates",
    {
      config: write,
      schema: {
        tags,
        summary: "Save a new version of a template; it is used from now on",
        description:
          "Templates insert data with {{customer.name}}, repeat with {{#each invoice.lines}}…{{/each}} and " +
          "choose with {{#if invoice.url}}…{{else}}…{{/if}}. Values are HTML-escaped in the HTML body.",
        body: SaveEmailTemplateBody,
        response: { 201: EmailTemplateSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await saveEmailTemplate(request.context, request.body)),
  );

  app.get(
    "/email-templates/versions",
    {
      config: read,
      schema: {
        tags,
        summary: "The saved versions of the templates (or of one), newest first",
        querystring: Type.Object(
          { ...EmailTemplateVersionsQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(EmailTemplateSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, template } = request.query;
      const versions = await listEmailTemplateVersions(request.context, template, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(versions, limit, (version) => version);
    },
  );

  app.post(
    "/email-templates/preview",
    {
      config: read,
      schema: {
        tags,
        summary: "Render a template (the one in force, or the wording given) with sample or given data",
        body: PreviewEmailTemplateBody,
        response: { 200: EmailPreviewSchema, ...standardErrorResponses },
      },
    },
    async (request) => previewEmailTemplate(request.context, request.body),
  );

  app.get(
    "/email-templates/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read one saved version of a template",
        params: IdParams,
        response: { 200: EmailTemplateSchema, ...standardErrorResponses },
      },
    },
    async (request) => getEmailTemplateVersion(request.context, request.params.id),
  );

  app.post(
    "/email-templates/:id/restore",
    {
      config: write,
      schema: {
        tags,
        summary: "Make an earlier version current again, as a new version with its wording",
        params: IdParams,
        response: { 201: EmailTemplateSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await restoreEmailTemplateVersion(request.context, request.params.id)),
  );

  app.get(
    "/emails",
    {
      config: read,
      schema: {
        tags,
        summary: "The emails sent or queued to customers, newest first, with their status",
        querystring: Type.Object(
          { ...EmailListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(EmailMessageSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const emails = await listEmails(request.context, filters, { limit, afterId: decodeCursor(cursor) });
      return toPage(emails, limit, (email) => email);
    },
  );

  app.get(
    "/emails/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read an email with the subject and bodies that were sent",
        params: IdParams,
        response: { 200: EmailMessageWithBodiesSchema, ...standardErrorResponses },
      },
    },
    async (request) => getEmail(request.context, request.params.id),
  );
}
