// Products: what a plan's charges are grouped under on invoices and reports
// ("API", "Storage"). A charge names its product by code.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { changeCatalogEntry, creatingCatalogEntry, newCatalogEntryColumns } from "./catalog-entries.ts";
import type { CreateProductInput, Product, UpdateProductInput } from "./product-feature-schemas.ts";
import type { ProductTable } from "./tables.ts";

export async function createProduct(context: RequestContext, input: CreateProductInput): Promise<Product> {
  const now = context.clock.now();
  return creatingCatalogEntry(context, "product", input.code, async (transaction) => {
    const row = await insertTenantRow(
      transaction,
      context,
      "products",
      "product",
      now,
      newCatalogEntryColumns(input, now),
    );
    return recordCreation(transaction, context, "product", presentProduct(row));
  });
}

export async function getProduct(context: RequestContext, id: string): Promise<Product> {
  const row = await findInTenant(context.database, context, "products", id, "product");
  return presentProduct(row);
}

export async function listProducts(context: RequestContext, page: PageRequest): Promise<Product[]> {
  const query = newestFirstPage(selectProducts(context.database, context), page);
  return (await query.execute()).map(presentProduct);
}

/** Every product of an environment, by code: for catalog export and plan validation. */
export async function listAllProducts(database: Database, scope: TenantScope): Promise<Product[]> {
  return (await selectProducts(database, scope).orderBy("code").execute()).map(presentProduct);
}

export async function updateProduct(
  context: RequestContext,
  id: string,
  input: UpdateProductInput,
): Promise<Product> {
  return context.database.transaction().execute(async (transaction) => {
    const beforeRow = await findInTenant(transaction, context, "products", id, "product", { lock: true });
    const row = await changeCatalogEntry(transaction, context, "products", id, input);
    const after = presentProduct(row);
    await recordObjectChange(transaction, context, "product", "updated", presentProduct(beforeRow), after);
    return after;
  });
}

function selectProducts(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "products");
}

function presentProduct(row: Selectable<ProductTable>): Product {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
