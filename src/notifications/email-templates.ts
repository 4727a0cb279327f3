// Email templates per environment: the built-in wording until an operator
// saves their own, then versions 1, 2, … (every save a new version, never an
// edit, each in the audit log), with a preview that renders any wording with
// sample or given data.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound, validationFailed } from "../platform/errors.ts";
import { renderEmailContent, templateSyntaxErrors } from "./email-rendering.ts";
import type {
  EmailPreview,
  EmailTemplate,
  PreviewEmailTemplateInput,
  SaveEmailTemplateInput,
} from "./email-schemas.ts";
import {
  defaultEmailTemplates,
  type EmailTemplateName,
  emailTemplateNames,
  isEmailTemplateName,
  sampleEmailData,
} from "./email-template-catalog.ts";
import type { EmailTemplateTable } from "./tables.ts";
import { TemplateOutputTooLarge } from "./template-language.ts";

type EmailTemplateRow = Selectable<EmailTemplateTable>;

/** A version an operator saved (the built-in templates have no id). */
type SavedEmailTemplate = EmailTemplate & { id: string };

/** The template in force for `name`: the newest saved version, or the built-in default. */
export async function currentEmailTemplate(
  database: Database,
  scope: TenantScope,
  name: EmailTemplateName,
): Promise<EmailTemplate> {
  const row = await selectTemplates(database, scope)
    .where("template", "=", name)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? presentTemplate(row) : builtInTemplate(name);
}

/** Every email's template in force, in the catalog's order. */
export async function listEmailTemplates(context: RequestContext): Promise<EmailTemplate[]> {
  const rows = await selectTemplates(context.database, context)
    .distinctOn("template")
    .orderBy("template")
    .orderBy("version", "desc")
    .execute();
  const saved = new Map(rows.map((row) => [row.template, presentTemplate(row)]));
  return emailTemplateNames.map((name) => saved.get(name) ?? builtInTemplate(name));
}

export async function saveEmailTemplate(
  context: RequestContext,
  input: SaveEmailTemplateInput,
): Promise<EmailTemplate> {
  const errors = templateSyntaxErrors(input);
  if (errors.length > 0) throw validationFailed(errors);
  return saveVersion(context, input.template, input);
}

export async function getEmailTemplateVersion(context: RequestContext, id: string): Promise<EmailTemplate> {
  const row = await selectTemplates(context.database, context).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("email template version", id);
  return presentTemplate(row);
}

/** The saved versions of one template (or of all), newest first. */
export async function listEmailTemplateVersions(
  context: RequestContext,
  name: EmailTemplateName | undefined,
  page: PageRequest,
): Promise<SavedEmailTemplate[]> {
  let query = newestFirstPage(selectTemplates(context.database, context), page);
  if (name !== undefined) query = query.where("template", "=", name);
  const rows = await query.execute();
  return rows.map(presentTemplate);
}

/** Makes an earlier version current again, as a new version with its wording. */
export async function restoreEmailTemplateVersion(
  context: RequestContext,
  id: string,
): Promise<EmailTemplate> {
  const earlier = await getEmailTemplateVersion(context, id);
  if (!isEmailTemplateName(earlier.template)) {
    throw conflict("email_template_retired", `Version ${id} is of a template Fairbill no longer sends.`);
  }
  return saveVersion(context, earlier.template, earlier);
}

/** Renders the current wording, or the wording given, with the data given or the template's sample data. */
export async function previewEmailTemplate(
  context: RequestContext,
  input: PreviewEmailTemplateInput,
): Promise<EmailPreview> {
  const errors = templateSyntaxErrors(input);
  if (errors.length > 0) throw validationFailed(errors);
  const current = await currentEmailTemplate(context.database, context, input.template);
  const data = input.data ?? (sampleEmailData[input.template] as Record<string, unknown>);
  try {
    const rendered = renderEmailContent(
      {
        subject: input.subject ?? current.subject,
        html_body: input.html_body ?? current.html_body,
        text_body: input.text_body ?? current.text_body,
      },
      data,
    );
    return {
      subject: rendered.subject,
      html_body: rendered.html,
      text_body: rendered.text,
      missing_variables: rendered.missing,
      data,
    };
  } catch (error) {
    if (error instanceof TemplateOutputTooLarge) {
      throw validationFailed([{ path: "$.data", message: `makes an email too large: ${error.message}` }]);
    }
    throw error;
  }
}

async function saveVersion(
  context: RequestContext,
  name: EmailTemplateName,
  content: { subject: string; html_body: string; text_body: string },
): Promise<EmailTemplate> {
  const now = context.clock.now();
  try {
    return await context.database.transaction().execute(async (transaction) => {
      const before = await currentEmailTemplate(transaction, context, name);
      const row = await insertTenantRow(transaction, context, "email_templates", "emailTemplate", now, {
        template: name,
        version: before.version + 1,
        subject: content.subject,
        html_body: content.html_body,
        text_body: content.text_body,
        created_at: now,
      });
      const after = presentTemplate(row);
      await recordAuditEvent(transaction, context, {
        action: "email_template.updated",
        objectType: "email_template",
        objectId: name,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        "email_template_changed",
        `Another version of the ${name} template was saved at the same time; read it and save again.`,
      );
    }
    throw error;
  }
}

function selectTemplates(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "email_templates");
}

function builtInTemplate(name: EmailTemplateName): EmailTemplate {
  return {
    id: null,
    template: name,
    version: 0,
    is_default: true,
    ...defaultEmailTemplates[name],
    created_at: null,
  };
}

function presentTemplate(row: EmailTemplateRow): SavedEmailTemplate {
  return {
    id: row.id,
    template: row.template,
    version: row.version,
    is_default: false,
    subject: row.subject,
    html_body: row.html_body,
    text_body: row.text_body,
    created_at: row.created_at.toISOString(),
  };
}
