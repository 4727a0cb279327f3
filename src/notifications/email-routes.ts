// HTTP routes for customer emails: /v1/email-templates (the wording, its
// versions and a preview) and /v1/emails (the log of what was sent).
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf } from "../platform/http/schemas.ts";
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

export function registerEmailRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Emails"], read: "billing:read", write: "billing:write" });

  routes.read(
    "GET /email-templates",
    {
      operationId: "listEmailTemplates",
      summary: "Every customer email's template in force: the newest saved version or the built-in one",
      response: ListOf(EmailTemplateSchema),
    },
    async ({ context }) => ({ data: await listEmailTemplates(context) }),
  );

  routes.write(
    "POST /email-templates",
    {
      operationId: "saveEmailTemplate",
      summary: "Save a new version of a template; it is used from now on",
      description:
        "Templates insert data with {{customer.name}}, repeat with {{#each invoice.lines}}…{{/each}} and " +
        "choose with {{#if invoice.url}}…{{else}}…{{/if}}. Values are HTML-escaped in the HTML body.",
      body: SaveEmailTemplateBody,
      response: EmailTemplateSchema,
      status: 201,
    },
    ({ context, body }) => saveEmailTemplate(context, body),
  );

  routes.list(
    "GET /email-templates/versions",
    {
      operationId: "listEmailTemplateVersions",
      summary: "The saved versions of the templates (or of one), newest first",
      filters: EmailTemplateVersionsQuery,
      item: EmailTemplateSchema,
    },
    ({ context }, { template }, page) => listEmailTemplateVersions(context, template, page),
  );

  routes.read(
    "POST /email-templates/preview",
    {
      operationId: "previewEmailTemplate",
      summary: "Render a template (the one in force, or the wording given) with sample or given data",
      body: PreviewEmailTemplateBody,
      response: EmailPreviewSchema,
    },
    ({ context, body }) => previewEmailTemplate(context, body),
  );

  routes.readById(
    "GET /email-templates/:id",
    {
      operationId: "getEmailTemplateVersion",
      summary: "Read one saved version of a template",
      response: EmailTemplateSchema,
    },
    getEmailTemplateVersion,
  );

  routes.writeById(
    "POST /email-templates/:id/restore",
    {
      operationId: "restoreEmailTemplateVersion",
      summary: "Make an earlier version current again, as a new version with its wording",
      response: EmailTemplateSchema,
      status: 201,
    },
    restoreEmailTemplateVersion,
  );

  routes.list(
    "GET /emails",
    {
      operationId: "listEmails",
      summary: "The emails sent or queued to customers, newest first, with their status",
      filters: EmailListQuery,
      item: EmailMessageSchema,
    },
    ({ context }, filters, page) => listEmails(context, filters, page),
  );

  routes.readById(
    "GET /emails/:id",
    {
      operationId: "getEmail",
      summary: "Read an email with the subject and bodies that were sent",
      response: EmailMessageWithBodiesSchema,
    },
    getEmail,
  );
}
