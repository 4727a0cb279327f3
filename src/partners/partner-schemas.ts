// The JSON shapes of partners, their agreements and attributions, and their
// settlement statements on the API.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import { LinkLifetimeSeconds } from "../platform/http/schema-fragments.ts";
import {
  ListedCurrencyCode,
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const Percent = Type.String({
  pattern: "^(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]{1,4})?)$",
  description: "a percentage from 0 to 100, such as 20 or 12.5",
  examples: ["20"],
});

const partnerKinds = ["reseller", "referral", "marketplace", "installer"] as const;

export const CreatePartnerBody = BodyWithReason({
  code: Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,62}$", description: "unique in the environment" }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: StringEnum(partnerKinds),
  email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 320 }))),
  currency: { ...ListedCurrencyCode, description: "the currency its statements are in" },
});
export type CreatePartnerInput = Static<typeof CreatePartnerBody>;

export const PartnerSchema = Type.Object({
  id: PrefixedId("prt"),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(partnerKinds),
  email: Nullable(Type.String()),
  currency: Type.String(),
  created_at: Timestamp,
});
export type PartnerView = Static<typeof PartnerSchema>;

const ShareRule = StrictObject({
  product: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  plan: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a plan's code" })),
  charge: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a charge's id" })),
  percent: Percent,
});

export const CreateAgreementBody = BodyWithReason({
  effective_from: { ...Timestamp, description: "the first instant its terms settle" },
  basis: StringEnum(["accrual", "cash"], {
    description: "accrual: on finalized invoices dated in the period; cash: on payments received in it",
  }),
  revenue_shares: Type.Optional(
    Type.Array(ShareRule, {
      maxItems: 50,
      description: "the first rule matching an invoice line (by product, plan, charge) gives its percent",
    }),
  ),
  volume_tiers: Type.Optional(
    Type.Array(StrictObject({ up_to: Nullable(NonNegativeDecimalString), percent: Percent }), {
      maxItems: 20,
      description: "the percent of the tier the period's commissionable base reaches replaces the rules'",
    }),
  ),
  activation_fee: Type.Optional(
    Nullable({
      ...NonNegativeDecimalString,
      description: "per customer activated (first invoice) in the period",
    }),
  ),
  minimum_guarantee: Type.Optional(
    Nullable({ ...NonNegativeDecimalString, description: "a period's shares and fees are topped up to it" }),
  ),
  clawback: Type.Optional(
    StrictObject({
      refunds: Type.Boolean(),
      credit_notes: Type.Boolean(),
      chargebacks: Type.Boolean(),
    }),
  ),
});
export type CreateAgreementInput = Static<typeof CreateAgreementBody>;

export const AgreementSchema = Type.Object({
  id: PrefixedId("pag"),
  partner_id: Type.String(),
  effective_from: Timestamp,
  basis: StringEnum(["accrual", "cash"]),
  revenue_shares: Type.Array(
    Type.Object({
      product: Type.Optional(Type.String()),
      plan: Type.Optional(Type.String()),
      charge: Type.Optional(Type.String()),
      percent: Type.String(),
    }),
  ),
  volume_tiers: Type.Array(Type.Object({ up_to: Nullable(Type.String()), percent: Type.String() })),
  activation_fee: Nullable(Type.String()),
  minimum_guarantee: Nullable(Type.String()),
  clawback: Type.Object({
    refunds: Type.Boolean(),
    credit_notes: Type.Boolean(),
    chargebacks: Type.Boolean(),
  }),
  created_at: Timestamp,
});
export type AgreementView = Static<typeof AgreementSchema>;

export const AttributeCustomerBody = BodyWithReason({
  customer_id: NonEmptyId,
  attributed_from: {
    ...Timestamp,
    description: "invoices and payments from this instant count for the partner",
  },
});
export type AttributeCustomerInput = Static<typeof AttributeCustomerBody>;

export const AttributionSchema = Type.Object({
  id: PrefixedId("pat"),
  partner_id: Type.String(),
  customer_id: Type.String(),
  attributed_from: Timestamp,
  created_at: Timestamp,
});
export type AttributionView = Static<typeof AttributionSchema>;

