// A partner's external sales as reconciliation reads them: each sale with the
// customer its reference names, the item its mapping gives, and its match
// against the partner's statements (the core's matchExternalSales), computed
// from the statements and mappings as they stand now.
import type { Selectable } from "kysely";
import {
  currencyFor,
  Decimal,
  type ExternalSale,
  formatAmount,
  matchExternalSales,
  type SettledItem,
} from "../core/index.ts";
import { customerReferencesByExternalIds, customerReferencesByIds } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import type { ExternalSaleView } from "./external-sale-schemas.ts";
import { itemMappingsOf } from "./item-mappings.ts";
import { findPartner, type PartnerRow } from "./partners.ts";
import { settlementsOfPartner } from "./settlements.ts";
import type { PartnerExternalSaleTable } from "./tables.ts";

type SaleRow = Selectable<PartnerExternalSaleTable>;

/** Each reference's customer id: a Fairbill id first, else an external id. */
async function customersOf(database: Database, scope: TenantScope, references: readonly string[]) {
  const byId = await customerReferencesByIds(database, scope, references);
  const byExternalId = await customerReferencesByExternalIds(database, scope, references);
  const found = new Map(byExternalId.map((customer) => [customer.externalId, customer.id]));
  for (const customer of byId) found.set(customer.id, customer.id);
  return found;
}

/** The items the partner's statements cover, line by line. */
async function settledItemsOf(
  database: Database,
  scope: TenantScope,
  partnerId: string,
): Promise<SettledItem[]> {
  return (await settlementsOfPartner(database, scope, partnerId)).flatMap((settlement) =>
    settlement.lines.flatMap((line) =>
      line.kind !== "revenue_share" || line.customer_id === null
        ? []
        : (line.items ?? []).map((item) => ({
            settlementId: settlement.id,
            start: settlement.period_start.getTime(),
            end: settlement.period_end.getTime(),
            customerId: line.customer_id as string,
            product: item.product,
            plan: item.plan,
            charge: item.charge,
            amount: new Decimal(item.amount),
          })),
    ),
  );
}

/** The partner's sales (those `rows` holds), each with its match, in the rows' order. */
async function matchedSalesOf(
  database: Database,
  scope: TenantScope,
  partner: PartnerRow,
  rows: readonly SaleRow[],
): Promise<ExternalSaleView[]> {
  const mappings = new Map(
    (await itemMappingsOf(database, scope, partner.id)).map((row) => [
      row.external_item,
      { kind: row.item_kind, code: row.item_code },
    ]),
  );
  const customers = await customersOf(
    database,
    scope,
    rows.map((row) => row.customer_reference),
  );
  const sales: ExternalSale[] = rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at.getTime(),
    customerId: customers.get(row.customer_reference) ?? null,
    customerReference: row.customer_reference,
    externalItem: row.external_item,
    item: mappings.get(row.external_item) ?? null,
    amount: new Decimal(row.amount),
    currency: row.currency,
  }));
  const matches = matchExternalSales(
    sales,
    await settledItemsOf(database, scope, partner.id),
    currencyFor(partner.currency),
  );
  return rows.map((row, index) => {
    const sale = sales[index] as ExternalSale;
    const match = matches[index];
    const currency = currencyFor(row.currency);
    return {
      id: row.id,
      partner_id: row.partner_id,
      external_id: row.external_id,
      occurred_at: row.occurred_at.toISOString(),
      customer_reference: row.customer_reference,
      customer_id: sale.customerId,
      item: row.external_item,
      mapped_item: sale.item,
      quantity: new Decimal(row.quantity).toFixed(),
      amount: formatAmount(new Decimal(row.amount), currency),
      currency: row.currency,
      state: match?.reason == null ? "matched" : "unmatched",
      settlement_id: match?.settlementId ?? null,
      reason: match?.reason ?? null,
      difference:
        match?.difference == null ? null : formatAmount(match.difference, currencyFor(partner.currency)),
      created_at: row.created_at.toISOString(),
    };
  });
}

function selectSales(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "partner_external_sales").orderBy("occurred_at").orderBy("id");
}

export async function listExternalSales(
  context: RequestContext,
  partnerId: string,
  filters: { state?: "matched" | "unmatched" | undefined },
): Promise<{ data: ExternalSaleView[] }> {
  const partner = await findPartner(context.database, context, partnerId);
  const rows = await selectSales(context.database, context).where("partner_id", "=", partnerId).execute();
  const sales = await matchedSalesOf(context.database, context, partner, rows);
  return { data: filters.state === undefined ? sales : sales.filter((sale) => sale.state === filters.state) };
}

/** A sale no statement accounts for, with its partner, for finance's reconciliation of a month. */
export type UnmatchedExternalSale = ExternalSaleView & { partner_code: string };

/** Every partner's unmatched sales dated in `[start, end)`, by partner code then date. */
export async function unmatchedExternalSales(
  database: Database,
  scope: TenantScope,
  period: { start: number; end: number },
): Promise<UnmatchedExternalSale[]> {
  const rows = await selectSales(database, scope)
    .where("occurred_at", ">=", new Date(period.start))
    .where("occurred_at", "<", new Date(period.end))
    .execute();
  const partnerIds = [...new Set(rows.map((row) => row.partner_id))].sort();
  const unmatched: UnmatchedExternalSale[] = [];
  for (const partnerId of partnerIds) {
    const partner = await findPartner(database, scope, partnerId);
    const sales = await matchedSalesOf(
      database,
      scope,
      partner,
      rows.filter((row) => row.partner_id === partnerId),
    );
    for (const sale of sales)
      if (sale.state === "unmatched") unmatched.push({ ...sale, partner_code: partner.code });
  }
  return unmatched;
}
