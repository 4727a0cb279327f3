// The JSON shapes of the taxes domain on the API: tax rates, a customer's tax
// exemption and the environment's tax provider settings.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  CountryCode,
  DateTimeString,
  ListedCountryCode,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const RegionCode = Type.String({
  pattern: "^[A-Z0-9]{1,3}$",
  description:
    "an ISO 3166-2 subdivision code without the country, such as CA (California) or ON (Ontario); " +
    "matched against the state of the customer's billing address",
});

const Percent = {
  ...NonNegativeDecimalString,
  description: 'percent of the taxable amount, 0 to 100 with at most 4 decimals, such as "19" or "8.875"',
  examples: ["19"],
};

export const CreateTaxRateBody = BodyWithReason({
  country: CountryCode,
  region: Type.Optional(RegionCode),
  name: Type.String({ minLength: 1, maxLength: 100, description: "printed on invoices, such as VAT" }),
  percent: Percent,
  inclusive: Type.Optional(
    Type.Boolean({ description: "prices already include this tax; default false (added on top)" }),
  ),
  reverse_charge_eligible: Type.Optional(
    Type.Boolean({
      description:
        "EU VAT only: a business customer in another member state accounts for the VAT itself; default false",
    }),
  ),
  valid_from: Type.Optional(DateTimeString("open-ended when left out")),
  valid_until: Type.Optional(DateTimeString("exclusive; open-ended when left out")),
});
export type CreateTaxRateInput = Static<typeof CreateTaxRateBody>;

export const UpdateTaxRateBody = BodyWithReason(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    archived: Type.Optional(
      Type.Boolean({ description: "true takes the rate out of use; false puts it back" }),
    ),
  },
  { minProperties: 1 },
);
export type UpdateTaxRateInput = Static<typeof UpdateTaxRateBody>;

export const TaxRateSchema = Type.Object({
  id: PrefixedId("txr"),
  country: Type.String(),
  region: Nullable(Type.String()),
  name: Type.String(),
  percent: Type.String({ examples: ["19"] }),
  inclusive: Type.Boolean(),
  reverse_charge_eligible: Type.Boolean(),
  valid_from: Nullable(Timestamp),
  valid_until: Nullable(Timestamp),
  archived_at: Nullable(Timestamp),
  created_at: Timestamp,
});
export type TaxRate = Static<typeof TaxRateSchema>;

export const TaxRateListQuery = StrictObject({
  country: Type.Optional(CountryCode),
  region: Type.Optional(RegionCode),
  archived: Type.Optional(Type.Boolean({ description: "true lists archived rates only; default false" })),
});
export type TaxRateListFilters = Static<typeof TaxRateListQuery>;

export const SetTaxExemptionBody = StrictObject({
  reason: Type.String({
    minLength: 1,
    maxLength: 500,
    description: "why the customer pays no tax, printed on its invoices, such as 'Registered charity'",
  }),
  certificate_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  valid_until: Type.Optional(DateTimeString("exclusive, in the future; open-ended when left out")),
});
export type SetTaxExemptionInput = Static<typeof SetTaxExemptionBody>;

export const TaxExemptionSchema = Type.Object({
  id: PrefixedId("txe"),
  customer_id: Type.String(),
  reason: Type.String(),
  certificate_id: Nullable(Type.String()),
  valid_until: Nullable(Timestamp),
  in_force: Type.Boolean({ description: "false once valid_until has passed" }),
  created_at: Timestamp,
});
export type TaxExemption = Static<typeof TaxExemptionSchema>;

const BuiltInProvider = StrictObject({
  type: Type.Literal("built_in", { description: "the tax rates of /v1/tax-rates" }),
});

const HttpProviderFields = {
  type: Type.Literal("http", { description: "an external calculator answering over HTTP" }),
  url: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: "an http(s) URL; Fairbill POSTs each tax request there as JSON",
  }),
  timeout_ms: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 30000,
      description: "how long to wait for an answer; default 5000",
    }),
  ),
};

const ApiBaseUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: "an http(s) URL of the engine's API; its public address when left out",
});

