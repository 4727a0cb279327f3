// The email outbox. A domain that tells a customer something calls queueEmail
// inside its own transaction: the message is rendered from the environment's
// template now (so the log shows exactly what was sent) and a send job is
// queued with it, so the email exists if and only if the change committed.
import type { Selectable } from "kysely";
import { batchesOf } from "../platform/batches.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound } from "../platform/errors.ts";
import { enqueueJobs } from "../platform/jobs/job-queue.ts";
import { emailSendJobKind } from "./email-job-payload.ts";
import { type RenderedEmail, renderEmailContent } from "./email-rendering.ts";
import type {
  EmailListFilters,
  EmailMessage,
  EmailMessageWithBodies,
  EmailTemplate,
} from "./email-schemas.ts";
import type { EmailData, EmailTemplateFields, EmailTemplateName } from "./email-template-catalog.ts";
import { currentEmailTemplate } from "./email-templates.ts";
import type { EmailMessageTable } from "./tables.ts";
import { TemplateOutputTooLarge } from "./template-language.ts";

type EmailMessageRow = Selectable<EmailMessageTable>;

// One address, as RFC 5321 allows it in practice: no spaces, one @, a dot in the domain.
const emailAddressPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const maximumAddressLength = 320;

/** One message to queue: its template, its recipient and the data the template reads. */
export type QueuedEmail<Name extends EmailTemplateName> = {
  template: Name;
  to: string;
  data: EmailData<Name>;
  customerId?: string;
};

/**
 * Renders `template` with `data` and queues the message for `to`. Call it with
 * the transaction that makes the change the email reports.
 */
export async function queueEmail<Name extends EmailTemplateName>(
  transaction: Database,
  context: RequestContext,
  email: QueuedEmail<Name>,
): Promise<{ id: string }> {
  const [queued] = await queueEmails(transaction, context, [email]);
  return queued as { id: string };
}

/**
 * queueEmail for many messages at once, as a bill run sends them: each
 * template is read once, and the messages and their send jobs are written
 * with one statement each.
 */
export async function queueEmails<Name extends EmailTemplateName>(
  transaction: Database,
  context: RequestContext,
  emails: readonly QueuedEmail<Name>[],
): Promise<{ id: string }[]> {
  if (emails.length === 0) return [];
  const now = context.clock.now();
  const templates = new Map<EmailTemplateName, EmailTemplate>();
  for (const name of new Set(emails.map((email) => email.template))) {
    templates.set(name, await currentEmailTemplate(transaction, context, name));
  }
  const rows = emails.map((email) => {
    const template = templates.get(email.template) as EmailTemplate;
    const { rendered, problem } = renderOrExplain(template, email);
    return {
      ...newTenantRow(context, "emailMessage", now),
      template: email.template,
      template_version: template.version,
      customer_id: email.customerId ?? null,
      recipient: email.to.slice(0, maximumAddressLength),
      subject: rendered?.subject ?? "",
      html_body: rendered?.html ?? "",
      text_body: rendered?.text ?? "",
      status: rendered ? ("queued" as const) : ("failed" as const),
      last_error: problem,
      created_at: now,
      updated_at: now,
    };
  });
  for (const batch of batchesOf(rows, 1000)) {
    await transaction.insertInto("email_messages").values(batch).execute();
  }
  await enqueueJobs(
    transaction,
    rows
      .filter((row) => row.status === "queued")
      .map((row) => ({
        kind: emailSendJobKind,
        payload: { emailId: row.id },
        scope: { organizationId: context.organizationId, environmentId: context.environmentId },
        // No runAt: due at once by the database's clock. A test environment's frozen clock dates the
        // email, but sending it is real I/O, on real time.
        uniqueKey: `email-send:${row.id}`,
      })),
  );
  return rows.map((row) => ({ id: row.id }));
}

/**
 * The message rendered, or why it cannot be sent. A message that cannot be
 * sent is the data's fault, not the change's: the change commits, and the
 * log shows the message as failed, with why.
 */
function renderOrExplain(
  template: EmailTemplate,
  email: QueuedEmail<EmailTemplateName>,
): { rendered: RenderedEmail | undefined; problem: string | null } {
  if (!emailAddressPattern.test(email.to) || email.to.length > maximumAddressLength) {
    return { rendered: undefined, problem: `"${email.to.slice(0, 100)}" is not an email address` };
  }
  try {
    return { rendered: renderEmailContent(template, email.data), problem: null };
  } catch (error) {
    if (!(error instanceof TemplateOutputTooLarge)) throw error;
    return {
      rendered: undefined,
      problem: `could not render the ${email.template} template: ${error.message}`,
    };
  }
}

/** A customer as an email finds them: the address on file (or none) and the name (their external id when unnamed). */
export type EmailRecipient = { id: string; email: string | null; name: string | null; external_id: string };

/**
 * Queues `template` to a customer, naming them in the data as every template
 * does; a customer with no address on file gets nothing (null).
 */
export async function queueCustomerEmail<Name extends EmailTemplateName>(
  transaction: Database,
  context: RequestContext,
  customer: EmailRecipient,
  template: Name,
  fields: EmailTemplateFields[Name],
): Promise<{ id: string } | null> {
  if (customer.email === null) return null;
  return queueEmail(transaction, context, {
    template,
    to: customer.email,
    customerId: customer.id,
    // A customer email's data is its fields and the customer (EmailData), which TypeScript cannot see through the generic name.
    data: {
      customer: { name: customer.name ?? customer.external_id, email: customer.email },
      ...fields,
    } as EmailData<Name>,
  });
}

export async function listEmails(
  context: RequestContext,
  filters: EmailListFilters,
  page: PageRequest,
): Promise<EmailMessage[]> {
  let query = newestFirstPage(selectEmails(context.database, context), page);
  if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  if (filters.template !== undefined) query = query.where("template", "=", filters.template);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  const rows = await query.execute();
  return rows.map(presentEmail);
}

export async function getEmail(context: RequestContext, id: string): Promise<EmailMessageWithBodies> {
  const row = await selectEmails(context.database, context).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("email", id);
  return { ...presentEmail(row), html_body: row.html_body, text_body: row.text_body };
}

function selectEmails(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "email_messages");
}

function presentEmail(row: EmailMessageRow): EmailMessage {
  return {
    id: row.id,
    template: row.template,
    template_version: row.template_version,
    customer_id: row.customer_id,
    to: row.recipient,
    subject: row.subject,
    status: row.status,
    attempt_count: row.attempt_count,
    last_error: row.last_error,
    transport: row.transport,
    sent_at: row.sent_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
