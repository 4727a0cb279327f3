// The JSON shapes of credit grants, wallets, the credit ledger, credit
// balances and the customer balance on the API.
import { type Static, Type } from "typebox";
import { ReasonText } from "../platform/http/reason.ts";
import {
  CurrencyCode,
  DecimalString,
  ListOf,
  Metadata,
  Name,
  NonNegativeDecimalString,
  Nullable,
  ObjectId,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const grantTypes = ["promotional", "purchased"] as const;
const grantStatuses = ["active", "scheduled", "used", "expired", "voided"] as const;
export type CreditGrantStatus = (typeof grantStatuses)[number];
const ledgerKinds = ["increment", "burn", "expiry", "void", "void_reversal"] as const;

/** Lower priorities are used first; grants left without one get this. */
export const DEFAULT_GRANT_PRIORITY = 100;

const RequiredReason = ReasonText("why; kept on the ledger entry and in the audit log");

export const CreateCreditGrantBody = StrictObject({
  name: Name,
  amount: {
    ...NonNegativeDecimalString,
    description: "money in the currency, more than 0, no more digits than its minor unit",
  },
  currency: CurrencyCode,
  type: StringEnum(grantTypes, {
    description: "promotional (given away) or purchased (paid for; give cost_basis)",
  }),
  cost_basis: Type.Optional({
    ...NonNegativeDecimalString,
    description: "what the customer paid for a purchased grant; revenue recognition needs it",
  }),
  priority: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: `lower is used first; default ${DEFAULT_GRANT_PRIORITY}. Ties: earliest expiry, then oldest grant`,
    }),
  ),
  effective_at: Type.Optional({ ...Timestamp, description: "usable from this instant; default now" }),
  expires_at: Type.Optional({ ...Timestamp, description: "exclusive; never expires when left out" }),
  metadata: Type.Optional(Metadata),
});
export type CreateCreditGrantInput = Static<typeof CreateCreditGrantBody>;

export const CreditGrantSchema = Type.Object(
  {
    id: PrefixedId("cgr"),
    customer_id: Type.String(),
    wallet_id: Nullable(Type.String()),
    name: Type.String(),
    currency: Type.String(),
    type: StringEnum(grantTypes),
    amount: DecimalString,
    remaining: { ...DecimalString, description: "what is left of the grant on the ledger" },
    cost_basis: Nullable(DecimalString),
    priority: Type.Integer(),
    effective_at: Timestamp,
    expires_at: Nullable(Timestamp),
    status: StringEnum(grantStatuses, {
      description:
        "now: voided, expired, used (nothing left), scheduled (not yet effective) or active (usable)",
    }),
    voided_at: Nullable(Timestamp),
    void_reason: Nullable(Type.String()),
    metadata: Type.Record(Type.String(), Type.String()),
    created_at: Timestamp,
  },
  { title: "CreditGrant" },
);
export type CreditGrant = Static<typeof CreditGrantSchema>;

/** A new grant, with what the seller must know about it (VAT on purchased credits sold without an invoice). */
export const CreatedCreditGrantSchema = Type.Object(
  {
    ...CreditGrantSchema.properties,
    warnings: Type.Array(
      Type.Object({
        code: StringEnum(["vat_not_invoiced"]),
        message: Type.String(),
      }),
      {
        description:
          "vat_not_invoiced: purchased credits recorded without an invoice carry no VAT in Fairbill; the seller must account for it",
      },
    ),
  },
  { title: "CreatedCreditGrant" },
);
export type CreatedCreditGrant = Static<typeof CreatedCreditGrantSchema>;

export const CreditGrantListQuery = StrictObject({
  currency: Type.Optional(CurrencyCode),
  wallet_id: Type.Optional(ObjectId),
  type: Type.Optional(StringEnum(grantTypes)),
});
export type CreditGrantFilters = Static<typeof CreditGrantListQuery>;

export const VoidCreditGrantBody = StrictObject({ reason: RequiredReason });

export const CreditLedgerEntrySchema = Type.Object({
  id: PrefixedId("cle"),
  customer_id: Type.String(),
  currency: Type.String(),
  grant_id: Type.String(),
  wallet_id: Nullable(Type.String()),
  kind: StringEnum(ledgerKinds),
  amount: { ...DecimalString, description: "signed: positive adds to the grant, negative takes from it" },
  grant_balance_after: DecimalString,
  balance_after: {
    ...DecimalString,
    description: "the customer's ledger balance in the currency (all grants) after this entry",
  },
  invoice_id: Nullable(
    Type.String({
      description: "the invoice a burn or void_reversal is for, or whose void took back the credits it sold",
    }),
  ),
  credit_note_id: Nullable(
    Type.String({ description: "a void by a credit note on the invoice that sold the grant's credits" }),
  ),
  refunded_amount: Nullable({
    ...DecimalString,
    description: "with credit_note_id: the part of the credits' price (net of tax) the credit note refunded",
  }),
  automatic: Type.Boolean({ description: "an increment from an automatic wallet top-up" }),
  reason: Nullable(Type.String()),
  occurred_at: Timestamp,
  created_at: Timestamp,
});
export type CreditLedgerEntry = Static<typeof CreditLedgerEntrySchema>;

