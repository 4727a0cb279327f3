// External sales (issue #21, item 5): transactions a partner's own system
// reports (a marketplace's or a point of sale's export), matched against the
// partner's settlement statements. A sale is matched when a statement of the
// partner covers the same customer and item in the month of the sale, and the
// partner's sales of that customer, item and month add up to what the
// statement's revenue share lines cover of them, to the cent. Every other sale
// is unmatched with its reason: the customer or the item is not known, the
// currency is not the partner's, no statement line covers it, or the amounts
// differ (by how much).
import type { Currency } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { formatAmount, roundToMinorUnit } from "../money.ts";

/** What a partner's item maps to: a plan, a charge or a product, by code. */
export type MappedItem = { readonly kind: "plan" | "charge" | "product"; readonly code: string };

export type ExternalSale = {
  readonly id: string;
  readonly occurredAt: Instant;
  /** The customer the sale's reference names; null when none has it. */
  readonly customerId: string | null;
  readonly customerReference: string;
  readonly externalItem: string;
  /** Through the partner's mapping table; null when the item is not mapped. */
  readonly item: MappedItem | null;
  readonly amount: Decimal;
  readonly currency: string;
};

/** A statement's revenue share line's item, in the statement's month. */
export type SettledItem = {
  readonly settlementId: string;
  readonly start: Instant;
  readonly end: Instant;
  readonly customerId: string;
  readonly product: string | null;
  readonly plan: string | null;
  readonly charge: string | null;
  readonly amount: Decimal;
};

export type UnmatchedReason =
  | "unknown_customer"
  | "no_mapping"
  | "currency_differs"
  | "no_settlement_line"
  | "amount_differs";

export type SaleMatch = {
  readonly saleId: string;
  readonly settlementId: string | null;
  readonly reason: { readonly code: UnmatchedReason; readonly message: string } | null;
  /** For amounts that differ: the sales' total less what the statement covers. */
  readonly difference: Decimal | null;
};

const covers = (item: SettledItem, mapped: MappedItem) => item[mapped.kind] === mapped.code;

/** Each sale's match against the partner's settled items, in the sales' order. */
export function matchExternalSales(
  sales: readonly ExternalSale[],
  settled: readonly SettledItem[],
  currency: Currency,
): SaleMatch[] {
  const round = (amount: Decimal) => roundToMinorUnit(amount, currency);
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const unmatched = (sale: ExternalSale, code: UnmatchedReason, message: string): SaleMatch => ({
    saleId: sale.id,
    settlementId: null,
    reason: { code, message },
    difference: null,
  });
  // The sales that reach a statement line, grouped by customer, item and statement.
  const groups = new Map<string, { sales: ExternalSale[]; lines: SettledItem[] }>();
  const early = new Map<string, SaleMatch>();
  for (const sale of sales) {
    if (sale.customerId === null) {
      early.set(
        sale.id,
        unmatched(sale, "unknown_customer", `no customer has the reference "${sale.customerReference}"`),
      );
      continue;
    }
    const item = sale.item;
    if (item === null) {
      early.set(
        sale.id,
        unmatched(
          sale,
          "no_mapping",
          `the partner's item "${sale.externalItem}" maps to no plan, charge or product`,
        ),
      );
      continue;
    }
    if (sale.currency !== currency.code) {
      early.set(
        sale.id,
        unmatched(
          sale,
          "currency_differs",
          `the sale is in ${sale.currency}, the partner settles in ${currency.code}`,
        ),
      );
      continue;
    }
    const lines = settled.filter(
      (line) =>
        line.customerId === sale.customerId &&
        covers(line, item) &&
        line.start <= sale.occurredAt &&
        sale.occurredAt < line.end,
    );
    const settlementId = lines[0]?.settlementId;
    if (settlementId === undefined) {
      early.set(
        sale.id,
        unmatched(
          sale,
          "no_settlement_line",
          `no settlement line covers ${item.kind} ${item.code} of ${sale.customerId} in the sale's month`,
        ),
      );
      continue;
    }
    const key = JSON.stringify([sale.customerId, item.kind, item.code, settlementId]);
    const group = groups.get(key) ?? { sales: [], lines };
    group.sales.push(sale);
    groups.set(key, group);
  }
  const grouped = new Map<string, SaleMatch>();
  for (const group of groups.values()) {
    const sold = round(group.sales.reduce((sum, sale) => sum.plus(sale.amount), new Decimal(0)));
    const covered = round(group.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)));
    const difference = sold.minus(covered);
    const settlementId = group.lines[0]?.settlementId ?? null;
    for (const sale of group.sales) {
      grouped.set(
        sale.id,
        difference.isZero()
          ? { saleId: sale.id, settlementId, reason: null, difference: null }
          : {
              saleId: sale.id,
              settlementId,
              reason: {
                code: "amount_differs",
                message: `the amount differs by ${money(difference)}: the partner's sales of this customer, item and month total ${money(sold)}, the settlement line covers ${money(covered)}`,
              },
              difference,
            },
      );
    }
  }
  return sales.map((sale) => early.get(sale.id) ?? (grouped.get(sale.id) as SaleMatch));
}
