// Standalone selling prices: what a product, or one charge of a plan, sells
// for on its own, per currency and per billing period. Set, listed and removed
// through the API (audited); revenue recognition reads them all at once to
// allocate an invoice's fixed fees by relative standalone selling price.
import type { Selectable } from "kysely";
import { describeActor, recordObjectChange } from "../audit/index.ts";
import { Decimal, findCurrency } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, notFound, validationFailed } from "../platform/errors.ts";
import type {
  SetStandaloneSellingPriceInput,
  StandaloneSellingPriceFilters,
  StandaloneSellingPriceView,
} from "./standalone-selling-price-schemas.ts";
import type { StandaloneSellingPriceTable } from "./tables.ts";

type Row = Selectable<StandaloneSellingPriceTable>;

function present(row: Row): StandaloneSellingPriceView {
  return {
    id: row.id,
    product: row.product,
    plan: row.plan_code,
    charge: row.charge_id,
    currency: row.currency,
    amount: new Decimal(row.amount).toFixed(),
    updated_by: row.updated_by,
    updated_at: row.updated_at.toISOString(),
  };
}

type Target = { product: string | null; plan_code: string | null; charge_id: string | null };

function targetOf(input: SetStandaloneSellingPriceInput): Target {
  const perCharge = input.plan !== undefined || input.charge !== undefined;
  if (input.product !== undefined && perCharge) {
    throw validationFailed([
      { path: "$.product", message: "give either product, or plan and charge, not both" },
    ]);
  }
  if (input.product !== undefined) return { product: input.product, plan_code: null, charge_id: null };
  if (input.plan === undefined) {
    throw validationFailed([
      { path: "$.plan", message: "is required with charge (or give product instead)" },
    ]);
  }
  if (input.charge === undefined) {
    throw validationFailed([
      { path: "$.charge", message: "is required with plan (or give product instead)" },
    ]);
  }
  return { product: null, plan_code: input.plan, charge_id: input.charge };
}

function selectTarget(database: Database, scope: TenantScope, target: Target) {
  let query = selectInTenant(database, scope, "finance_standalone_selling_prices");
  for (const column of ["product", "plan_code", "charge_id"] as const) {
    const value = target[column];
    query = value === null ? query.where(column, "is", null) : query.where(column, "=", value);
  }
  return query;
}

/** Sets the standalone selling price of a product or a plan's charge in a currency (replacing the one set). */
export async function setStandaloneSellingPrice(
  context: RequestContext,
  input: SetStandaloneSellingPriceInput,
): Promise<StandaloneSellingPriceView> {
  const target = targetOf(input);
  if (findCurrency(input.currency) === undefined) {
    throw validationFailed([{ path: "$.currency", message: "is not an ISO 4217 currency" }]);
  }
  const write = () =>
    context.database.transaction().execute(async (transaction) => {
      const before = await selectTarget(transaction, context, target)
        .where("currency", "=", input.currency)
        .forUpdate()
        .executeTakeFirst();
      const now = context.clock.now();
      const columns = {
        amount: new Decimal(input.amount).toFixed(),
        updated_by: describeActor(context.actor).id,
        updated_at: now,
      };
      const row =
        before === undefined
          ? await insertTenantRow(
              transaction,
              context,
              "finance_standalone_selling_prices",
              "standaloneSellingPrice",
              now,
              {
                ...target,
                currency: input.currency,
                ...columns,
              },
            )
          : await updateTenantRow(
              transaction,
              context,
              "finance_standalone_selling_prices",
              before.id,
              columns,
            );
      const view = present(row);
      await recordObjectChange(
        transaction,
        context,
        "standalone_selling_price",
        "set",
        before === undefined ? null : present(before),
        view,
      );
      return view;
    });
  return refusingDuplicates(write, () =>
    conflict(
      "standalone_selling_price_changed",
      "The same standalone selling price was set at the same moment; try again.",
    ),
  );
}

export async function listStandaloneSellingPrices(
  context: RequestContext,
  filters: StandaloneSellingPriceFilters,
  page: PageRequest,
): Promise<StandaloneSellingPriceView[]> {
  let query = newestFirstPage(
    selectInTenant(context.database, context, "finance_standalone_selling_prices"),
    page,
  );
  if (filters.currency !== undefined) query = query.where("currency", "=", filters.currency);
  return (await query.execute()).map(present);
}

/** Removes a standalone selling price: its fees weigh their list price again. Returns what was removed. */
export async function removeStandaloneSellingPrice(
  context: RequestContext,
  id: string,
): Promise<StandaloneSellingPriceView> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await transaction
      .deleteFrom("finance_standalone_selling_prices")
      .where(inTenant(context))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw notFound("standalone selling price", id);
    await recordObjectChange(transaction, context, "standalone_selling_price", "removed", present(row), null);
    return present(row);
  });
}

/** Every standalone selling price of the environment: per charge by `plan|charge|currency`, per product by `product|currency`. */
export async function standaloneSellingPrices(
  database: Database,
  scope: TenantScope,
): Promise<{ byCharge: Map<string, Decimal>; byProduct: Map<string, Decimal> }> {
  const rows = await selectInTenant(database, scope, "finance_standalone_selling_prices").execute();
  const byCharge = new Map<string, Decimal>();
  const byProduct = new Map<string, Decimal>();
  for (const row of rows) {
    if (row.product !== null) byProduct.set(`${row.product}|${row.currency}`, new Decimal(row.amount));
    else byCharge.set(`${row.plan_code}|${row.charge_id}|${row.currency}`, new Decimal(row.amount));
  }
  return { byCharge, byProduct };
}
