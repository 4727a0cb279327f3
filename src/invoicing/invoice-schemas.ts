// The JSON shapes of invoices, credit notes, previews and invoicing settings on the API.
import { type Static, Type } from "typebox";
import { ageingBuckets } from "../core/index.ts";
import { PageQuery, SortQuery } from "../platform/http/pagination.ts";
import {
  CurrencyCode,
  DecimalString,
  ListOf,
  Name,
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  ObjectId,
  PositivePercent,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import type { CreditNoteReason } from "./tables.ts";

const Money = Type.String({
  description: "a decimal amount in the currency's minor unit",
  examples: ["49.00"],
});

const Address = StrictObject({
  line1: Type.Optional(Type.String({ maxLength: 200 })),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  postal_code: Type.Optional(Type.String({ maxLength: 20 })),
  state: Type.Optional(Type.String({ maxLength: 100 })),
  country: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$" })),
});

const Party = Type.Object({
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Address),
  country: Nullable(Type.String()),
  tax_ids: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
  payment_instructions: Type.Optional(Nullable(Type.String({ description: "a billing entity's" }))),
  footer: Type.Optional(Nullable(Type.String({ description: "a billing entity's" }))),
});

const TaxDetailsSchema = Type.Object({
  percent: Type.String(),
  inclusive: Type.Boolean(),
  reverse_charge: Type.Boolean(),
  components: Type.Array(
    Type.Object({ name: Type.String(), percent: Type.String(), jurisdiction: Type.String() }),
  ),
  exemption_reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

const LineFields = {
  subscription_id: Nullable(Type.String()),
  plan_id: Nullable(Type.String()),
  plan_version_id: Nullable(Type.String()),
  charge_id: Nullable(Type.String({ description: "the charge's id; the plan's code on a minimum true-up" })),
  kind: Type.String({
    description: "fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off",
  }),
  description: Type.String(),
  period_start: Nullable(Timestamp),
  period_end: Nullable(Timestamp),
  quantity: Type.String(),
  unit_amount: Nullable(Type.String()),
  amount: Money,
  details: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it",
  }),
};

const InvoiceLineSchema = Type.Object({
  id: Type.String(),
  ...LineFields,
  billed_customer: Nullable(
    Type.Object(
      {
        id: Type.String(),
        name: Type.String({ description: "its name (or external id) when the line was written" }),
      },
      {
        description:
          "on a parent's consolidated invoice, the child customer whose subscription the line bills; null on the parent's own lines and on every other invoice",
      },
    ),
  ),
});

const InvoiceSectionSchema = Type.Object({
  billed_customer: Nullable(
    Type.Object(
      { id: Type.String(), name: Type.String() },
      { description: "null: the parent's own charges" },
    ),
  ),
  line_ids: Type.Array(Type.String(), { description: "the section's lines, in the invoice's order" }),
  subtotal: {
    ...Money,
    description: "the sum of the section's line amounts; the sections add up to the lines' sum",
  },
});

const TotalsFields = {
  subtotal: Money,
  discount: Money,
  discounts: Type.Array(Type.Object({ redemption_id: Type.String(), amount: Money })),
  credits: Money,
  credits_applied: Type.Array(Type.Object({ grant_id: Type.String(), amount: Money })),
  commits: Nullable(
    Type.String({
      description:
        "what a contract's prepaid commits paid, after the discount and before credits; null without a contract that has commits",
    }),
  ),
  commit_draws: Type.Array(Type.Object({ commit_id: Type.String(), term_start: Timestamp, amount: Money }), {
    description: "each commit's draw, with the start of the contract term it drew from",
  }),
  allowances: Nullable(
    Type.Array(
      Type.Object({
        unit: Type.String(),
        granted: Type.String(),
        rolled_over: Type.String(),
        used: Type.String(),
        expired: Type.String(),
        balance: Type.String(),
      }),
      {
        description:
          "the plan's allowances over the period the invoice closes, in each unit's decimals; null when it grants none",
      },
    ),
  ),
  tax: Money,
  tax_details: Nullable(TaxDetailsSchema),
  total: Money,
  balance_applied: Money,
  amount_due: Money,
};

