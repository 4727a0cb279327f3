// Products, features and plans are catalog entries: a code unique in the
// environment, a name and an optional description. The code never changes; the
// name and description change in place. These are the parts of their use
// cases and request bodies that the three share.
import type { Selectable, UpdateObject } from "kysely";
import { Type } from "typebox";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseSchema, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { codeTaken, refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { ReasonField } from "../platform/http/reason.ts";
import { Description, Name } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Code } from "../pricing/index.ts";

type CatalogEntryKind = "product" | "feature" | "plan";

/** The fields a request creating a catalog entry starts with. */
export const newCatalogEntryFields = {
  code: Code,
  name: Name,
  description: Type.Optional(Description),
};

/** The fields a request changing a catalog entry may set (at least one of them, with a reason). */
export const catalogEntryChangeFields = {
  name: Type.Optional(Name),
  description: Type.Optional(Description),
};

/** The body of a request changing a product's or a plan's name or description. */
export const UpdateCatalogEntryBody = StrictObject(
  { ...catalogEntryChangeFields, reason: ReasonField },
  { minProperties: 1 },
);

/**
 * Runs `create` in a transaction of its own; a code another entry of the same
 * kind already has is refused as `<kind>_code_taken`.
 */
export function creatingCatalogEntry<Created>(
  context: RequestContext,
  kind: CatalogEntryKind,
  code: string,
  create: (transaction: DatabaseTransaction) => Promise<Created>,
): Promise<Created> {
  return refusingDuplicates(
    () => context.database.transaction().execute(create),
    () => codeTaken(kind, code),
  );
}

/** The columns a new entry's row starts with (insertTenantRow adds its id): code, name, description, created now. */
export function newCatalogEntryColumns(
  input: { code: string; name: string; description?: string | null | undefined },
  now: Date,
) {
  return {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** The columns a change sets: the name and description it gives, and the time of the change. */
export function catalogEntryChanges(input: { name?: string; description?: string | null }, now: Date) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    updated_at: now,
  };
}

/** Changes the name and description of the product or plan `id` in place, as `input` gives them; answers its row. */
export function changeCatalogEntry<Table extends "products" | "plans">(
  transaction: DatabaseTransaction,
  context: RequestContext,
  table: Table,
  id: string,
  input: { name?: string; description?: string | null },
): Promise<Selectable<DatabaseSchema[Table]>> {
  const changes = catalogEntryChanges(input, context.clock.now()) as UpdateObject<DatabaseSchema, Table>;
  return updateTenantRow(transaction, context, table, id, changes);
}
