// Products: what a plan's charges are grouped under on invoices and reports
// ("API", "Storage"). A charge names its product by code.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import type { CreateProductInput, Product, UpdateProductInput } from "./product-feature-schemas.ts";
import type { ProductTable } from "./tables.ts";

export async function createProduct(context: RequestContext, input: CreateProductInput): Promise<Product> {
  const now = context.clock.now();
  try {
    return await context.database.transaction().execute(async (transaction) => {
      const row = await transaction
        .insertInto("products")
        .values({
          id: newId("product", now),
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const product = presentProduct(row);
      await recordAuditEvent(transaction, context, {
        action: "product.created",
        objectType: "product",
        objectId: product.id,
        before: null,
        after: product,
      });
      return product;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("product_code_taken", `A product with code "${input.code}" already exists.`, [
        { path: "$.code", message: "is already used by another product" },
      ]);
    }
    throw error;
  }
}

export async function getProduct(context: RequestContext, id: string): Promise<Product> {
  const row = await selectProducts(context.database, context).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("product", id);
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
    const beforeRow = await selectProducts(transaction, context)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!beforeRow) throw notFound("product", id);
    const row = await transaction
      .updateTable("products")
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: context.clock.now(),
      })
      .where(inTenant(context))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentProduct(row);
    await recordAuditEvent(transaction, context, {
      action: "product.updated",
      objectType: "product",
      objectId: id,
      before: presentProduct(beforeRow),
      after,
    });
    return after;
  });
}

function selectProducts(database: Database, scope: TenantScope) {
  return database.selectFrom("products").selectAll().where(inTenant(scope));
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
