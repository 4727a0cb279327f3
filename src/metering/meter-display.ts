// How many decimals each meter's quantities show on customer documents: the
// meter's own display_decimals, or the default. Invoicing and the portal read
// it to round what a customer reads; billing never does.
import { DEFAULT_QUANTITY_DISPLAY_DECIMALS } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

/** Display decimals by meter code; a code it does not know (or no meter) gets the default. */
export type QuantityDisplayDecimals = (meterCode: string | undefined) => number;

export async function quantityDisplayDecimals(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
): Promise<QuantityDisplayDecimals> {
  const rows = await database
    .selectFrom("meters")
    .select(["code", "display_decimals"])
    .where(inTenant(scope))
    .where("display_decimals", "is not", null)
    .execute();
  const decimals = new Map(
    rows.map((row) => [row.code, row.display_decimals ?? DEFAULT_QUANTITY_DISPLAY_DECIMALS]),
  );
  return (meterCode) =>
    (meterCode === undefined ? undefined : decimals.get(meterCode)) ?? DEFAULT_QUANTITY_DISPLAY_DECIMALS;
}
