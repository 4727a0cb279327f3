// Credit grants: money a customer's invoices can use before anything is due,
// promotional (given) or purchased (paid for, with a cost basis), with a
// priority and a window [effective_at, expires_at). A grant is written once;
// its balance moves only through the ledger (credit-ledger.ts), and a void
// takes what is left with a `void` entry. Invoicing reads the usable grants
// with `creditGrantsFor` and hands the engine's result to `burnCredits`.

import { recordCreation, recordObjectChange } from "../audit/index.ts";
import type { CreditGrant as EngineCreditGrant } from "../core/index.ts";
import { Decimal } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import { withApproval } from "../governance/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import {
  appendLedgerEntry,
  type CreditAccount,
  type CreditGrantRow,
  closeOutGrant,
  lockCreditAccount,
  lockGrants,
} from "./credit-ledger.ts";
import {
  type CreateCreditGrantInput,
  type CreatedCreditGrant,
  type CreditGrant,
  type CreditGrantFilters,
  type CreditGrantStatus,
  DEFAULT_GRANT_PRIORITY,
} from "./credit-schemas.ts";
import { creditGranted } from "./credit-webhook-events.ts";
import { currencyErrors, readMoney, showMoney } from "./money-input.ts";
import type { CreditGrantType } from "./tables.ts";

export async function createCreditGrant(
  context: RequestContext,
  customerId: string,
  input: CreateCreditGrantInput,
): Promise<CreatedCreditGrant> {
  await requireActiveCustomer(context, customerId);
  const now = context.clock.now();
  const errors: FieldError[] = currencyErrors(input.currency, "$.currency");
  const amount = readMoney(input.amount, input.currency, "$.amount", errors);
  let costBasis: Decimal | null = null;
  if (input.type === "purchased") {
    if (input.cost_basis === undefined) {
      errors.push({
        path: "$.cost_basis",
        message: "is required for a purchased grant: what the customer paid",
      });
    } else {
      costBasis = readMoney(input.cost_basis, input.currency, "$.cost_basis", errors, { allowZero: true });
    }
  } else if (input.cost_basis !== undefined && !new Decimal(input.cost_basis).isZero()) {
    errors.push({ path: "$.cost_basis", message: "must be left out for a promotional grant, which is free" });
  }
  const effectiveAt = input.effective_at === undefined ? now : new Date(input.effective_at);
  const expiresAt = input.expires_at === undefined ? null : new Date(input.expires_at);
  errors.push(...windowErrors(effectiveAt, expiresAt, now));
  if (errors.length > 0) throw validationFailed(errors);
  // Above the organization's limit, another person approves the grant first.
  const change = {
    subject: { kind: "credit_grant" as const, amount: input.amount, currency: input.currency },
    summary: `Grant ${input.amount} ${input.currency} of ${input.type} credit "${input.name}" to customer ${customerId}`,
    targetId: customerId,
    request: input,
  };
  return withApproval(context, change, (spendApproval) =>
    context.database.transaction().execute(async (transaction) => {
      const account = await lockCreditAccount(transaction, context, customerId, input.currency);
      const row = await issueGrant(transaction, context, account, {
        walletId: null,
        name: input.name,
        type: input.type,
        amount,
        costBasis,
        priority: input.priority ?? DEFAULT_GRANT_PRIORITY,
        effectiveAt,
        expiresAt,
        metadata: input.metadata ?? {},
      });
      const grant = presentGrant(row, now);
      await recordCreation(transaction, context, "credit_grant", grant);
      await spendApproval(transaction, grant.id);
      return { ...grant, warnings: grantWarnings(input.type) };
    }),
  );
}

/**
 * Credits recorded as purchased here were paid for outside Fairbill, with no
 * invoice: no VAT was charged on them. In the EU a single-purpose voucher is
 * taxed when it is sold (VAT Directive art. 30b), so the answer says so; a
 * wallet top-up sells credits on an invoice taxed by the customer's rules.
 */
function grantWarnings(type: CreditGrantType): CreatedCreditGrant["warnings"] {
  if (type !== "purchased") return [];
  return [
    {
      code: "vat_not_invoiced",
      message:
        "Purchased credits recorded without an invoice: Fairbill charged no VAT on this sale. Where the credits are a single-purpose voucher (EU VAT Directive art. 30b), VAT is due when they are sold: account for it outside Fairbill, or sell credits with a wallet top-up (POST /v1/wallets/{id}/top-ups), which invoices them with the customer's tax.",
    },
  ];
}