export const InvoiceSchema = Type.Object(
  {
    id: Type.String(),
    number: Nullable(Type.String({ description: "given at finalization; null on a draft" })),
    status: StringEnum(["draft", "open", "paid", "partially_paid", "uncollectible", "void"]),
    origin: StringEnum(["subscription", "one_off", "progressive"]),
    customer_id: Type.String(),
    subscription_ids: Type.Array(Type.String()),
    currency: Type.String(),
    issued_at: Timestamp,
    period_start: Nullable(Timestamp),
    period_end: Nullable(Timestamp),
    due_at: Nullable(Timestamp),
    overdue: Type.Boolean({
      description:
        "open or partly paid, something left to pay, and past its due date (now, or when the event was sent)",
    }),
    days_overdue: Type.Integer({
      minimum: 0,
      description:
        "days begun past the due date while overdue (1 from the first instant after it); 0 otherwise",
    }),
    finalized_at: Nullable(Timestamp),
    voided_at: Nullable(Timestamp),
    void_reason: Nullable(Type.String()),
    payment_dispute_lost_at: Nullable({
      ...Timestamp,
      description:
        "when a dispute (chargeback) of one of its payments was lost: the customer's bank took the money back. The invoice keeps its status; the loss is on the payment and in finance's books",
    }),
    lines: Type.Array(InvoiceLineSchema),
    sections: Type.Array(InvoiceSectionSchema, {
      description:
        "on a parent's consolidated invoice (account hierarchies): the parent's own lines first, then one section per child customer; empty on every other invoice",
    }),
    ...TotalsFields,
    amount_paid: Money,
    amount_credited: Money,
    amount_remaining: Money,
    seller: Nullable(Party),
    buyer: Nullable(Party),
    billing_entity_id: Nullable(
      Type.String({ description: "the billing entity that issued it; null before the environment had one" }),
    ),
    locale: Type.String(),
    timezone: Type.String(),
    memo: Nullable(Type.String()),
    created_at: Timestamp,
  },
  { title: "Invoice" },
);
export type InvoiceView = Static<typeof InvoiceSchema>;

export const InvoicePreviewSchema = Type.Object({
  issued_at: Timestamp,
  currency: Type.String(),
  subscription_ids: Type.Array(Type.String()),
  lines: Type.Array(Type.Object(LineFields)),
  ...TotalsFields,
});

/** The fields `GET /invoices?sort=` orders by. */
const invoiceSortFields = ["number", "status", "issued_at", "due_at", "total"] as const;
export type InvoiceSortField = (typeof invoiceSortFields)[number];

/** The fields `GET /credit-notes?sort=` orders by. */
const creditNoteSortFields = ["number", "issued_at", "total"] as const;
export type CreditNoteSortField = (typeof creditNoteSortFields)[number];

export const InvoiceListQuery = StrictObject({
  ...PageQuery,
  sort: SortQuery(invoiceSortFields),
  customer_id: Type.Optional(ObjectId),
  subscription_id: Type.Optional(ObjectId),
  number: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "part of the invoice number, any case (drafts have none)",
    }),
  ),
  status: Type.Optional(
    StringEnum(["draft", "open", "paid", "partially_paid", "uncollectible", "void", "overdue"], {
      description: "overdue: open or partly paid, something left to pay, and past its due date",
    }),
  ),
  ageing: Type.Optional(
    StringEnum(ageingBuckets, {
      description:
        "invoices still owed by days overdue: current (not past due), 1_30, 31_60, 61_90 or over_90 days",
    }),
  ),
  issued_from: Type.Optional(Timestamp),
  issued_to: Type.Optional(Timestamp),
});
export type InvoiceListFilters = Static<typeof InvoiceListQuery>;

export const ReceivablesAgeingQuery = StrictObject({ currency: Type.Optional(CurrencyCode) });