const Period = Type.String({
  pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$",
  description: "a month, YYYY-MM (UTC)",
  examples: ["2030-01"],
});

export const CreateSettlementBody = BodyWithReason({
  partner_id: NonEmptyId,
  period: Period,
});
export type CreateSettlementInput = Static<typeof CreateSettlementBody>;

export const RecordSettlementPaymentBody = BodyWithReason({
  reference: Type.String({ minLength: 1, maxLength: 200, description: "the bank transfer's reference" }),
  paid_at: Type.Optional(Timestamp),
});
export type RecordSettlementPaymentInput = Static<typeof RecordSettlementPaymentBody>;

export const SettlementListQuery = StrictObject({
  partner_id: Type.Optional(Type.String({ maxLength: 64 })),
});

export const SettlementSchema = Type.Object({
  id: PrefixedId("stl"),
  partner_id: Type.String(),
  agreement_id: Type.String(),
  period: Type.String(),
  period_start: Timestamp,
  period_end: Timestamp,
  currency: Type.String(),
  status: StringEnum(["draft", "approved", "paid"]),
  lines: Type.Array(
    Type.Object({
      kind: StringEnum(["revenue_share", "activation_fee", "minimum_guarantee", "clawback", "adjustment"]),
      source: Type.Object({
        type: Type.String({
          description: "invoice, payment, refund, credit_note, chargeback, settlement or agreement",
        }),
        id: Type.String(),
        reference: Type.String(),
      }),
      invoice_id: Nullable(Type.String()),
      customer_id: Nullable(Type.String()),
      description: Type.String(),
      base: Nullable(Type.String()),
      percent: Nullable(Type.String()),
      amount: Type.String(),
      items: Type.Optional(
        Type.Array(
          Type.Object({
            product: Nullable(Type.String()),
            plan: Nullable(Type.String()),
            charge: Nullable(Type.String()),
            amount: Type.String({ description: "the invoice's commissioned lines of the item, net of tax" }),
          }),
          { description: "a revenue share's commissioned invoice lines by item: what external sales match" },
        ),
      ),
    }),
  ),
  earned: Type.String({ description: "shares and activation fees, before the guarantee" }),
  total: Type.String(),
  created_by: Type.String(),
  approved_by: Nullable(Type.String()),
  approved_at: Nullable(Timestamp),
  paid_at: Nullable(Timestamp),
  payment_reference: Nullable(Type.String()),
  created_at: Timestamp,
});
export type SettlementView = Static<typeof SettlementSchema>;

export const CreatePartnerLinkBody = StrictObject({
  expires_in_seconds: LinkLifetimeSeconds(30, "604800 (7 days)"),
});
export type CreatePartnerLinkInput = Static<typeof CreatePartnerLinkBody>;

export const PartnerLinkSchema = Type.Object({
  url: Type.String({
    description: "the partner's statements page, with the token in its fragment (#token=…)",
  }),
  token: Type.String({
    description: 'the token alone, for "Authorization: Partner <token>" on /v1/partner-view',
  }),
  partner_id: Type.String(),
  expires_at: Timestamp,
});
export type PartnerLink = Static<typeof PartnerLinkSchema>;

/** A statement as its partner reads it: who prepared and approved it stays inside. */
export const PartnerStatementSchema = Type.Omit(SettlementSchema, [
  "created_by",
  "approved_by",
  "agreement_id",
]);
export type PartnerStatementView = Static<typeof PartnerStatementSchema>;

export const PartnerKpiSchema = Type.Object({
  settlement_accuracy_rate: Type.Object({
    approved_statements: Type.Integer(),
    adjusted_after_approval: Type.Integer({ description: "approved statements a later statement adjusted" }),
    percent: Nullable(Type.String({ description: "not adjusted, over all approved; null without any" })),
  }),
  time_to_settle: Type.Object({
    paid_statements: Type.Integer(),
    mean_days: Nullable(Type.String({ description: "from the period's end to the payment, in days" })),
  }),
  revenue_by_partner: Type.Array(
    Type.Object({
      partner_id: Type.String(),
      currency: Type.String(),
      revenue: Type.String({ description: "the invoice amounts its approved statements shared" }),
    }),
  ),
});
