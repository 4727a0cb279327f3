// Which billing entity a customer belongs to, and from when. A customer never
// assigned belongs to the environment's default entity; a move takes effect
// at a month boundary of the customer's time zone, so each invoice's period
// falls wholly under one entity. An invoice belongs to the entity of the
// instant its period starts, and keeps it once finalized.
import { Temporal } from "temporal-polyfill";
import { recordObjectChange } from "../audit/index.ts";
import { findCustomerRecord, lockCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { notFound, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import {
  type BillingEntityRecord,
  findBillingEntityRow,
  recordOf,
  selectBillingEntities,
} from "./billing-entities.ts";
import type { AssignBillingEntityInput, CustomerBillingEntityView } from "./billing-entity-schemas.ts";

type Assignment = { customerId: string; billingEntityId: string; effectiveFrom: number };

/** The first instant of the month of `at` in `timeZone`, and of the month after it. */
function monthStarts(at: number, timeZone: string): { current: number; next: number } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
  const first = zoned.with({ day: 1 }).startOfDay();
  return { current: first.epochMilliseconds, next: first.add({ months: 1 }).epochMilliseconds };
}

function isMonthStart(at: number, timeZone: string): boolean {
  return monthStarts(at, timeZone).current === at;
}

async function assignmentsOf(database: Database, scope: TenantScope, customerIds?: readonly string[]) {
  let query = database
    .selectFrom("customer_billing_entities")
    .select(["customer_id", "billing_entity_id", "effective_from"])
    .where(inTenant(scope));
  if (customerIds !== undefined) {
    if (customerIds.length === 0) return [];
    query = query.where("customer_id", "in", [...customerIds]);
  }
  const rows = await query.orderBy("customer_id").orderBy("effective_from").execute();
  return rows.map(
    (row): Assignment => ({
      customerId: row.customer_id,
      billingEntityId: row.billing_entity_id,
      effectiveFrom: row.effective_from.getTime(),
    }),
  );
}

/**
 * The environment's entities and its customers' moves, read once: which
 * entity a customer belongs to at an instant. `entityIdAt` answers null when
 * the environment has no entity (its invoicing settings are the seller).
 */
export type BillingEntityDirectory = {
  entities: ReadonlyMap<string, BillingEntityRecord>;
  defaultEntityId: string | null;
  entityIdAt(customerId: string, at: number): string | null;
};

export async function billingEntityDirectory(
  database: Database,
  scope: TenantScope,
  customerIds?: readonly string[],
): Promise<BillingEntityDirectory> {
  const rows = await selectBillingEntities(database, scope).execute();
  const entities = new Map(rows.map((row) => [row.id, recordOf(row)]));
  const defaultEntityId = rows.find((row) => row.is_default)?.id ?? rows[0]?.id ?? null;
  const byCustomer = new Map<string, Assignment[]>();
  if (rows.length > 0) {
    for (const assignment of await assignmentsOf(database, scope, customerIds)) {
      byCustomer.set(assignment.customerId, [...(byCustomer.get(assignment.customerId) ?? []), assignment]);
    }
  }
  return {
    entities,
    defaultEntityId,
    entityIdAt(customerId, at) {
      let entityId = defaultEntityId;
      for (const assignment of byCustomer.get(customerId) ?? []) {
        if (assignment.effectiveFrom <= at) entityId = assignment.billingEntityId;
      }
      return entityId;
    },
  };
}

/** The entity a customer's document of a period starting at `at` is issued by; null without entities. */
export async function billingEntityOfCustomer(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Date,
): Promise<BillingEntityRecord | null> {
  const directory = await billingEntityDirectory(database, scope, [customerId]);
  const id = directory.entityIdAt(customerId, at.getTime());
  return id === null ? null : (directory.entities.get(id) ?? null);
}

/** The entity with this id, for a document that already names it; null when it is not the tenant's. */
export async function billingEntityById(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<BillingEntityRecord | null> {
  const row = await findBillingEntityRow(database, scope, id);
  return row === undefined ? null : recordOf(row);
}

/** Whether the environment invoices through billing entities at all. */
export async function hasBillingEntities(database: Database, scope: TenantScope): Promise<boolean> {
  return (await selectBillingEntities(database, scope).select("id").executeTakeFirst()) !== undefined;
}

export async function customerBillingEntity(
  context: RequestContext,
  customerId: string,
  database: Database = context.database,
): Promise<CustomerBillingEntityView> {
  const customer = await findCustomerRecord(database, context, customerId);
  if (customer === undefined) throw notFound("customer", customerId);
  const directory = await billingEntityDirectory(database, context, [customerId]);
  const assignments = await assignmentsOf(database, context, [customerId]);
  return {
    customer_id: customerId,
    billing_entity_id: directory.entityIdAt(customerId, context.clock.now().getTime()),
    assignments: assignments.map((assignment) => ({
      billing_entity_id: assignment.billingEntityId,
      effective_from: new Date(assignment.effectiveFrom).toISOString(),
    })),
  };
}

/**
 * Moves a customer to an entity from the start of a month in the customer's
 * time zone (the next month's by default). A move dated before the current
 * month is refused: what was invoiced stays with the entity that invoiced it.
 */
export async function assignBillingEntity(
  context: RequestContext,
  customerId: string,
  input: AssignBillingEntityInput,
): Promise<CustomerBillingEntityView> {
  const reasoned = withReason(context, input.reason);
  await context.database.transaction().execute(async (transaction) => {
    await lockCustomer(transaction, context, customerId);
    const customer = await findCustomerRecord(transaction, context, customerId);
    if (customer === undefined) throw notFound("customer", customerId);
    const entity = await findBillingEntityRow(transaction, context, input.billing_entity_id);
    if (entity === undefined) {
      throw validationFailed([
        { path: "$.billing_entity_id", message: `no billing entity ${input.billing_entity_id}` },
      ]);
    }
    const now = context.clock.now().getTime();
    const months = monthStarts(now, customer.timezone);
    const effectiveFrom =
      input.effective_from === undefined ? months.next : new Date(input.effective_from).getTime();
    if (!isMonthStart(effectiveFrom, customer.timezone)) {
      throw validationFailed([
        {
          path: "$.effective_from",
          message: `must be the first instant of a month in the customer's time zone (${customer.timezone})`,
        },
      ]);
    }
    if (effectiveFrom < months.current) {
      throw validationFailed([
        { path: "$.effective_from", message: "must not be before the start of the current month" },
      ]);
    }
    const before = await customerBillingEntity(context, customerId, transaction);
    await transaction
      .deleteFrom("customer_billing_entities")
      .where(inTenant(context))
      .where("customer_id", "=", customerId)
      .where("effective_from", "=", new Date(effectiveFrom))
      .execute();
    await insertTenantRow(
      transaction,
      context,
      "customer_billing_entities",
      "customerBillingEntity",
      context.clock.now(),
      {
        customer_id: customerId,
        billing_entity_id: entity.id,
        effective_from: new Date(effectiveFrom),
        created_at: context.clock.now(),
      },
    );
    const after = {
      id: customerId,
      billing_entity_id: entity.id,
      effective_from: new Date(effectiveFrom).toISOString(),
    };
    await recordObjectChange(
      transaction,
      reasoned,
      "customer_billing_entity",
      "assigned",
      { id: customerId, ...before },
      after,
    );
  });
  return customerBillingEntity(context, customerId);
}
