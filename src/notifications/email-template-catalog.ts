// The emails Fairbill sends, to customers and to the people who use Fairbill
// (invitations, address checks, password resets, break-glass notices): for
// each, the data its sender passes
// (the variables a template may use), sample data for previews, and the
// built-in wording used until an environment edits the template. Amounts are
// decimal strings and dates are written out by the sender, so a template only
// places text.

export const emailTemplateNames = [
  "invoice_issued",
  "payment_receipt",
  "payment_failed",
  "dunning_reminder",
  "statement_of_account",
  "dispute_received",
  "refund_confirmation",
  "credit_balance_low",
  "usage_alert",
  "account_invitation",
  "email_verification",
  "password_reset",
  "break_glass_publish",
  "rollout_rolled_back",
] as const;

export type EmailTemplateName = (typeof emailTemplateNames)[number];

export function isEmailTemplateName(value: string): value is EmailTemplateName {
  return (emailTemplateNames as readonly string[]).includes(value);
}

type EmailCustomer = { name: string; email: string };
type InvoiceReference = {
  number: string;
  amount_due: string;
  currency: string;
  due_on: string;
  url?: string;
};

/** What each email says besides whom it is for (every customer email names its customer). */
export type EmailTemplateFields = AccountEmailData & {
  invoice_issued: {
    invoice: InvoiceReference & {
      issued_on: string;
      total: string;
      lines: { description: string; quantity: string; amount: string }[];
    };
  };
  payment_receipt: {
    payment: { amount: string; currency: string; paid_on: string; method: string };
    invoice: { number: string; amount_due: string };
  };
  payment_failed: {
    payment: { amount: string; currency: string; failure_reason: string };
    invoice: InvoiceReference;
    /** When the payment is tried again, or null when it is not. */
    next_retry_on: string | null;
  };
  dunning_reminder: {
    invoice: InvoiceReference;
    days_overdue: number;
    reminder_number: number;
  };
  statement_of_account: {
    period: { from: string; to: string };
    currency: string;
    opening_balance: string;
    closing_balance: string;
    invoices: {
      number: string;
      issued_on: string;
      due_on: string;
      total: string;
      amount_due: string;
      status: string;
    }[];
  };
  dispute_received: {
    dispute: { amount: string; currency: string; reason: string; opened_on: string };
    payment: { amount: string; paid_on: string };
    invoice: { number: string };
  };
  refund_confirmation: {
    refund: { amount: string; currency: string; refunded_on: string; reason: string };
    invoice: { number: string };
  };
  credit_balance_low: {
    credit: { balance: string; threshold: string; unit: string };
  };
  /** A spend or usage alert (src/alerts): `measure` is "Spend" or "Usage of <meter>"; amounts carry their unit. */
  usage_alert: {
    alert: { measure: string; value: string; threshold: string; period_from: string; period_to: string };
  };
};

/** To billing operations, not a customer: a staged rollout's guardrails broke, and its cohort went back. */
type RolloutRolledBack = {
  rollout: {
    id: string;
    plan: string;
    from_version: number;
    to_version: number;
    stage: number;
    customers: number;
    held_drafts: number;
  };
  reasons: string[];
};

/** A person who uses Fairbill (not a customer), as account emails greet them. */
type EmailPerson = { name: string; email: string };

/** What each email to a person who uses Fairbill carries (people and governance send them). */
export type AccountEmailData = {
  account_invitation: {
    person: EmailPerson;
    organization: string;
    invited_by: string;
    role: string;
    environment: string;
    link: string;
    expires_on: string;
  };
  email_verification: { person: EmailPerson; link: string };
  password_reset: { person: EmailPerson; link: string; expires_at: string };
  break_glass_publish: {
    person: EmailPerson;
    published_by: string;
    change: string;
    environment: string;
    reason: string;
    at: string;
  };
  /** To billing operations: a staged rollout's guardrails broke, and its cohort went back. */
  rollout_rolled_back: RolloutRolledBack;
};

/** The emails to people who use Fairbill: they name a person, not a customer. */
type AccountEmailName = keyof AccountEmailData;

