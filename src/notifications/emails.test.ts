// Customer emails end to end: templates edited through the API, messages
// queued in a transaction, sent by the real job worker to a real SMTP server
// this test starts, and read back with a MIME parser; or, with no SMTP server
// configured, written to the outbox folder.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  outboxEmail,
  removeDataDirectory,
  SmtpReceiver,
  temporaryDataDirectory,
} from "../../test/support/mail.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { readConfiguration } from "../platform/config.ts";
import { createJobWorker, type JobWorker } from "../platform/jobs/job-worker.ts";
import { emailRetryDelaysSeconds } from "./email-sending.ts";
import { type EmailTemplateData, emailTemplateNames } from "./email-template-catalog.ts";
import { queueEmail } from "./emails.ts";
import { notificationJobHandlers } from "./notification-jobs.ts";

/** A real SMTP server on this machine that wants a login and keeps what it receives. */
async function startSmtpServer(): Promise<SmtpReceiver> {
  const smtp = new SmtpReceiver({ username: "fairbill", password: "s3cret" });
  await smtp.start();
  return smtp;
}

const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };
// A day ahead of the database's clock, whose now() dates the send jobs, so that they are due at once.
const clock = new TestClock(new Date(Date.now() + 24 * 3_600_000));
const from = "Acme Billing <billing@acme.example>";
const suite = appForFile({ clock });
let tenant: TestTenant;
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await temporaryDataDirectory("fairbill-emails");
});
afterAll(async () => {
  await removeDataDirectory(dataDirectory);
});
beforeEach(async () => {
  tenant = await suite.testApp.newTenant("Emails");
});

/** The job worker `fairbill serve` runs, with the given SMTP_URL (or none). */
function workerWith(smtpUrl: string | undefined): JobWorker {
  return createJobWorker({
    database: suite.testApp.handle.database,
    clock,
    logger: silentLogger,
    handlers: notificationJobHandlers({
      database: suite.testApp.handle.database,
      clock,
      email: { smtpUrl, emailFrom: from, dataDirectory },
    }),
  });
}

const invoiceData: EmailTemplateData["invoice_issued"] = {
  customer: { name: "O'Brien <Tools> & Sons", email: "ap@obrien.example" },
  invoice: {
    number: "INV-7",
    amount_due: "120.00",
    currency: "EUR",
    due_on: "2026-04-15",
    issued_on: "2026-04-01",
    total: "120.00",
    lines: [
      { description: "Seats", quantity: "3", amount: "90.00" },
      { description: "Storage <GB>", quantity: "30", amount: "30.00" },
    ],
  },
};

async function queue(data = invoiceData, to = "ap@obrien.example") {
  const context = tenant.context();
  return suite.testApp.handle.database
    .transaction()
    .execute((transaction) =>
      queueEmail(transaction, context, { template: "invoice_issued", to, data, customerId: "cus_fixture" }),
    );
}