export type GrantToIssue = {
  walletId: string | null;
  name: string;
  type: CreditGrantType;
  amount: Decimal;
  costBasis: Decimal | null;
  priority: number;
  effectiveAt: Date;
  expiresAt: Date | null;
  metadata: Record<string, string>;
  /** For the increment entry: an automatic wallet top-up, and why. */
  automatic?: boolean;
  reason?: string;
};

/**
 * Writes a grant and its `increment` entry into a locked account, and
 * publishes credit.granted with it. The caller records the audit event.
 */
export async function issueGrant(
  transaction: DatabaseTransaction,
  context: RequestContext,
  account: CreditAccount,
  grant: GrantToIssue,
): Promise<CreditGrantRow> {
  const now = context.clock.now();
  const row = await insertTenantRow(transaction, context, "credit_grants", "creditGrant", now, {
    customer_id: account.customerId,
    wallet_id: grant.walletId,
    currency: account.currency,
    name: grant.name,
    type: grant.type,
    amount: grant.amount.toFixed(),
    // Starts empty: the increment entry below fills it, so remaining is always the sum of the ledger.
    remaining: "0",
    cost_basis: grant.costBasis?.toFixed() ?? null,
    priority: grant.priority,
    effective_at: grant.effectiveAt,
    expires_at: grant.expiresAt,
    metadata: JSON.stringify(grant.metadata),
    created_at: now,
  });
  await appendLedgerEntry(
    transaction,
    context,
    account,
    row,
    {
      kind: "increment",
      amount: grant.amount,
      occurredAt: now,
      ...(grant.automatic ? { automatic: true } : {}),
      ...(grant.reason ? { reason: grant.reason } : {}),
    },
    now,
  );
  await publishEvent(transaction, context, creditGranted, presentGrant(row, now));
  return row;
}

export async function getCreditGrant(context: RequestContext, grantId: string): Promise<CreditGrant> {
  const row = await findInTenant(context.database, context, "credit_grants", grantId, "credit grant");
  return presentGrant(row, context.clock.now());
}

export async function listCreditGrants(
  context: RequestContext,
  customerId: string,
  filters: CreditGrantFilters,
  page: PageRequest,
): Promise<CreditGrant[]> {
  await getCustomer(context, customerId);
  let query = newestFirstPage(
    selectGrants(context.database, context).where("customer_id", "=", customerId),
    page,
  );
  if (filters.currency !== undefined) query = query.where("currency", "=", filters.currency);
  if (filters.wallet_id !== undefined) query = query.where("wallet_id", "=", filters.wallet_id);
  if (filters.type !== undefined) query = query.where("type", "=", filters.type);
  const now = context.clock.now();
  return (await query.execute()).map((row) => presentGrant(row, now));
}

/**
 * Voids a grant: what is left goes with a `void` entry (or an `expiry` entry,
 * dated at its expiry, when it had already expired) and it is never used again.
 */
export async function voidCreditGrant(
  context: RequestContext,
  grantId: string,
  reason: string,
): Promise<CreditGrant> {
  const found = await findInTenant(context.database, context, "credit_grants", grantId, "credit grant");
  const reasoned = withReason(context, reason);
  return context.database.transaction().execute(async (transaction) => {
    const account = await lockCreditAccount(transaction, context, found.customer_id, found.currency);
    const grant = (await lockGrants(transaction, context, [grantId])).get(grantId);
    if (!grant) throw notFound("credit grant", grantId);
    if (grant.voided_at !== null) {
      throw conflict("credit_grant_voided", `Credit grant ${grantId} was already voided.`);
    }
    return voidLockedGrant(transaction, reasoned, account, grant, { reason });
  });
}

/**
 * Voids a grant locked with its account, in the caller's transaction: what is
 * left goes with a `void` entry (naming the invoice whose void took the grant
 * back, when one did) or an `expiry` entry, the grant keeps `reason`, and the
 * change is audited under the context's reason.
 */
export async function voidLockedGrant(
  transaction: DatabaseTransaction,
  context: RequestContext,
  account: CreditAccount,
  grant: CreditGrantRow,
  voided: { reason: string; invoiceId?: string },
): Promise<CreditGrant> {
  const now = context.clock.now();
  const before = presentGrant(grant, now);
  await closeOutGrant(transaction, context, account, grant, now, voided.reason, voided.invoiceId);
  const row = await updateTenantRow(transaction, context, "credit_grants", grant.id, {
    voided_at: now,
    void_reason: voided.reason,
  });
  const after = presentGrant(row, now);
  await recordObjectChange(transaction, context, "credit_grant", "voided", before, after);
  return after;
}