/** What the sender of an email passes as `data` to queueEmail: whom it is for, and what it says. */
export type EmailData<Name extends EmailTemplateName> = Name extends AccountEmailName
  ? AccountEmailData[Name]
  : { customer: EmailCustomer } & EmailTemplateFields[Name];

export type EmailTemplateData = { [Name in EmailTemplateName]: EmailData<Name> };

export type EmailContent = { subject: string; html_body: string; text_body: string };

const sampleCustomer: EmailCustomer = { name: "Acme Corp", email: "billing@acme.example" };
const sampleInvoice: InvoiceReference = {
  number: "INV-2026-0042",
  amount_due: "1180.00",
  currency: "EUR",
  due_on: "2026-03-15",
  url: "https://billing.example.com/invoices/INV-2026-0042",
};

/** Data shaped as each sender passes it, for previews and for checking a template's names. */
export const sampleEmailData: { [Name in EmailTemplateName]: EmailTemplateData[Name] } = {
  invoice_issued: {
    customer: sampleCustomer,
    invoice: {
      ...sampleInvoice,
      issued_on: "2026-03-01",
      total: "1180.00",
      lines: [
        { description: "Pro plan, March 2026", quantity: "1", amount: "980.00" },
        { description: "API calls above 1,000,000", quantity: "200000", amount: "200.00" },
      ],
    },
  },
  payment_receipt: {
    customer: sampleCustomer,
    payment: { amount: "1180.00", currency: "EUR", paid_on: "2026-03-10", method: "Visa ending in 4242" },
    invoice: { number: sampleInvoice.number, amount_due: "0.00" },
  },
  payment_failed: {
    customer: sampleCustomer,
    payment: { amount: "1180.00", currency: "EUR", failure_reason: "The card has insufficient funds." },
    invoice: sampleInvoice,
    next_retry_on: "2026-03-18",
  },
  dunning_reminder: {
    customer: sampleCustomer,
    invoice: sampleInvoice,
    days_overdue: 5,
    reminder_number: 2,
  },
  statement_of_account: {
    customer: sampleCustomer,
    period: { from: "2026-01-01", to: "2026-03-31" },
    currency: "EUR",
    opening_balance: "0.00",
    closing_balance: "1180.00",
    invoices: [
      {
        number: "INV-2026-0007",
        issued_on: "2026-01-01",
        due_on: "2026-01-15",
        total: "980.00",
        amount_due: "0.00",
        status: "paid",
      },
      {
        number: sampleInvoice.number,
        issued_on: "2026-03-01",
        due_on: "2026-03-15",
        total: "1180.00",
        amount_due: "1180.00",
        status: "open",
      },
    ],
  },
  dispute_received: {
    customer: sampleCustomer,
    dispute: { amount: "1180.00", currency: "EUR", reason: "not recognized", opened_on: "2026-03-20" },
    payment: { amount: "1180.00", paid_on: "2026-03-10" },
    invoice: { number: sampleInvoice.number },
  },
  refund_confirmation: {
    customer: sampleCustomer,
    refund: { amount: "200.00", currency: "EUR", refunded_on: "2026-03-22", reason: "usage billed twice" },
    invoice: { number: sampleInvoice.number },
  },
  credit_balance_low: {
    customer: sampleCustomer,
    credit: { balance: "120.00", threshold: "500.00", unit: "EUR" },
  },
  usage_alert: {
    customer: sampleCustomer,
    alert: {
      measure: "Spend",
      value: "1180.00 EUR",
      threshold: "1000.00 EUR",
      period_from: "2026-03-01",
      period_to: "2026-03-31",
    },
  },
  account_invitation: {
    person: { name: "Grace Hopper", email: "grace@example.com" },
    organization: "Acme Corp",
    invited_by: "Ada Lovelace",
    role: "billing_ops",
    environment: "live",
    link: "https://billing.example.com/accept-invitation?token=sample",
    expires_on: "2026-03-08",
  },
  email_verification: {
    person: { name: "Grace Hopper", email: "grace@example.com" },
    link: "https://billing.example.com/verify-email?token=sample",
  },
  password_reset: {
    person: { name: "Grace Hopper", email: "grace@example.com" },
    link: "https://billing.example.com/reset-password?token=sample",
    expires_at: "2026-03-01 10:30 UTC",
  },
  break_glass_publish: {
    person: { name: "Grace Hopper", email: "grace@example.com" },
    published_by: "Ada Lovelace",
    change: "version 3 of plan growth",
    environment: "live",
    reason: "the price page promised this price at launch; the approver is away",
    at: "2026-03-01T10:00:00.000Z",
  },
  rollout_rolled_back: {
    rollout: {
      id: "rol_01JDQ9ZK4M8T2V6XQ3R7B5N1HC",
      plan: "pro",
      from_version: 3,
      to_version: 4,
      stage: 2,
      customers: 25,
      held_drafts: 25,
    },
    reasons: [
      "customer cus_01JDQ9ZK4M8T2V6XQ3R7B5N1HC: the draft moved 48.00% against the previous invoices (bound 20%)",
    ],
  },
};

