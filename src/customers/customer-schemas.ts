// The JSON shapes of customers on the API: what a client sends and gets back.
import { type Static, Type } from "typebox";
import { AddressInput, AddressLineFields } from "../platform/http/address-schemas.ts";
import { TaxNumber } from "../platform/http/schema-fragments.ts";
import {
  CountryCode,
  CurrencyCode,
  ListedCountryCode,
  ListedCurrencyCode,
  Metadata,
  Name,
  Nullable,
  ObjectId,
  PrefixedId,
  StringEnum,
  Timestamp,
  TimeZoneName,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

// The answer's address needs no format on its country: it was checked on the way in.
const BillingAddressSchema = StrictObject({ ...AddressLineFields, country: Type.Optional(CountryCode) });

const TaxIdSchema = TaxNumber("the kind of number, such as eu_vat or us_ein");

const InvoiceSettingsSchema = StrictObject({
  net_payment_terms_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  grace_period_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })),
  footer: Type.Optional(Type.String({ maxLength: 1000 })),
});

const ChildBillingSchema = StringEnum(["separate", "consolidated"], {
  description:
    "how this customer's children are billed: separate (the default), each on its own invoices; consolidated, on this customer's invoices with a section per child, the children getting no invoices of their own. Only a customer without a parent may consolidate.",
});

const editableFields = {
  name: Type.Optional(Nullable(Name)),
  email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 320 }))),
  billing_address: Type.Optional(Nullable(AddressInput)),
  country: Type.Optional(Nullable(ListedCountryCode)),
  tax_ids: Type.Optional(Type.Array(TaxIdSchema, { maxItems: 10 })),
  currency: Type.Optional(Nullable(ListedCurrencyCode)),
  timezone: Type.Optional(TimeZoneName),
  locale: Type.Optional(
    Type.String({ minLength: 2, maxLength: 35, description: "a BCP 47 tag such as de-DE" }),
  ),
  invoice_settings: Type.Optional(InvoiceSettingsSchema),
  metadata: Type.Optional(Metadata),
  parent_customer_id: Type.Optional(
    Nullable({
      ...ObjectId,
      description:
        "the parent account; when the parent's child_billing is consolidated, this customer's subscriptions are billed on the parent's invoices",
    }),
  ),
  child_billing: Type.Optional(ChildBillingSchema),
};

const ExternalId = Type.String({
  minLength: 1,
  maxLength: 255,
  description: "your own id for this customer, unique in the environment",
});

export const CreateCustomerBody = StrictObject({ external_id: ExternalId, ...editableFields });
export type CreateCustomerInput = Static<typeof CreateCustomerBody>;

export const UpdateCustomerBody = StrictObject(
  { external_id: Type.Optional(ExternalId), ...editableFields },
  { minProperties: 1 },
);
export type UpdateCustomerInput = Static<typeof UpdateCustomerBody>;

export const CustomerSchema = Type.Object(
  {
    id: PrefixedId("cus"),
    external_id: Type.String(),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    billing_address: Nullable(BillingAddressSchema),
    country: Nullable(Type.String()),
    tax_ids: Type.Array(TaxIdSchema),
    currency: Nullable(Type.String()),
    timezone: Type.String(),
    locale: Type.String(),
    invoice_settings: InvoiceSettingsSchema,
    metadata: Type.Record(Type.String(), Type.String()),
    parent_customer_id: Nullable(Type.String()),
    child_billing: ChildBillingSchema,
    archived_at: Nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Customer" },
);
export type Customer = Static<typeof CustomerSchema>;

export const CustomerListQuery = StrictObject({
  external_id: Type.Optional(Type.String({ maxLength: 255 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  search: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "part of the name, email or external id" }),
  ),
  country: Type.Optional(CountryCode),
  currency: Type.Optional(CurrencyCode),
  parent_customer_id: Type.Optional(ObjectId),
  archived: Type.Optional(Type.Boolean({ description: "true lists archived customers only; default false" })),
});
export type CustomerListFilters = Static<typeof CustomerListQuery>;

/** The fields `GET /customers?sort=` orders by. */
export const customerSortFields = ["name", "email", "external_id", "created_at"] as const;
export type CustomerSortField = (typeof customerSortFields)[number];