export const UpdateTaxSettingsBody = BodyWithReason({
  tax_provider: Type.Union([
    BuiltInProvider,
    StrictObject({
      ...HttpProviderFields,
      secret: Type.String({
        minLength: 16,
        maxLength: 500,
        description: "sent as a bearer token; never shown again",
      }),
    }),
    StrictObject({
      type: Type.Literal("stripe_tax", {
        description: "Stripe Tax: quotes at draft, records each finalized invoice, reverses it when voided",
      }),
      secret_key: Type.String({
        minLength: 8,
        maxLength: 500,
        description: "a Stripe secret key (sk_…) with Stripe Tax enabled; never shown again",
      }),
      api_base_url: Type.Optional(ApiBaseUrl),
    }),
    StrictObject({
      type: Type.Literal("avalara", {
        description:
          "Avalara AvaTax: quotes at draft, commits each finalized invoice, voids it with the invoice",
      }),
      account_id: Type.String({ minLength: 1, maxLength: 50, pattern: "^[0-9]+$" }),
      license_key: Type.String({ minLength: 8, maxLength: 500, description: "never shown again" }),
      company_code: Type.String({ minLength: 1, maxLength: 50 }),
      environment: Type.Optional(
        Type.Union([Type.Literal("sandbox"), Type.Literal("production")], {
          description: "which AvaTax server; sandbox unless told, and ignored when api_base_url is set",
        }),
      ),
      api_base_url: Type.Optional(ApiBaseUrl),
      timeout_ms: Type.Optional(Type.Integer({ minimum: 100, maximum: 30000 })),
    }),
  ]),
});
export type UpdateTaxSettingsInput = Static<typeof UpdateTaxSettingsBody>;

export const TaxSettingsSchema = Type.Object({
  tax_provider: Type.Union([
    BuiltInProvider,
    Type.Object({
      type: Type.Literal("http"),
      url: Type.String(),
      timeout_ms: Type.Integer(),
      secret_set: Type.Boolean({ description: "the secret itself is never returned" }),
    }),
    Type.Object({
      type: Type.Literal("stripe_tax"),
      api_base_url: Nullable(Type.String()),
      secret_key_set: Type.Boolean({ description: "the key itself is never returned" }),
    }),
    Type.Object({
      type: Type.Literal("avalara"),
      api_base_url: Type.String(),
      account_id: Type.String(),
      company_code: Type.String(),
      timeout_ms: Type.Integer(),
      license_key_set: Type.Boolean({ description: "the key itself is never returned" }),
    }),
  ]),
  updated_at: Nullable(Timestamp),
});
export type TaxSettings = Static<typeof TaxSettingsSchema>;

const AddressLine = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const TaxAddressValidationBody = StrictObject({
  address: StrictObject({
    line1: AddressLine(200),
    line2: AddressLine(200),
    city: AddressLine(100),
    postal_code: AddressLine(20),
    state: AddressLine(100),
    country: ListedCountryCode,
  }),
});

const AddressSchema = Type.Object({
  line1: Type.Optional(Type.String()),
  line2: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  postal_code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
});

export const TaxAddressValidationSchema = Type.Object({
  provider: Type.Union([Type.Literal("stripe_tax"), Type.Literal("avalara")]),
  valid: Type.Boolean({ description: "whether the tax engine can locate the address for tax" }),
  /** The address as the engine would correct it. */
  resolved: Nullable(AddressSchema),
  messages: Type.Array(Type.String(), { description: "what the engine found wrong, in its words" }),
});

export const TaxRecordSchema = Type.Object({
  invoice_id: Type.String(),
  provider: Type.Union([Type.Literal("stripe_tax"), Type.Literal("avalara")]),
  state: StringEnum(["pending", "recorded", "void_pending", "voided", "cancelled"] as const, {
    description:
      "pending: to be recorded; recorded: in the engine's filing records; void_pending/voided: the invoice was voided and its record is being (or was) reversed; cancelled: voided before it was recorded",
  }),
  external_id: Nullable(Type.String({ description: "the engine's id of the record" })),
  attempts: Type.Integer({ description: "failed calls to the engine so far; the job retries with backoff" }),
  last_error: Nullable(Type.String()),
  recorded_at: Nullable(Timestamp),
  voided_at: Nullable(Timestamp),
});