export const CreditLedgerQuery = StrictObject({
  currency: Type.Optional(CurrencyCode),
  grant_id: Type.Optional(ObjectId),
  wallet_id: Type.Optional(ObjectId),
  kind: Type.Optional(StringEnum(ledgerKinds)),
});
export type CreditLedgerFilters = Static<typeof CreditLedgerQuery>;

const GrantBalanceSchema = Type.Object({
  grant_id: Type.String(),
  name: Type.String(),
  type: StringEnum(grantTypes),
  wallet_id: Nullable(Type.String()),
  priority: Type.Integer(),
  amount: DecimalString,
  remaining: DecimalString,
  effective_at: Timestamp,
  expires_at: Nullable(Timestamp),
  status: StringEnum(grantStatuses),
});

export const CreditBalancesSchema = Type.Object({
  at: Timestamp,
  data: Type.Array(
    Type.Object({
      currency: Type.String(),
      available: { ...DecimalString, description: "usable now: effective, not expired, not voided" },
      scheduled: { ...DecimalString, description: "in grants that become effective later" },
      ledger_balance: {
        ...DecimalString,
        description: "the sum of the ledger; more than available while an expiry is not yet written",
      },
      grants: Type.Array(GrantBalanceSchema, { description: "every grant with something left" }),
    }),
  ),
});
export type CreditBalances = Static<typeof CreditBalancesSchema>;

const AutoTopUpSchema = StrictObject({
  threshold: {
    ...NonNegativeDecimalString,
    description: "in credits: a burn that leaves the wallet below this tops it up",
  },
  amount: { ...NonNegativeDecimalString, description: "in credits, more than 0: what each top-up adds" },
});

const RateField = {
  ...NonNegativeDecimalString,
  description: "credits per unit of money, more than 0; default 1",
};

export const CreateWalletBody = StrictObject({
  currency: CurrencyCode,
  name: Name,
  rate: Type.Optional(RateField),
  auto_top_up: Type.Optional(AutoTopUpSchema),
  metadata: Type.Optional(Metadata),
});
export type CreateWalletInput = Static<typeof CreateWalletBody>;

export const UpdateWalletBody = StrictObject(
  {
    name: Type.Optional(Name),
    auto_top_up: Type.Optional(Nullable(AutoTopUpSchema)),
    metadata: Type.Optional(Metadata),
    reason: Type.Optional(RequiredReason),
  },
  { minProperties: 1 },
);
export type UpdateWalletInput = Static<typeof UpdateWalletBody>;

export const WalletSchema = Type.Object({
  id: PrefixedId("wal"),
  customer_id: Type.String(),
  currency: Type.String(),
  name: Type.String(),
  rate: DecimalString,
  auto_top_up: Nullable(AutoTopUpSchema),
  balance: { ...DecimalString, description: "money usable now from the wallet's grants" },
  credits: { ...DecimalString, description: "the same balance in credits (balance × rate)" },
  metadata: Type.Record(Type.String(), Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Wallet = Static<typeof WalletSchema>;

export const TopUpBody = StrictObject({
  amount: { ...NonNegativeDecimalString, description: "credits to add, more than 0" },
  paid_amount: Type.Optional({
    ...NonNegativeDecimalString,
    description: "money the customer pays; default the credits' value (amount ÷ rate); 0 gives them away",
  }),
  expires_at: Type.Optional({
    ...Timestamp,
    description: "exclusive; the credits never expire when left out",
  }),
  reason: RequiredReason,
});
export type TopUpInput = Static<typeof TopUpBody>;

export const TopUpSchema = Type.Object({
  grant: CreditGrantSchema,
  purchase: Nullable(
    Type.Object({
      paid_amount: DecimalString,
      invoice_id: Nullable(Type.String({ description: "the one-off invoice billing the purchase" })),
      automatic: Type.Boolean(),
    }),
  ),
  wallet: WalletSchema,
});
export type TopUp = Static<typeof TopUpSchema>;

export const CustomerBalanceSchema = ListOf(
  Type.Object({
    currency: Type.String(),
    balance: { ...DecimalString, description: "owed to the customer, used by later invoices" },
  }),
);

export const CustomerBalanceEntrySchema = Type.Object({
  id: PrefixedId("bal"),
  customer_id: Type.String(),
  currency: Type.String(),
  amount: { ...DecimalString, description: "positive adds to what is owed to the customer" },
  balance_after: DecimalString,
  invoice_id: Nullable(Type.String()),
  credit_note_id: Nullable(Type.String()),
  reason: Type.String(),
  occurred_at: Timestamp,
});
export type CustomerBalanceEntry = Static<typeof CustomerBalanceEntrySchema>;

export const CustomerBalanceEntryQuery = StrictObject({ currency: Type.Optional(CurrencyCode) });