export const ReceivablesAgeingSchema = Type.Object(
  {
    at: Timestamp,
    currencies: Type.Array(
      Type.Object({
        currency: Type.String(),
        invoices: Type.Integer({ description: "invoices still owed" }),
        total: Money,
        buckets: Type.Array(
          Type.Object({
            bucket: StringEnum(ageingBuckets, {
              description: "days past the due date: current (not yet due), 1_30, 31_60, 61_90, over_90",
            }),
            invoices: Type.Integer(),
            amount: Money,
          }),
        ),
      }),
    ),
  },
  { title: "ReceivablesAgeing" },
);
export type ReceivablesAgeingView = Static<typeof ReceivablesAgeingSchema>;

export const CustomerAllowancesSchema = ListOf(
  Type.Object({
    subscription_id: Type.String(),
    unit: Type.String({ description: "the pricing unit (credits)" }),
    granted: Type.String({ description: "the period's grant, in the unit's decimals" }),
    rolled_over: Type.String({ description: "units carried into the period" }),
    used: Type.String({ description: "units drawn by the period's usage" }),
    expired: Type.String({ description: "units that expired at the period's end" }),
    balance: Type.String({ description: "units carried into the next period" }),
    as_of: {
      ...Timestamp,
      description: "the end of the period: when the invoice that closed it was issued",
    },
    invoice_id: Type.String({ description: "the finalized invoice that keeps it" }),
  }),
);

export const UpcomingInvoiceQuery = StrictObject({
  subscription_id: Type.Optional(ObjectId),
});

const OneOffLine = StrictObject({
  description: Type.String({ minLength: 1, maxLength: 500 }),
  quantity: { ...NonNegativeDecimalString, description: "how many units" },
  unit_amount: { ...DecimalString, description: "price per unit; negative for a discount line" },
});

export const CreateOneOffInvoiceBody = StrictObject({
  customer_id: NonEmptyId,
  currency: CurrencyCode,
  lines: Type.Array(OneOffLine, { minItems: 1, maxItems: 500 }),
  memo: Type.Optional(Type.String({ maxLength: 2000 })),
  finalize: Type.Optional(
    Type.Boolean({ default: false, description: "finalize at once instead of a draft" }),
  ),
});
export type CreateOneOffInvoiceInput = Static<typeof CreateOneOffInvoiceBody>;

export const VoidInvoiceBody = StrictObject({
  reason: Type.String({ minLength: 1, maxLength: 500, description: "why the invoice is voided" }),
});

/** Why a credit note is issued: every reason a credit note (or a dispute that ends in one) may give. */
export const creditNoteReasons = [
  "duplicate",
  "fraudulent",
  "order_change",
  "product_unsatisfactory",
  "billing_error",
  "other",
] as const satisfies readonly CreditNoteReason[];

export const CreateCreditNoteBody = StrictObject({
  reason: StringEnum(creditNoteReasons),
  memo: Type.Optional(Type.String({ maxLength: 2000 })),
  full: Type.Optional(Type.Boolean({ description: "credit everything not yet credited" })),
  lines: Type.Optional(
    Type.Array(
      StrictObject({
        invoice_line_id: NonEmptyId,
        amount: {
          ...NonNegativeDecimalString,
          description: "how much of the line to credit, before tax",
        },
      }),
      { minItems: 1, maxItems: 500 },
    ),
  ),
});
export type CreateCreditNoteInput = Static<typeof CreateCreditNoteBody>;

export const CreditNoteSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    invoice_id: Type.String(),
    invoice_number: Nullable(Type.String()),
    customer_id: Type.String(),
    billing_entity_id: Nullable(Type.String({ description: "its invoice's billing entity" })),
    currency: Type.String(),
    reason: StringEnum(creditNoteReasons),
    memo: Nullable(Type.String()),
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        invoice_line_id: Nullable(Type.String()),
        description: Type.String(),
        amount: Money,
        tax: Money,
      }),
    ),
    subtotal: Money,
    tax: Money,
    total: Money,
    applied_to_invoice: Money,
    credited_to_balance: Money,
    issued_at: Timestamp,
    created_by: Type.String(),
  },
  { title: "CreditNote" },
);
export type CreditNoteView = Static<typeof CreditNoteSchema>;