describe("email templates", () => {
  it("starts with a built-in template for every customer email", async () => {
    const response = await tenant.admin.get("/v1/email-templates");
    expect(response.status).toBe(200);
    expect(response.body.data.map((template: { template: string }) => template.template)).toEqual([
      ...emailTemplateNames,
    ]);
    for (const template of response.body.data) {
      expect(template).toMatchObject({ id: null, version: 0, is_default: true });
    }
  });

  it("keeps every edit as a new version, in the audit log, and can bring an old one back", async () => {
    const first = await tenant.admin.post("/v1/email-templates", {
      template: "payment_failed",
      subject: "We could not collect {{payment.amount}}",
      html_body: "<p>Dear {{customer.name}}</p>",
      text_body: "Dear {{customer.name}}",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, is_default: false, template: "payment_failed" });
    expect(first.body.id).toMatch(/^etp_/);
    // Ids sort by the time they were made; the clock stands still unless moved.
    clock.advance(60_000);
    const second = await tenant.admin.post("/v1/email-templates", {
      template: "payment_failed",
      subject: "Payment problem",
      html_body: "<p>Hi {{customer.name}}</p>",
      text_body: "Hi {{customer.name}}",
    });
    expect(second.body.version).toBe(2);

    const current = await tenant.admin.get("/v1/email-templates");
    const inForce = current.body.data.find(
      (template: { template: string }) => template.template === "payment_failed",
    );
    expect(inForce).toEqual(second.body);

    clock.advance(60_000);
    const restored = await tenant.admin.post(`/v1/email-templates/${first.body.id}/restore`, {});
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      version: 3,
      subject: first.body.subject,
      html_body: first.body.html_body,
    });

    const versions = await tenant.admin.get("/v1/email-templates/versions?template=payment_failed");
    expect(versions.body.data.map((version: { version: number }) => version.version)).toEqual([3, 2, 1]);
    expect((await tenant.admin.get(`/v1/email-templates/${first.body.id}`)).body).toEqual(first.body);

    const audit = await tenant.admin.get("/v1/audit-events?object_type=email_template");
    const entries = audit.body.data.filter(
      (entry: { action: string }) => entry.action === "email_template.updated",
    );
    expect(entries).toHaveLength(3);
  });

  it("refuses a template with a syntax mistake, naming the field and the place", async () => {
    const response = await tenant.admin.post("/v1/email-templates", {
      template: "invoice_issued",
      subject: "Invoice {{invoice.number}}",
      html_body: "<p>\n{{#each invoice.lines}}{{description}}</p>",
      text_body: "{{customer.name",
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "$.html_body", message: "line 2, column 1: {{#each}} is never closed" },
      { path: "$.text_body", message: "line 1, column 1: a {{ is never closed with }}" },
    ]);
  });

  it("previews with sample data, escaping every value in HTML and naming unknown variables", async () => {
    const sample = await tenant.admin.post("/v1/email-templates/preview", { template: "dunning_reminder" });
    expect(sample.status).toBe(200);
    expect(sample.body.subject).toBe("Reminder: invoice INV-2026-0042 is 5 days overdue");
    expect(sample.body.missing_variables).toEqual([]);

    const given = await tenant.admin.post("/v1/email-templates/preview", {
      template: "credit_balance_low",
      html_body: "<p>{{customer.name}} has {{credit.balance}} {{credit.unti}}</p>",
      text_body: "{{customer.name}}",
      data: { customer: { name: "<script>alert(1)</script>" }, credit: { balance: "5.00" } },
    });
    expect(given.body.html_body).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; has 5.00 </p>");
    expect(given.body.text_body).toBe("<script>alert(1)</script>");
    // The subject is the one in force, which uses credit.unit too.
    expect(given.body.missing_variables).toEqual(["credit.unit", "credit.unti"]);
  });
});