const greeting = "<p>Hello {{customer.name}},</p>";
const textGreeting = "Hello {{customer.name}},";
const invoiceLink =
  '{{#if invoice.url}}<p><a href="{{invoice.url}}">View invoice {{invoice.number}}</a></p>{{/if}}';
const textInvoiceLink = "{{#if invoice.url}}View the invoice: {{invoice.url}}\n{{/if}}";

/** The wording of each email until an environment saves its own version. */
export const defaultEmailTemplates: Record<EmailTemplateName, EmailContent> = {
  invoice_issued: {
    subject: "Invoice {{invoice.number}}: {{invoice.amount_due}} {{invoice.currency}} due {{invoice.due_on}}",
    html_body: `${greeting}
<p>Your invoice {{invoice.number}} of {{invoice.issued_on}} is ready.</p>
<table>
{{#each invoice.lines}}<tr><td>{{description}}</td><td>{{quantity}}</td><td>{{amount}} {{invoice.currency}}</td></tr>
{{/each}}<tr><td colspan="2"><strong>Total</strong></td><td><strong>{{invoice.total}} {{invoice.currency}}</strong></td></tr>
</table>
<p>Amount due: {{invoice.amount_due}} {{invoice.currency}}, by {{invoice.due_on}}.</p>
${invoiceLink}`,
    text_body: `${textGreeting}

Your invoice {{invoice.number}} of {{invoice.issued_on}} is ready.

{{#each invoice.lines}}- {{description}} ({{quantity}}): {{amount}} {{invoice.currency}}
{{/each}}
Total: {{invoice.total}} {{invoice.currency}}
Amount due: {{invoice.amount_due}} {{invoice.currency}}, by {{invoice.due_on}}.
${textInvoiceLink}`,
  },
  payment_receipt: {
    subject: "Receipt: {{payment.amount}} {{payment.currency}} for invoice {{invoice.number}}",
    html_body: `${greeting}
<p>We received your payment of {{payment.amount}} {{payment.currency}} on {{payment.paid_on}} ({{payment.method}}) for invoice {{invoice.number}}. Thank you.</p>
<p>Still due on this invoice: {{invoice.amount_due}} {{payment.currency}}.</p>`,
    text_body: `${textGreeting}

We received your payment of {{payment.amount}} {{payment.currency}} on {{payment.paid_on}} ({{payment.method}}) for invoice {{invoice.number}}. Thank you.

Still due on this invoice: {{invoice.amount_due}} {{payment.currency}}.
`,
  },
  payment_failed: {
    subject: "Payment failed for invoice {{invoice.number}}",
    html_body: `${greeting}
<p>We could not collect {{payment.amount}} {{payment.currency}} for invoice {{invoice.number}}: {{payment.failure_reason}}</p>
{{#if next_retry_on}}<p>We will try again on {{next_retry_on}}. Please check your payment method before then.</p>{{else}}<p>Please pay the invoice or update your payment method.</p>{{/if}}
${invoiceLink}`,
    text_body: `${textGreeting}

We could not collect {{payment.amount}} {{payment.currency}} for invoice {{invoice.number}}: {{payment.failure_reason}}
{{#if next_retry_on}}We will try again on {{next_retry_on}}. Please check your payment method before then.{{else}}Please pay the invoice or update your payment method.{{/if}}
${textInvoiceLink}`,
  },
  dunning_reminder: {
    subject: "Reminder: invoice {{invoice.number}} is {{days_overdue}} days overdue",
    html_body: `${greeting}
<p>Invoice {{invoice.number}} was due on {{invoice.due_on}} and {{invoice.amount_due}} {{invoice.currency}} is still open.</p>
<p>Please pay it at your earliest convenience. If you have already paid, please ignore this message.</p>
${invoiceLink}`,
    text_body: `${textGreeting}

Invoice {{invoice.number}} was due on {{invoice.due_on}} and {{invoice.amount_due}} {{invoice.currency}} is still open.
Please pay it at your earliest convenience. If you have already paid, please ignore this message.
${textInvoiceLink}`,
  },
  statement_of_account: {
    subject: "Statement of account, {{period.from}} to {{period.to}}",
    html_body: `${greeting}
<p>Your statement from {{period.from}} to {{period.to}}.</p>
<p>Opening balance: {{opening_balance}} {{currency}}</p>
<table>
<tr><th>Invoice</th><th>Issued</th><th>Due</th><th>Total</th><th>Open</th><th>Status</th></tr>
{{#each invoices}}<tr><td>{{number}}</td><td>{{issued_on}}</td><td>{{due_on}}</td><td>{{total}}</td><td>{{amount_due}}</td><td>{{status}}</td></tr>
{{else}}<tr><td colspan="6">No invoices in this period.</td></tr>
{{/each}}</table>
<p>Closing balance: {{closing_balance}} {{currency}}</p>`,
    text_body: `${textGreeting}

Your statement from {{period.from}} to {{period.to}}.
Opening balance: {{opening_balance}} {{currency}}

{{#each invoices}}- {{number}}, issued {{issued_on}}, due {{due_on}}: {{total}} {{currency}}, open {{amount_due}} ({{status}})
{{else}}No invoices in this period.
{{/each}}
Closing balance: {{closing_balance}} {{currency}}
`,
  },
  dispute_received: {
    subject: "We received a dispute for invoice {{invoice.number}}",
    html_body: `${greeting}
<p>Your bank told us on {{dispute.opened_on}} that you dispute {{dispute.amount}} {{dispute.currency}} of your payment of {{payment.paid_on}} for invoice {{invoice.number}} (reason: {{dispute.reason}}).</p>
<p>If this was a mistake, please reply to this message so that we can sort it out together.</p>`,
    text_body: `${textGreeting}

Your bank told us on {{dispute.opened_on}} that you dispute {{dispute.amount}} {{dispute.currency}} of your payment of {{payment.paid_on}} for invoice {{invoice.number}} (reason: {{dispute.reason}}).
If this was a mistake, please reply to this message so that we can sort it out together.
`,
  },
  refund_confirmation: {
    subject: "Refund of {{refund.amount}} {{refund.currency}} for invoice {{invoice.number}}",
    html_body: `${greeting}
<p>We refunded {{refund.amount}} {{refund.currency}} for invoice {{invoice.number}} on {{refund.refunded_on}} ({{refund.reason}}). It can take a few days to appear on your statement.</p>`,
    text_body: `${textGreeting}

We refunded {{refund.amount}} {{refund.currency}} for invoice {{invoice.number}} on {{refund.refunded_on}} ({{refund.reason}}). It can take a few days to appear on your statement.
`,
  },
  credit_balance_low: {
    subject: "Your credit balance is low: {{credit.balance}} {{credit.unit}} left",
    html_body: `${greeting}
<p>Your credit balance is {{credit.balance}} {{credit.unit}}, below your threshold of {{credit.threshold}} {{credit.unit}}.</p>
<p>Top up your credits to keep your service running without interruption.</p>`,
    text_body: `${textGreeting}

Your credit balance is {{credit.balance}} {{credit.unit}}, below your threshold of {{credit.threshold}} {{credit.unit}}.
Top up your credits to keep your service running without interruption.
`,
  },
  usage_alert: {
    subject: "Usage alert: {{alert.measure}} reached {{alert.value}}",
    html_body: `${greeting}
<p>{{alert.measure}} for your billing period {{alert.period_from}} to {{alert.period_to}} has reached {{alert.value}}, at or above your alert threshold of {{alert.threshold}}.</p>
<p>This alert is sent once per billing period.</p>`,
    text_body: `${textGreeting}

{{alert.measure}} for your billing period {{alert.period_from}} to {{alert.period_to}} has reached {{alert.value}}, at or above your alert threshold of {{alert.threshold}}.
This alert is sent once per billing period.
`,
  },
  account_invitation: {
    subject: "{{invited_by}} invited you to {{organization}} on Fairbill",
    html_body: `<p>Hello {{person.name}},</p>
<p>{{invited_by}} invited you to {{organization}}'s billing on Fairbill, as {{role}} in the {{environment}} environment.</p>
<p><a href="{{link}}">Accept the invitation</a> and choose your password before {{expires_on}}.</p>
<p>If you did not expect this, ignore this message.</p>`,
    text_body: `Hello {{person.name}},

{{invited_by}} invited you to {{organization}}'s billing on Fairbill, as {{role}} in the {{environment}} environment.
Accept the invitation and choose your password before {{expires_on}}:
{{link}}

If you did not expect this, ignore this message.
`,
  },
  email_verification: {
    subject: "Confirm your email address for Fairbill",
    html_body: `<p>Hello {{person.name}},</p>
<p><a href="{{link}}">Confirm that {{person.email}} is your address</a>.</p>`,
    text_body: `Hello {{person.name}},

Confirm that {{person.email}} is your address:
{{link}}
`,
  },
  password_reset: {
    subject: "Reset your Fairbill password",
    html_body: `<p>Hello {{person.name}},</p>
<p>Someone asked to reset the password of your Fairbill account. <a href="{{link}}">Choose a new password</a> before {{expires_at}}.</p>
<p>If it was not you, ignore this message: your password stays as it is.</p>`,
    text_body: `Hello {{person.name}},

Someone asked to reset the password of your Fairbill account. Choose a new password before {{expires_at}}:
{{link}}

If it was not you, ignore this message: your password stays as it is.
`,
  },
  break_glass_publish: {
    subject: "Break-glass: {{published_by}} published {{change}} without approval",
    html_body: `<p>Hello {{person.name}},</p>
<p>{{published_by}} published {{change}} in the {{environment}} environment at {{at}} without the second person's approval that the policy requires.</p>
<p>Reason given: {{reason}}</p>
<p>Review the change in the audit log.</p>`,
    text_body: `Hello {{person.name}},

{{published_by}} published {{change}} in the {{environment}} environment at {{at}} without the second person's approval that the policy requires.
Reason given: {{reason}}

Review the change in the audit log.
`,
  },
  rollout_rolled_back: {
    subject:
      "Rollout of {{rollout.plan}} version {{rollout.to_version}} rolled back at stage {{rollout.stage}}",
    html_body: `<p>The staged rollout {{rollout.id}} of plan {{rollout.plan}}, version {{rollout.from_version}} to {{rollout.to_version}}, broke its guardrails at stage {{rollout.stage}}.</p>
<ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>
<p>The stage's {{rollout.customers}} customers are back on version {{rollout.from_version}}. Their {{rollout.held_drafts}} draft invoices are recomputed at the earlier prices and held for review: nothing was finalized at the new prices.</p>`,
    text_body: `The staged rollout {{rollout.id}} of plan {{rollout.plan}}, version {{rollout.from_version}} to {{rollout.to_version}}, broke its guardrails at stage {{rollout.stage}}.
{{#each reasons}}- {{this}}
{{/each}}
The stage's {{rollout.customers}} customers are back on version {{rollout.from_version}}. Their {{rollout.held_drafts}} draft invoices are recomputed at the earlier prices and held for review: nothing was finalized at the new prices.
`,
  },
};