export const CreditNoteListQuery = StrictObject({
  ...PageQuery,
  sort: SortQuery(creditNoteSortFields),
  customer_id: Type.Optional(ObjectId),
  invoice_id: Type.Optional(ObjectId),
});

const SellerInput = StrictObject({
  name: Type.Optional(Name),
  email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 200 }))),
  address: Type.Optional(Nullable(Address)),
  country: Type.Optional(Nullable(Type.String({ pattern: "^[A-Z]{2}$" }))),
  region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  tax_id: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
});

const Prefix = Type.String({
  pattern: "^[A-Z0-9][A-Z0-9-]{0,19}$",
  description: "letters, digits and dashes",
});

const Color = Type.String({ pattern: "^#[0-9a-fA-F]{6}$", examples: ["#0b3d91"], description: "#RRGGBB" });

const BrandingInput = StrictObject({
  logo_url: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 200000,
        examples: ["https://example.com/logo.png"],
        pattern: "^(https://[^\\s]+|data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+)$",
        description:
          "the seller's logo: an https address, or a PNG or JPEG as a data: URL (at most about 150 kB), which " +
          "the statement PDF also prints; null removes it",
      }),
    ),
  ),
  primary_color: Type.Optional(
    Nullable({
      ...Color,
      description:
        "#RRGGBB of the portal's header and buttons; their text is black or white, whichever passes WCAG AA on it",
    }),
  ),
  accent_color: Type.Optional(
    Nullable({
      ...Color,
      description:
        "#RRGGBB of links and outlines on the portal's white page: it must contrast at least 4.5:1 with white " +
        "(WCAG AA for text), else a 400 names $.branding.accent_color",
    }),
  ),
});

export const InvoicingSettingsBody = StrictObject({
  seller: Type.Optional(SellerInput),
  branding: Type.Optional(BrandingInput),
  invoice_prefix: Type.Optional(Prefix),
  credit_note_prefix: Type.Optional(Prefix),
  grace_period_hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 90 })),
  net_payment_terms_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  held_draft_change_percent: Type.Optional(
    Nullable({
      ...PositivePercent,
      description:
        "the standing guard of every bill run: a subscription draft whose total moved more than this percentage " +
        "against the customer's previous invoices (or fell from positive to zero or below) is held for review " +
        "instead of finalized; null turns the guard off",
    }),
  ),
  held_draft_history_invoices: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 24,
      description: "how many of the customer's previous invoices make the mean the guard compares with",
    }),
  ),
});
export type InvoicingSettingsInput = Static<typeof InvoicingSettingsBody>;

export const InvoicingSettingsSchema = Type.Object({
  seller: Type.Object({
    name: Type.String(),
    email: Nullable(Type.String()),
    address: Nullable(Address),
    country: Nullable(Type.String()),
    region: Nullable(Type.String()),
    tax_id: Nullable(Type.String()),
  }),
  invoice_prefix: Type.String(),
  credit_note_prefix: Type.String(),
  grace_period_hours: Type.Integer(),
  net_payment_terms_days: Type.Integer(),
  held_draft_change_percent: Nullable(Type.String()),
  held_draft_history_invoices: Type.Integer(),
  branding: Type.Object({
    logo_url: Nullable(Type.String()),
    primary_color: Nullable(Type.String({ description: "#RRGGBB" })),
    accent_color: Nullable(Type.String({ description: "#RRGGBB" })),
  }),
});

export const BillNowResultSchema = Type.Object({
  issued: Type.Integer({ description: "invoices created (final or draft)" }),
  finalized: Type.Integer(),
});

export const SubscriptionChangePreviewSchema = Type.Object({
  before: Nullable(InvoicePreviewSchema),
  after: Nullable(InvoicePreviewSchema),
  difference: Type.String(),
});

export const ChangePlanPreviewSchema = {
  ...SubscriptionChangePreviewSchema,
  description:
    "the first invoice at or after the change without it (before) and with it (after), and after − before; " +
    "usage as recorded so far",
};
export type SubscriptionChangePreview = Static<typeof SubscriptionChangePreviewSchema>;
