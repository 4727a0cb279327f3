// What finance reads of credits for its books: the grants customers paid for
// (promotional ones are discounts, not revenue), each with the invoice that
// sold it and its movements out of the ledger (burns, expiries, voids), as
// plain data in two queries whatever the number of grants. Nothing here writes.
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { CreditLedgerEntryKind } from "./tables.ts";

export type PurchasedGrantMovement = {
  kind: Exclude<CreditLedgerEntryKind, "increment">;
  /** As the ledger holds it (a decimal string, negative for money out of the grant). */
  amount: string;
  invoiceId: string | null;
  /** A void by a credit note on the sale: the part of the credits' price it refunded (a decimal string). */
  refunded: string | null;
  occurredAt: Date;
  recordedAt: Date;
};

export type PurchasedGrant = {
  id: string;
  customerId: string;
  currency: string;
  amount: string;
  costBasis: string | null;
  createdAt: Date;
  /** The invoice that sold the credits, when they were sold on one. */
  purchaseInvoiceId: string | null;
  /** In ledger order. */
  movements: PurchasedGrantMovement[];
};

/** Every purchased grant of the environment, by id, with its movements. */
export async function purchasedGrantsForBooks(
  database: Database,
  scope: TenantScope,
): Promise<PurchasedGrant[]> {
  const rows = await database
    .selectFrom("credit_grants")
    .leftJoin("credit_purchases", "credit_purchases.grant_id", "credit_grants.id")
    .select([
      "credit_grants.id",
      "credit_grants.customer_id",
      "credit_grants.currency",
      "credit_grants.amount",
      "credit_grants.cost_basis",
      "credit_grants.created_at",
      "credit_purchases.invoice_id",
    ])
    .where(inTenant(scope, "credit_grants"))
    .where("credit_grants.type", "=", "purchased")
    .orderBy("credit_grants.id")
    .execute();
  if (rows.length === 0) return [];
  const entries = await database
    .selectFrom("credit_ledger_entries")
    .select(["grant_id", "kind", "amount", "invoice_id", "refunded_amount", "occurred_at", "created_at"])
    .where(inTenant(scope))
    .where("kind", "<>", "increment")
    .where(
      "grant_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("sequence")
    .execute();
  const movementsOf = new Map<string, PurchasedGrantMovement[]>();
  for (const entry of entries) {
    const movements = movementsOf.get(entry.grant_id) ?? [];
    movements.push({
      kind: entry.kind as PurchasedGrantMovement["kind"],
      amount: entry.amount,
      invoiceId: entry.invoice_id,
      refunded: entry.refunded_amount,
      occurredAt: entry.occurred_at,
      recordedAt: entry.created_at,
    });
    movementsOf.set(entry.grant_id, movements);
  }
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    amount: row.amount,
    costBasis: row.cost_basis,
    createdAt: row.created_at,
    purchaseInvoiceId: row.invoice_id ?? null,
    movements: movementsOf.get(row.id) ?? [],
  }));
}
