// The JSON shapes of portal links and of the portal API that a link opens.
import { type Static, Type } from "typebox";
import { InvoicePreviewSchema, InvoiceSchema } from "../invoicing/index.ts";
import { AddressInput, AddressLineFields } from "../platform/http/address-schemas.ts";
import { LinkLifetimeSeconds } from "../platform/http/schema-fragments.ts";
import {
  DecimalString,
  ListedCurrencyCode,
  Name,
  NonNegativeDecimalString,
  Nullable,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

export const CreatePortalLinkBody = StrictObject({
  expires_in_seconds: LinkLifetimeSeconds(7, "3600"),
  return_url: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      description: "an http(s) address of your app that the portal's back link goes to",
    }),
  ),
});
export type CreatePortalLinkInput = Static<typeof CreatePortalLinkBody>;

export const PortalLinkSchema = Type.Object({
  url: Type.String({ description: "the portal page, with the token in its fragment (#token=…)" }),
  token: Type.String({ description: 'the token alone, for "Authorization: Portal <token>" on /v1/portal' }),
  customer_id: Type.String(),
  expires_at: Timestamp,
});
export type PortalLink = Static<typeof PortalLinkSchema>;

export const PortalSecretRotationSchema = Type.Object({ rotated_at: Timestamp });

const FrameAncestorOrigin = Type.String({
  maxLength: 253,
  pattern:
    "^https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$",
  description: "an origin: http(s)://host[:port], the host may start with *. for its subdomains",
  examples: ["https://app.example.com"],
});

export const PortalFramePolicySchema = Type.Object({
  frame_ancestors: Type.Union([Type.Array(FrameAncestorOrigin), Type.Null()], {
    description:
      "the sites that may show the customer portal in a frame: null for any site (the default), [] for none",
  }),
  updated_at: Nullable(Timestamp),
});
export type PortalFramePolicy = Static<typeof PortalFramePolicySchema>;

export const UpdatePortalFramePolicyBody = StrictObject({
  frame_ancestors: Type.Union([Type.Array(FrameAncestorOrigin, { maxItems: 20 }), Type.Null()], {
    description: "null: any site may frame the portal; []: none; otherwise these origins only",
  }),
});
export type UpdatePortalFramePolicyInput = Static<typeof UpdatePortalFramePolicyBody>;

export const PortalProfileSchema = Type.Object({
  customer_id: Type.String(),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  currency: Nullable(Type.String()),
  locale: Type.String(),
  timezone: Type.String(),
  seller: Type.Object(
    {
      name: Type.String({ description: "the legal name the customer's invoices print" }),
      logo_url: Nullable(Type.String()),
      primary_color: Nullable(Type.String({ description: "#RRGGBB of the header and buttons" })),
      primary_text_color: Nullable(
        Type.String({ description: "#000000 or #ffffff, whichever passes WCAG AA on the primary colour" }),
      ),
      accent_color: Nullable(
        Type.String({ description: "#RRGGBB of links and outlines, passing WCAG AA on white" }),
      ),
    },
    {
      description:
        "the seller's name, logo and colours (its invoicing settings', or the customer's billing entity's)",
    },
  ),
});
export type PortalProfile = Static<typeof PortalProfileSchema>;

export const PortalChildSchema = Type.Object({
  customer_id: Type.String(),
  name: Nullable(Type.String()),
  currency: Nullable(Type.String()),
  open_balances: Type.Array(Type.Object({ currency: Type.String(), amount: Type.String() }), {
    description: "what is still owed on the child's issued invoices, per currency; empty when nothing is",
  }),
  latest_invoices: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Nullable(Type.String()),
      status: Type.String(),
      issued_at: Timestamp,
      currency: Type.String(),
      total: Type.String(),
      amount_remaining: Type.String(),
    }),
    { description: "the child's three newest finalized invoices, newest first" },
  ),
});
export type PortalChild = Static<typeof PortalChildSchema>;

const UsageDaySchema = Type.Object({
  start: Timestamp,
  end: Timestamp,
  value: DecimalString,
});

