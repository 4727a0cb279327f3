// Request and response bodies of the finance settings.
import { type Static, Type } from "typebox";
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
  accounts: Type.Optional(
    Type.Partial(StrictObject(accountsOf(AccountOverrideSchema)), {
      description: "code and name of the accounts to change; the others keep theirs",
    }),
  ),
});
export type UpdateFinanceSettingsInput = Static<typeof UpdateFinanceSettingsBody>;
