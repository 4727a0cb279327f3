// What other domains read about customers, as plain data: the stored record
// (invoicing prints and bills from it), and bulk lookups by id or by external
// id for the readers that handle many customers at once (reports, ingestion's
// follow-ups), each one query whatever the number of customers. Only this
// domain queries the customers table.
import type { Selectable } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound } from "../platform/errors.ts";
import type { CustomerTable } from "./tables.ts";

/** A customer as stored: what invoicing bills, prints and snapshots. */
export type CustomerRecord = Selectable<CustomerTable>;

/** Who a customer is, in the fewest words: its id, the external id its events name, its currency. */
export type CustomerReference = { id: string; externalId: string; currency: string | null };

function selectRecords(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "customers");
}

function selectReferences(database: Database, scope: TenantScope) {
  return database.selectFrom("customers").select(["id", "external_id", "currency"]).where(inTenant(scope));
}

function toReference(row: { id: string; external_id: string; currency: string | null }): CustomerReference {
  return { id: row.id, externalId: row.external_id, currency: row.currency };
}

/** The customer's record, or undefined when the tenant has no such customer. */
export async function findCustomerRecord(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<CustomerRecord | undefined> {
  return selectRecords(database, scope).where("id", "=", customerId).executeTakeFirst();
}

/** The customer's record; 404 `not_found` when the tenant has no such customer. */
export async function loadCustomerRecord(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<CustomerRecord> {
  const customer = await findCustomerRecord(database, scope, customerId);
  if (customer === undefined) throw notFound("customer", customerId);
  return customer;
}

/** The records of these customers (those that exist), in one query. */
export async function customerRecordsByIds(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<CustomerRecord[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  return selectRecords(database, scope).where("id", "in", ids).execute();
}

/** The customers with these ids (those that exist), in one query. */
export async function customerReferencesByIds(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<CustomerReference[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  return (await selectReferences(database, scope).where("id", "in", ids).execute()).map(toReference);
}

/** The customers these external ids name (those that exist), in one query. */
export async function customerReferencesByExternalIds(
  database: Database,
  scope: TenantScope,
  externalIds: readonly string[],
): Promise<CustomerReference[]> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return [];
  return (await selectReferences(database, scope).where("external_id", "in", ids).execute()).map(toReference);
}

/** Whether the environment has any customer at all (archived ones count). */
export async function hasAnyCustomer(database: Database, scope: TenantScope): Promise<boolean> {
  const row = await database
    .selectFrom("customers")
    .select("id")
    .where(inTenant(scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The children of these customers (archived ones too: their last periods are still billed), in one query. */
export async function childCustomerRecords(
  database: Database,
  scope: TenantScope,
  parentIds: readonly string[],
): Promise<CustomerRecord[]> {
  const ids = [...new Set(parentIds)];
  if (ids.length === 0) return [];
  return selectRecords(database, scope).where("parent_customer_id", "in", ids).orderBy("id").execute();
}

/**
 * The customers whose invoices bill these: each customer itself, or its
 * parent when the parent consolidates its children's billing; each once, in
 * the order first named.
 */
export async function invoicedCustomerIds(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  const consolidated = await database
    .selectFrom("customers as child")
    .innerJoin("customers as parent", "parent.id", "child.parent_customer_id")
    .select(["child.id as child_id", "parent.id as parent_id"])
    .where(inTenant(scope, "child"))
    .where(inTenant(scope, "parent"))
    .where("parent.child_billing", "=", "consolidated")
    .where("child.id", "in", ids)
    .execute();
  const parentOf = new Map(consolidated.map((row) => [row.child_id, row.parent_id]));
  return [...new Set(ids.map((id) => parentOf.get(id) ?? id))];
}