export const PortalUsageSchema = Type.Object({
  at: Timestamp,
  meters: Type.Array(
    Type.Object({
      meter: Type.String({ description: "the meter's code" }),
      name: Type.String(),
      aggregation: Type.String(),
      period_start: Timestamp,
      period_end: Timestamp,
      quantity: Type.String({ description: "the quantity billed so far this period, exact" }),
      display_decimals: Type.Integer({
        description: "the decimals the meter shows a customer: the quantity is displayed rounded to them",
      }),
      amount: Type.String({ description: "what that quantity costs so far, before discounts and tax" }),
      currency: Type.String(),
      days: Type.Array(UsageDaySchema, {
        description: "the meter's value per day of the customer's time zone, from the period start to now",
      }),
    }),
  ),
});
export type PortalUsage = Static<typeof PortalUsageSchema>;

const PortalForecastSchema = Type.Object({
  method: Type.Literal("linear"),
  description: Type.String(),
  period_start: Timestamp,
  period_end: Timestamp,
  usage_to_date: Type.String(),
  usage_forecast: Type.String(),
  subtotal_to_date: Type.String(),
  subtotal_forecast: Type.String(),
});
export type PortalForecast = Static<typeof PortalForecastSchema>;

export const PortalUpcomingInvoiceSchema = Type.Object({
  at: Timestamp,
  cost_to_date: Nullable(
    Type.String({
      description: "the upcoming invoice's total as it stands now (after discounts, credits, tax)",
    }),
  ),
  currency: Nullable(Type.String()),
  invoice: Nullable(InvoicePreviewSchema),
  forecast: Nullable(PortalForecastSchema),
});

export const PortalSpendAlertBody = StrictObject({
  threshold: {
    ...NonNegativeDecimalString,
    description: "more than 0, in the customer's currency: the period's spend that fires the alert",
  },
  name: Type.Optional(Name),
  email_customer: Type.Optional(
    Type.Boolean({ description: "email the customer when it fires; default true" }),
  ),
});
export type PortalSpendAlertInput = Static<typeof PortalSpendAlertBody>;

export const PortalPaymentMethodBody = StrictObject({
  payment_method: Type.String({
    minLength: 1,
    maxLength: 255,
    pattern: "^pm_[A-Za-z0-9_]+$",
    description:
      "the Stripe payment method (pm_…) that Stripe's card form made in the customer's browser; it is set up for later charges and becomes the default",
  }),
});

export const PortalPaymentSchema = Type.Object({
  invoice: InvoiceSchema,
  payment: Type.Union(
    [
      Type.Object({
        id: Type.String(),
        status: StringEnum(["pending", "succeeded", "failed"], {
          description: "pending: the bank has not settled it yet; failed: see failure_message",
        }),
        amount: Type.String(),
        currency: Type.String(),
        failure_message: Nullable(Type.String()),
      }),
      Type.Null(),
    ],
    { description: "the charge this call made or found under way; null when the invoice was already paid" },
  ),
});
export type PortalPayment = Static<typeof PortalPaymentSchema>;

export const PortalBillingDetailsBody = StrictObject(
  {
    name: Type.Optional(Nullable(Name)),
    email: Type.Optional(
      Nullable(Type.String({ format: "email", maxLength: 320, description: "where invoices are sent" })),
    ),
    billing_address: Type.Optional(Nullable(AddressInput)),
    tax_id: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 50,
          description:
            "the VAT or tax number of the billing address's country (EU VAT with its prefix, GB, CH, NO, AU, CA); null removes it",
        }),
      ),
    ),
  },
  { minProperties: 1 },
);
export type PortalBillingDetailsInput = Static<typeof PortalBillingDetailsBody>;

export const PortalBillingDetailsSchema = Type.Object({
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  billing_address: Nullable(Type.Object({ ...AddressLineFields, country: Type.Optional(Type.String()) })),
  tax_id: Nullable(Type.String()),
});
export type PortalBillingDetails = Static<typeof PortalBillingDetailsSchema>;

export const PortalStatementQuery = StrictObject({
  from: Type.Optional({
    ...Timestamp,
    description: "the first instant it covers; the account's first entry when left out",
  }),
  to: Type.Optional({ ...Timestamp, description: "the last instant it covers; now when left out" }),
  currency: Type.Optional({
    ...ListedCurrencyCode,
    description: "the currency whose documents it lists; the customer's own when left out",
  }),
});
export type PortalStatementQuery = Static<typeof PortalStatementQuery>;
