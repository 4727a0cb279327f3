// The JSON shapes of billing entities on the API: the legal entities an
// organization invoices through, and the entity a customer belongs to.
import { type Static, Type } from "typebox";
import { AddressInput, AddressLineFields } from "../platform/http/address-schemas.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import { TaxNumber } from "../platform/http/schema-fragments.ts";
import {
  CountryCode,
  ListedCountryCode,
  ListedCurrencyCode,
  NonEmptyId,
  Nullable,
  PrefixedId,
  Timestamp,
} from "../platform/http/schemas.ts";
import { OptionalFields, StrictObject } from "../platform/http/validation.ts";

const AddressSchema = Type.Object({ ...AddressLineFields, country: Type.Optional(CountryCode) });

const TaxRegistration = TaxNumber("the kind of number: eu_vat, gb_vat, us_ein…");

const Prefix = Type.String({
  pattern: "^[A-Z0-9][A-Z0-9-]{0,19}$",
  description: "letters, digits and dashes; the entity's own gapless sequence",
});

const Branding = StrictObject({
  accent_color: Type.Optional(Type.String({ pattern: "^#[0-9a-fA-F]{6}$", description: "#RRGGBB" })),
  logo_url: Type.Optional(Type.String({ format: "uri", maxLength: 2000 })),
  footer: Type.Optional(
    Type.String({ maxLength: 1000, description: "printed at the foot of its documents" }),
  ),
});

const editable = {
  legal_name: Type.String({ minLength: 1, maxLength: 200, description: "the name its invoices print" }),
  email: Nullable(Type.String({ format: "email", maxLength: 320 })),
  address: Nullable(AddressInput),
  country: { ...ListedCountryCode, description: "where it is established (ISO 3166-1 alpha-2)" },
  region: Nullable(Type.String({ maxLength: 100 })),
  tax_registrations: Type.Array(TaxRegistration, { maxItems: 20 }),
  invoice_prefix: Prefix,
  credit_note_prefix: Prefix,
  payment_instructions: Nullable(
    Type.String({ maxLength: 2000, description: "bank details and how to pay, printed on its invoices" }),
  ),
  default_currency: { ...ListedCurrencyCode, description: "its functional currency, for its own books" },
  branding: Branding,
  payment_provider_account: Nullable(
    Type.String({ maxLength: 200, description: "its account at the payment provider" }),
  ),
};

export const CreateBillingEntityBody = BodyWithReason({
  code: Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,62}$", description: "unique in the environment" }),
  legal_name: editable.legal_name,
  email: Type.Optional(editable.email),
  address: Type.Optional(editable.address),
  country: editable.country,
  region: Type.Optional(editable.region),
  tax_registrations: Type.Optional(editable.tax_registrations),
  invoice_prefix: editable.invoice_prefix,
  credit_note_prefix: editable.credit_note_prefix,
  payment_instructions: Type.Optional(editable.payment_instructions),
  default_currency: editable.default_currency,
  branding: Type.Optional(editable.branding),
  payment_provider_account: Type.Optional(editable.payment_provider_account),
  is_default: Type.Optional(
    Type.Boolean({
      description: "the entity of customers assigned to none (the first entity of an environment is)",
    }),
  ),
});
export type CreateBillingEntityInput = Static<typeof CreateBillingEntityBody>;

export const UpdateBillingEntityBody = BodyWithReason(
  {
    ...OptionalFields(editable),
    is_default: Type.Optional(Type.Literal(true, { description: "makes it the default entity" })),
  },
  { minProperties: 1 },
);
export type UpdateBillingEntityInput = Static<typeof UpdateBillingEntityBody>;

export const BillingEntitySchema = Type.Object({
  id: PrefixedId("ben"),
  code: Type.String(),
  legal_name: Type.String(),
  email: Nullable(Type.String()),
  address: Nullable(AddressSchema),
  country: Type.String(),
  region: Nullable(Type.String()),
  tax_registrations: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
  invoice_prefix: Type.String(),
  credit_note_prefix: Type.String(),
  payment_instructions: Nullable(Type.String()),
  default_currency: Type.String(),
  branding: Type.Object({
    accent_color: Type.Optional(Type.String()),
    logo_url: Type.Optional(Type.String()),
    footer: Type.Optional(Type.String()),
  }),
  payment_provider_account: Nullable(Type.String()),
  is_default: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type BillingEntityView = Static<typeof BillingEntitySchema>;

export const AssignBillingEntityBody = BodyWithReason({
  billing_entity_id: NonEmptyId,
  effective_from: Type.Optional({
    ...Timestamp,
    description:
      "the first instant of a month in the customer's time zone, not before the current month; " +
      "the start of the next month when left out. Invoices of periods that start earlier stay with the entity before",
  }),
});
export type AssignBillingEntityInput = Static<typeof AssignBillingEntityBody>;

export const CustomerBillingEntitySchema = Type.Object({
  customer_id: Type.String(),
  billing_entity_id: Nullable(Type.String({ description: "now; null when the environment has no entity" })),
  assignments: Type.Array(Type.Object({ billing_entity_id: Type.String(), effective_from: Timestamp }), {
    description: "every move, oldest first; before the first, the default entity",
  }),
});
export type CustomerBillingEntityView = Static<typeof CustomerBillingEntitySchema>;
