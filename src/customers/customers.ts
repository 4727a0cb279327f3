// Customer use cases: create, read (by id or by the caller's external id),
// list with filters, update, archive. Other domains reach customers only
// through the functions exported here.
import { type Selectable, sql, type Updateable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import { containsPattern } from "../platform/database/like-pattern.ts";
import {
  type PageRequest,
  type SortColumn,
  type SortKeyed,
  sortedPage,
} from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { isCountryCode, isCurrencyCode, isLocale, isTimeZone } from "../platform/reference-data.ts";
import type {
  CreateCustomerInput,
  Customer,
  CustomerListFilters,
  CustomerSortField,
  UpdateCustomerInput,
} from "./customer-schemas.ts";
import { customerCreated, customerUpdated } from "./customer-webhook-events.ts";
import type { CustomerTable } from "./tables.ts";

type CustomerRow = Selectable<CustomerTable>;

export async function createCustomer(context: RequestContext, input: CreateCustomerInput): Promise<Customer> {
  checkCustomerFields(input);
  checkHierarchy(input, {
    parent_customer_id: input.parent_customer_id ?? null,
    child_billing: input.child_billing ?? "separate",
  });
  const now = context.clock.now();
  try {
    return await context.database.transaction().execute(async (transaction) => {
      if (input.parent_customer_id)
        await checkParent(transaction, context, undefined, input.parent_customer_id);
      const row = await insertTenantRow(transaction, context, "customers", "customer", now, {
        external_id: input.external_id,
        name: input.name ?? null,
        email: input.email ?? null,
        billing_address: JSON.stringify(input.billing_address ?? null),
        country: input.country ?? null,
        tax_ids: JSON.stringify(input.tax_ids ?? []),
        currency: input.currency ?? null,
        timezone: input.timezone ?? "UTC",
        locale: input.locale ?? "en-US",
        invoice_settings: JSON.stringify(input.invoice_settings ?? {}),
        metadata: JSON.stringify(input.metadata ?? {}),
        parent_customer_id: input.parent_customer_id ?? null,
        child_billing: input.child_billing ?? "separate",
        created_at: now,
        updated_at: now,
      });
      const customer = presentCustomer(row);
      await recordCreation(transaction, context, "customer", customer);
      await publishEvent(transaction, context, customerCreated, customer);
      return customer;
    });
  } catch (error) {
    throw translateUniqueViolation(error, input.external_id);
  }
}

export async function getCustomer(context: RequestContext, id: string): Promise<Customer> {
  const row = await findInTenant(context.database, context, "customers", id, "customer");
  return presentCustomer(row);
}

export async function getCustomerByExternalId(
  context: RequestContext,
  externalId: string,
): Promise<Customer> {
  const customer = await findCustomerByExternalId(context.database, context, externalId);
  if (!customer) throw notFound("customer with external id", externalId);
  return customer;
}

/** For other domains: the customer with this external id, or undefined. */
export async function findCustomerByExternalId(
  database: Database,
  scope: TenantScope,
  externalId: string,
): Promise<Customer | undefined> {
  const row = await selectCustomer(database, scope).where("external_id", "=", externalId).executeTakeFirst();
  return row ? presentCustomer(row) : undefined;
}

/** What `?sort=` orders customers by; a customer without a name or email sorts as an empty one. */
const customerSortColumns: Record<CustomerSortField, SortColumn> = {
  name: { expression: sql`coalesce(name, '')`, type: "text" },
  email: { expression: sql`coalesce(email, '')`, type: "text" },
  external_id: { expression: sql`external_id`, type: "text" },
  created_at: { expression: sql`created_at`, type: "timestamptz" },
};

export async function listCustomers(
  context: RequestContext,
  filters: CustomerListFilters,
  page: PageRequest,
): Promise<(Customer & SortKeyed)[]> {
  let query = sortedPage(selectCustomer(context.database, context), page, customerSortColumns);
  if (filters.external_id !== undefined) query = query.where("external_id", "=", filters.external_id);
  if (filters.email !== undefined)
    query = query.where((eb) => eb.fn("lower", ["email"]), "=", filters.email.toLowerCase());
  if (filters.country !== undefined) query = query.where("country", "=", filters.country);
  if (filters.currency !== undefined) query = query.where("currency", "=", filters.currency);
  if (filters.parent_customer_id !== undefined) {
    query = query.where("parent_customer_id", "=", filters.parent_customer_id);
  }
  query = query.where("archived_at", filters.archived ? "is not" : "is", null);
  if (filters.search !== undefined) {
    const pattern = containsPattern(filters.search);
    query = query.where((eb) =>
      eb.or([
        eb("name", "ilike", pattern),
        eb("email", "ilike", pattern),
        eb("external_id", "ilike", pattern),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...presentCustomer(row), page_sort_key: row.page_sort_key }));
}

/**
 * Whether usage was sent under a customer external id. Customers do not know
 * events: the composition root passes metering's answer.
 */
export type ExternalIdUsageCheck = (
  database: Database,
  scope: TenantScope,
  externalId: string,
) => Promise<boolean>;

/**
 * Changes a customer's fields. `externalIdInUse` (when given) keeps the
 * external id from changing once usage was sent under it: usage is billed by
 * the external id its events name, so the customer's events would be left
 * out of its invoices (and listed as unattributed).
 */
export async function updateCustomer(
  context: RequestContext,
  id: string,
  input: UpdateCustomerInput,
  options: { externalIdInUse?: ExternalIdUsageCheck } = {},
): Promise<Customer> {
  checkCustomerFields(input);
  try {
    return await context.database.transaction().execute(async (transaction) => {
      const before = await lockedCustomer(transaction, context, id);
      const externalIdInUse = options.externalIdInUse;
      if (
        externalIdInUse !== undefined &&
        input.external_id !== undefined &&
        input.external_id !== before.external_id &&
        (await externalIdInUse(transaction, context, before.external_id))
      ) {
        throw conflict(
          "customer_external_id_has_usage",
          `Customer ${id} has usage events sent under external id "${before.external_id}", and usage is billed ` +
            "by the external id its events name: changing it would leave them out of the customer's invoices.",
          [
            {
              path: "$.external_id",
              message: `cannot change: events were sent under "${before.external_id}"`,
            },
          ],
        );
      }
      if (input.parent_customer_id) await checkParent(transaction, context, id, input.parent_customer_id);
      checkHierarchy(input, {
        parent_customer_id:
          input.parent_customer_id === undefined ? before.parent_customer_id : input.parent_customer_id,
        child_billing: input.child_billing ?? before.child_billing,
      });
      return saveCustomerChange(transaction, context, before, "updated", {
        ...(input.external_id !== undefined ? { external_id: input.external_id } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.billing_address !== undefined
          ? { billing_address: JSON.stringify(input.billing_address) }
          : {}),
        ...(input.country !== undefined ? { country: input.country } : {}),
        ...(input.tax_ids !== undefined ? { tax_ids: JSON.stringify(input.tax_ids) } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.invoice_settings !== undefined
          ? { invoice_settings: JSON.stringify(input.invoice_settings) }
          : {}),
        ...(input.metadata !== undefined ? { metadata: JSON.stringify(input.metadata) } : {}),
        ...(input.parent_customer_id !== undefined ? { parent_customer_id: input.parent_customer_id } : {}),
        ...(input.child_billing !== undefined ? { child_billing: input.child_billing } : {}),
        updated_at: context.clock.now(),
      });
    });
  } catch (error) {
    throw translateUniqueViolation(error, input.external_id);
  }
}

/** Archives a customer: kept with its history, but no longer billed anew or listed by default. */
export async function archiveCustomer(context: RequestContext, id: string): Promise<Customer> {
  return context.database.transaction().execute(async (transaction) => {
    const before = await lockedCustomer(transaction, context, id);
    if (before.archived_at !== null) return before;
    const now = context.clock.now();
    return saveCustomerChange(transaction, context, before, "archived", {
      archived_at: now,
      updated_at: now,
    });
  });
}

/** The customer as it stands, locked until the transaction ends. */
async function lockedCustomer(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  id: string,
): Promise<Customer> {
  const row = await findInTenant(transaction, scope, "customers", id, "customer", { lock: true });
  return presentCustomer(row);
}

/** Writes a change to a customer, records it in the audit log and tells the webhooks (customer.updated). */
async function saveCustomerChange(
  transaction: DatabaseTransaction,
  context: RequestContext,
  before: Customer,
  verb: "updated" | "archived",
  changes: Updateable<CustomerTable>,
): Promise<Customer> {
  const row = await updateTenantRow(transaction, context, "customers", before.id, changes);
  const after = presentCustomer(row);
  await recordObjectChange(transaction, context, "customer", verb, before, after);
  await publishEvent(transaction, context, customerUpdated, after);
  return after;
}

function selectCustomer(database: Database | DatabaseTransaction, scope: TenantScope) {
  return selectInTenant(database, scope, "customers");
}

// What the JSON schema cannot say: codes that must exist in their lists.
function checkCustomerFields(input: UpdateCustomerInput): void {
  const errors: FieldError[] = [];
  if (input.currency && !isCurrencyCode(input.currency)) {
    errors.push({ path: "$.currency", message: `"${input.currency}" is not an ISO 4217 currency code` });
  }
  if (input.country && !isCountryCode(input.country)) {
    errors.push({ path: "$.country", message: `"${input.country}" is not an ISO 3166 country code` });
  }
  if (input.billing_address?.country && !isCountryCode(input.billing_address.country)) {
    errors.push({
      path: "$.billing_address.country",
      message: `"${input.billing_address.country}" is not an ISO 3166 country code`,
    });
  }
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) {
    errors.push({
      path: "$.timezone",
      message: `"${input.timezone}" is not an IANA time zone such as Europe/Berlin`,
    });
  }
  if (input.locale !== undefined && !isLocale(input.locale)) {
    errors.push({ path: "$.locale", message: `"${input.locale}" is not a locale tag such as de-DE` });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * One level of consolidation: a customer that bills its children on its own
 * invoices has no parent itself, so every consolidated invoice belongs to a
 * top-level account and no child's charges are consolidated twice.
 */
function checkHierarchy(
  input: UpdateCustomerInput,
  after: Pick<Customer, "parent_customer_id" | "child_billing">,
): void {
  if (after.child_billing !== "consolidated" || after.parent_customer_id === null) return;
  throw validationFailed([
    input.child_billing === "consolidated"
      ? { path: "$.child_billing", message: "only a customer without a parent can consolidate its children" }
      : {
          path: "$.parent_customer_id",
          message: "a customer that consolidates its children's billing cannot have a parent",
        },
  ]);
}

async function checkParent(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  childId: string | undefined,
  parentId: string,
): Promise<void> {
  if (parentId === childId) {
    throw validationFailed([
      { path: "$.parent_customer_id", message: "a customer cannot be its own parent" },
    ]);
  }
  // Walk up from the proposed parent: reaching the child would make a cycle.
  let currentId: string | null = parentId;
  for (let depth = 0; currentId !== null && depth < 50; depth++) {
    const ancestor: { id: string; parent_customer_id: string | null } | undefined = await transaction
      .selectFrom("customers")
      .select(["id", "parent_customer_id"])
      .where(inTenant(scope))
      .where("id", "=", currentId)
      .executeTakeFirst();
    if (!ancestor) {
      throw validationFailed([
        { path: "$.parent_customer_id", message: `no customer with id "${currentId}"` },
      ]);
    }
    if (childId !== undefined && ancestor.parent_customer_id === childId) {
      throw validationFailed([
        { path: "$.parent_customer_id", message: "would make a cycle of parent customers" },
      ]);
    }
    currentId = ancestor.parent_customer_id;
  }
}

function translateUniqueViolation(error: unknown, externalId: string | undefined): unknown {
  if (isUniqueViolation(error)) {
    return conflict(
      "customer_external_id_taken",
      `A customer with external id "${externalId}" already exists in this environment.`,
      [{ path: "$.external_id", message: "is already used by another customer" }],
    );
  }
  return error;
}

function presentCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    external_id: row.external_id,
    name: row.name,
    email: row.email,
    billing_address: row.billing_address,
    country: row.country,
    tax_ids: row.tax_ids,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    invoice_settings: row.invoice_settings,
    metadata: row.metadata,
    parent_customer_id: row.parent_customer_id,
    child_billing: row.child_billing,
    archived_at: row.archived_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Locks these customers' rows until `transaction` ends, in id order (so two
 * callers never wait on each other crosswise), as lockCustomer does one.
 */
export async function lockCustomers(
  transaction: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<void> {
  if (customerIds.length === 0) return;
  await transaction
    .selectFrom("customers")
    .select("id")
    .where(inTenant(scope))
    .where("id", "in", [...customerIds])
    .orderBy("id")
    .forUpdate()
    .execute();
}

/**
 * Locks the customer's row until `transaction` ends: invoicing serializes
 * everything that bills one customer (bill runs, progressive billing, billing
 * ops) on it.
 */
export async function lockCustomer(
  transaction: Database,
  scope: TenantScope,
  customerId: string,
): Promise<void> {
  const locked = await transaction
    .selectFrom("customers")
    .select("id")
    .where(inTenant(scope))
    .where("id", "=", customerId)
    .forUpdate()
    .executeTakeFirst();
  if (locked === undefined) throw notFound("customer", customerId);
}
