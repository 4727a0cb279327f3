// The JSON shapes of a partner's external sales (transactions its own system
// reports) and of its item mappings on the API; and the columns of the CSV
// template, the same fields as the JSON rows.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  DecimalString,
  ListedCurrencyCode,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });

const itemKinds = ["plan", "charge", "product"] as const;

const MappedItemSchema = Type.Object({
  kind: StringEnum(itemKinds),
  code: Text(100, "the plan's, charge's or product's code in Fairbill"),
});

export const CreateItemMappingBody = BodyWithReason({
  external_item: Text(100, "the item's code in the partner's system"),
  item: MappedItemSchema,
});
export type CreateItemMappingInput = Static<typeof CreateItemMappingBody>;

export const ItemMappingSchema = Type.Object({
  id: PrefixedId("pim"),
  partner_id: Type.String(),
  external_item: Type.String(),
  item: MappedItemSchema,
  created_at: Timestamp,
});
export type ItemMappingView = Static<typeof ItemMappingSchema>;

/** A day (2030-01-15) or an instant (2030-01-15T10:30:00Z): the sale's date in the partner's system. */
const SaleDate = Type.String({
  pattern:
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$",
  description: "a day such as 2030-01-15 (UTC) or an instant such as 2030-01-15T10:30:00Z",
  examples: ["2030-01-15"],
});

/** One transaction's fields: the JSON row, and the CSV template's columns (all required). */
export const saleFields = {
  external_id: Text(255, "the transaction's id in the partner's system: sent again, it is recorded once"),
  date: SaleDate,
  customer_reference: Text(255, "the customer's external id, or its Fairbill id (cus_…)"),
  item: Text(100, "the item's code in the partner's system, mapped through the partner's item mappings"),
  quantity: DecimalString,
  amount: { ...DecimalString, description: "what the customer paid for it, net of tax" },
  currency: ListedCurrencyCode,
};

const SaleRow = StrictObject(saleFields);
export type SaleRowInput = Static<typeof SaleRow>;

export const RecordExternalSalesBody = BodyWithReason({
  csv: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 5_000_000,
      description:
        "a CSV file with the header external_id,date,customer_reference,item,quantity,amount,currency (docs/partners.md); give csv or transactions",
    }),
  ),
  transactions: Type.Optional(Type.Array(SaleRow, { minItems: 1, maxItems: 10_000 })),
  atomic: Type.Optional(
    Type.Boolean({
      description:
        "true (the default): one bad row refuses the whole upload and nothing is written; false: the good rows are recorded and the bad ones reported",
    }),
  ),
});
export type RecordExternalSalesInput = Static<typeof RecordExternalSalesBody>;

export const ExternalSaleUploadSchema = Type.Object({
  created: Type.Integer(),
  skipped: Type.Integer({ description: "recorded before with the same external id and values" }),
  refused: Type.Integer(),
  records: Type.Array(
    Type.Object({
      source: Type.String({
        description: 'where the transaction is: "row 3" of the CSV, or "$.transactions[2]"',
      }),
      external_id: Nullable(Type.String()),
      outcome: StringEnum(["created", "skipped", "refused"]),
      external_sale_id: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});
export type ExternalSaleUploadView = Static<typeof ExternalSaleUploadSchema>;

const reasonCodes = [
  "unknown_customer",
  "no_mapping",
  "currency_differs",
  "no_settlement_line",
  "amount_differs",
] as const;

export const ExternalSaleSchema = Type.Object({
  id: PrefixedId("xsl"),
  partner_id: Type.String(),
  external_id: Type.String(),
  occurred_at: Timestamp,
  customer_reference: Type.String(),
  customer_id: Nullable(Type.String({ description: "the customer the reference names; null when none" })),
  item: Type.String({ description: "the item's code in the partner's system" }),
  mapped_item: Nullable(MappedItemSchema),
  quantity: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  state: StringEnum(["matched", "unmatched"]),
  settlement_id: Nullable(Type.String({ description: "the statement whose lines cover it" })),
  reason: Nullable(
    Type.Object({
      code: StringEnum(reasonCodes),
      message: Type.String(),
    }),
  ),
  difference: Nullable(
    Type.String({ description: "for amount_differs: the sales' total less what the statement covers" }),
  ),
  created_at: Timestamp,
});
export type ExternalSaleView = Static<typeof ExternalSaleSchema>;

export const ExternalSaleListQuery = StrictObject({
  state: Type.Optional(StringEnum(["matched", "unmatched"])),
});