describe("sending emails", () => {
  it("sends through the SMTP server of SMTP_URL, with the template in force, and logs it as sent", async () => {
    const smtp = await startSmtpServer();
    const smtpUrl = smtp.url("fairbill:s3cret");
    try {
      await tenant.admin.post("/v1/email-templates", {
        template: "invoice_issued",
        subject: "Your invoice {{invoice.number}} from Acme",
        html_body:
          "<p>Dear {{customer.name}}</p><ul>{{#each invoice.lines}}<li>{{description}}: {{amount}}</li>{{/each}}</ul>",
        text_body:
          "Dear {{customer.name}}\n{{#each invoice.lines}}* {{description}}: {{amount}} {{invoice.currency}}\n{{/each}}",
      });
      const email = await queue();
      const queued = await tenant.admin.get(`/v1/emails/${email.id}`);
      expect(queued.body).toMatchObject({ status: "queued", template_version: 1, to: "ap@obrien.example" });

      expect(await workerWith(smtpUrl).runDueJobs()).toBe(1);
      expect(smtp.received).toHaveLength(1);
      const { envelope, mail } = smtp.received[0]!;
      expect(envelope.mailFrom ? envelope.mailFrom.address : undefined).toBe("billing@acme.example");
      expect(envelope.rcptTo.map((recipient) => recipient.address)).toEqual(["ap@obrien.example"]);
      expect(mail.subject).toBe("Your invoice INV-7 from Acme");
      expect(mail.from?.value).toEqual([{ name: "Acme Billing", address: "billing@acme.example" }]);
      expect(mail.messageId).toBe(`<${email.id}@fairbill>`);
      expect(mail.text).toBe("Dear O'Brien <Tools> & Sons\n* Seats: 90.00 EUR\n* Storage <GB>: 30.00 EUR\n");
      expect(mail.html).toBe(
        "<p>Dear O&#39;Brien &lt;Tools&gt; &amp; Sons</p><ul><li>Seats: 90.00</li><li>Storage &lt;GB&gt;: 30.00</li></ul>",
      );

      const sent = await tenant.admin.get(`/v1/emails/${email.id}`);
      expect(sent.body).toMatchObject({
        status: "sent",
        transport: "smtp",
        attempt_count: 1,
        last_error: null,
        sent_at: clock.now().toISOString(),
        customer_id: "cus_fixture",
      });
      const listed = await tenant.admin.get("/v1/emails?status=sent&template=invoice_issued");
      expect(listed.body.data.map((listedEmail: { id: string }) => listedEmail.id)).toEqual([email.id]);
      // A second run of the job (a worker that died before recording it) sends nothing twice.
      expect(await workerWith(smtpUrl).runDueJobs()).toBe(0);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it("writes .eml files to <data directory>/outbox when no SMTP server is configured", async () => {
    const email = await queue();
    expect(await workerWith(undefined).runDueJobs()).toBe(1);
    const mail = await outboxEmail(dataDirectory, email.id);
    expect(mail.subject).toBe("Invoice INV-7: 120.00 EUR due 2026-04-15");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined).toBe("ap@obrien.example");
    expect(mail.text).toContain("- Storage <GB> (30): 30.00 EUR");
    expect(mail.html).toContain("Storage &lt;GB&gt;");
    const logged = await tenant.admin.get(`/v1/emails/${email.id}`);
    expect(logged.body).toMatchObject({ status: "sent", transport: "folder" });
  });

  it("retries a send the SMTP server does not take, then marks the email failed", async () => {
    const smtp = await startSmtpServer();
    // The right server with the wrong password: every attempt is refused.
    const smtpUrl = smtp.url("fairbill:wrong");
    try {
      const email = await queue();
      const worker = workerWith(smtpUrl);
      expect(await worker.runDueJobs()).toBe(1);
      const afterFirst = await tenant.admin.get(`/v1/emails/${email.id}`);
      expect(afterFirst.body).toMatchObject({ status: "queued", attempt_count: 1 });
      expect(afterFirst.body.last_error).toMatch(/Invalid username or password/);
      for (const delay of emailRetryDelaysSeconds) {
        clock.advance(delay * 1000);
        expect(await worker.runDueJobs()).toBe(1);
      }
      const failed = await tenant.admin.get("/v1/emails?status=failed");
      expect(failed.body.data).toHaveLength(1);
      expect(failed.body.data[0]).toMatchObject({
        id: email.id,
        attempt_count: emailRetryDelaysSeconds.length + 1,
        transport: "smtp",
      });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it("logs a message to an unusable address as failed without failing the change that sent it", async () => {
    const email = await queue(invoiceData, "not an address");
    const logged = await tenant.admin.get(`/v1/emails/${email.id}`);
    expect(logged.body).toMatchObject({ status: "failed", attempt_count: 0 });
    expect(logged.body.last_error).toBe('"not an address" is not an email address');
  });
});

describe("email configuration", () => {
  it("reads SMTP_URL and EMAIL_FROM, and refuses an SMTP_URL of another kind", () => {
    expect(readConfiguration({})).toMatchObject({
      smtpUrl: undefined,
      emailFrom: "Fairbill <billing@localhost>",
    });
    expect(
      readConfiguration({ SMTP_URL: "smtps://user:pass@mail.example.com:465", EMAIL_FROM: from }),
    ).toMatchObject({ smtpUrl: "smtps://user:pass@mail.example.com:465", emailFrom: from });
    expect(() => readConfiguration({ SMTP_URL: "https://mail.example.com" })).toThrow(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
  });
});