/**
 * The grants the customer's invoices in `currency` can still use, as the
 * engine's credit grants (`amount` is the grant's original amount), oldest
 * first, and what is left of each now (`balances`). Expired and future grants
 * are included while they hold something: the engine uses a grant only on an
 * invoice issued inside its window, which for a late invoice can be before now.
 */
export async function creditGrantsFor(
  database: Database,
  scope: TenantScope,
  customerId: string,
  currency: string,
): Promise<{ grants: EngineCreditGrant[]; balances: Map<string, Decimal> }> {
  const rows = await selectGrants(database, scope)
    .where("customer_id", "=", customerId)
    .where("currency", "=", currency)
    .where("voided_at", "is", null)
    .where("remaining", ">", "0")
    .orderBy("id")
    .execute();
  return engineGrantsOf(rows);
}

/**
 * creditGrantsFor of many customers in one query: a function answering it for
 * any of them and a currency.
 */
export async function creditGrantsForCustomers(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<(customerId: string, currency: string) => ReturnType<typeof engineGrantsOf>> {
  const rows =
    customerIds.length === 0
      ? []
      : await selectGrants(database, scope)
          .where("customer_id", "in", [...customerIds])
          .where("voided_at", "is", null)
          .where("remaining", ">", "0")
          .orderBy("id")
          .execute();
  const byKey = new Map<string, CreditGrantRow[]>();
  for (const row of rows) {
    const key = `${row.customer_id}|${row.currency}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return (customerId, currency) => engineGrantsOf(byKey.get(`${customerId}|${currency}`) ?? []);
}

function engineGrantsOf(rows: readonly CreditGrantRow[]): {
  grants: EngineCreditGrant[];
  balances: Map<string, Decimal>;
} {
  return {
    grants: rows.map((row) => ({
      id: row.id,
      amount: new Decimal(row.amount),
      effectiveAt: row.effective_at.getTime(),
      ...(row.expires_at === null ? {} : { expiresAt: row.expires_at.getTime() }),
      priority: row.priority,
    })),
    balances: new Map(rows.map((row) => [row.id, new Decimal(row.remaining)])),
  };
}

export function grantStatus(row: CreditGrantRow, at: Date): CreditGrantStatus {
  if (row.voided_at !== null) return "voided";
  if (row.expires_at !== null && row.expires_at <= at) return "expired";
  if (new Decimal(row.remaining).isZero()) return "used";
  if (row.effective_at > at) return "scheduled";
  return "active";
}

export function presentGrant(row: CreditGrantRow, now: Date): CreditGrant {
  return {
    id: row.id,
    customer_id: row.customer_id,
    wallet_id: row.wallet_id,
    name: row.name,
    currency: row.currency,
    type: row.type,
    amount: showMoney(row.amount, row.currency),
    remaining: showMoney(row.remaining, row.currency),
    cost_basis: row.cost_basis === null ? null : showMoney(row.cost_basis, row.currency),
    priority: row.priority,
    effective_at: row.effective_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
    status: grantStatus(row, now),
    voided_at: row.voided_at?.toISOString() ?? null,
    void_reason: row.void_reason,
    metadata: row.metadata,
    created_at: row.created_at.toISOString(),
  };
}

/** The expiry of credits being added now: after they start, and not already past. */
export function windowErrors(effectiveAt: Date, expiresAt: Date | null, now: Date): FieldError[] {
  if (expiresAt === null) return [];
  if (expiresAt <= effectiveAt) return [{ path: "$.expires_at", message: "must be after effective_at" }];
  if (expiresAt <= now)
    return [{ path: "$.expires_at", message: "is in the past: the credits would never be usable" }];
  return [];
}

/** The customer, who must exist here and not be archived to receive credits. */
export async function requireActiveCustomer(context: RequestContext, customerId: string): Promise<void> {
  const customer = await getCustomer(context, customerId);
  if (customer.archived_at !== null) {
    throw conflict("customer_archived", `Customer ${customerId} is archived and receives no new credits.`);
  }
}

export function selectGrants(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "credit_grants");
}
