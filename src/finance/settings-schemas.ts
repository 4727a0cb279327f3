// Request and response bodies of the finance settings.
import { type Static, Type } from "typebox";
import { CurrencyCode, Nullable } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { type AccountKey, accountKeys } from "./chart-of-accounts.ts";

const AccountSchema = Type.Object({
  code: Type.String({ description: "the account's number in your general ledger" }),
  name: Type.String(),
});

const AccountOverrideSchema = StrictObject({
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: "^[^\\u0000-\\u001f]+$" })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[^\\u0000-\\u001f]+$" })),
});

const accountsOf = <Schema extends typeof AccountSchema | typeof AccountOverrideSchema>(schema: Schema) =>
  Object.fromEntries(accountKeys.map((key) => [key, schema])) as Record<AccountKey, Schema>;

export const FinanceSettingsSchema = Type.Object({
  timezone: Type.String({ description: "IANA zone in which accounting months start and end" }),
  timezone_source: Type.Union(
    [Type.Literal("configured"), Type.Literal("seller_country"), Type.Literal("utc")],
    {
      description:
        "configured here; else the zone of the seller's country (invoicing settings); else UTC, for a country of several zones",
    },
  ),
  reporting_currency: Nullable(
    Type.String({ description: "KPIs, the revenue report and the journal are also shown in it" }),
  ),
  exchange_rate_provider_url: Nullable(
    Type.String({ description: "the HTTP rate provider POST /v1/exchange-rates/fetch asks" }),
  ),
  accounts: Type.Object(accountsOf(AccountSchema), {
    description: "the chart of accounts journal entries post to, by role",
  }),
  updated_at: Type.Union([Type.String(), Type.Null()]),
});
export type FinanceSettingsView = Static<typeof FinanceSettingsSchema>;

export const UpdateFinanceSettingsBody = StrictObject({
  timezone: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: "IANA zone such as Europe/Paris; cannot change once a period is locked",
    }),
  ),
  reporting_currency: Type.Optional(
    Nullable({ ...CurrencyCode, description: "the currency reports are also shown in; null: none" }),
  ),
  exchange_rate_provider_url: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 500,
        description:
          'an http(s) rate provider answering GET {url}/{date}?from=EUR&to=USD with {"rates": {"USD": 1.08}}',
      }),
    ),
  ),
  accounts: Type.Optional(
    Type.Partial(StrictObject(accountsOf(AccountOverrideSchema)), {
      description: "code and name of the accounts to change; the others keep theirs",
    }),
  ),
});
export type UpdateFinanceSettingsInput = Static<typeof UpdateFinanceSettingsBody>;
