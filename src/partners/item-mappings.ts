// Each partner's mapping of its own item codes (a marketplace's SKU, a point
// of sale's article) to what Fairbill invoices: a plan, a charge or a
// product, by code. One mapping per item code and partner; a plan's code is
// checked against the catalog.
import type { Selectable } from "kysely";
import { findPlanIdByCode } from "../catalog/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import type { CreateItemMappingInput, ItemMappingView } from "./external-sale-schemas.ts";
import { createPartnerRecord, listPartnerRecords } from "./partners.ts";
import type { PartnerItemMappingTable } from "./tables.ts";

export type ItemMappingRow = Selectable<PartnerItemMappingTable>;

function presentItemMapping(row: ItemMappingRow): ItemMappingView {
  return {
    id: row.id,
    partner_id: row.partner_id,
    external_item: row.external_item,
    item: { kind: row.item_kind, code: row.item_code },
    created_at: row.created_at.toISOString(),
  };
}

export async function itemMappingsOf(
  database: Database,
  scope: TenantScope,
  partnerId: string,
): Promise<ItemMappingRow[]> {
  return selectInTenant(database, scope, "partner_item_mappings")
    .where("partner_id", "=", partnerId)
    .orderBy("external_item")
    .execute();
}

export async function createItemMapping(
  context: RequestContext,
  partnerId: string,
  input: CreateItemMappingInput,
): Promise<ItemMappingView> {
  return createPartnerRecord(
    context,
    partnerId,
    input.reason,
    "partner_item_mapping",
    async (transaction, now) => {
      if (
        input.item.kind === "plan" &&
        (await findPlanIdByCode(transaction, context, input.item.code)) === undefined
      )
        throw validationFailed([
          { path: "$.item.code", message: `no plan has the code "${input.item.code}"` },
        ]);
      const taken = (await itemMappingsOf(transaction, context, partnerId)).find(
        (row) => row.external_item === input.external_item,
      );
      if (taken !== undefined) {
        throw conflict(
          "item_mapping_exists",
          `The partner's item "${input.external_item}" is mapped already (${taken.id}).`,
          [{ path: "$.external_item", message: `is mapped by ${taken.id}` }],
        );
      }
      const row = await insertTenantRow(
        transaction,
        context,
        "partner_item_mappings",
        "partnerItemMapping",
        now,
        {
          partner_id: partnerId,
          external_item: input.external_item,
          item_kind: input.item.kind,
          item_code: input.item.code,
          created_at: now,
        },
      );
      return presentItemMapping(row);
    },
  );
}

export async function listItemMappings(
  context: RequestContext,
  partnerId: string,
): Promise<{ data: ItemMappingView[] }> {
  return listPartnerRecords(context, partnerId, itemMappingsOf, presentItemMapping);
}
