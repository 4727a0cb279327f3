// A customer's tax exemption (a charity, a reseller with a resale
// certificate, a public body): while one is in force, no provider is asked and
// the customer's invoices carry no tax and say why. A customer has at most one
// in force; setting a new one revokes the previous, which stays as history.
// Invoices already finalized keep the tax they were issued with.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import type { TaxExemptionTable } from "./tables.ts";
import type { SetTaxExemptionInput, TaxExemption } from "./tax-schemas.ts";

type TaxExemptionRow = Selectable<TaxExemptionTable>;

export async function setTaxExemption(
  context: RequestContext,
  customerId: string,
  input: SetTaxExemptionInput,
): Promise<TaxExemption> {
  await getCustomer(context, customerId);
  const now = context.clock.now();
  const validUntil = input.valid_until === undefined ? null : new Date(input.valid_until);
  if (validUntil !== null && validUntil <= now) {
    throw validationFailed([
      { path: "$.valid_until", message: "is not in the future: the exemption would never be in force" },
    ]);
  }
  return refusingDuplicates(
    () =>
      context.database.transaction().execute(async (transaction) => {
        const previousRow = await currentExemption(transaction, context, customerId)
          .forUpdate()
          .executeTakeFirst();
        const previous = previousRow ? presentTaxExemption(previousRow, now) : null;
        if (previousRow) await revokeExemption(transaction, context, previousRow.id, now);
        const row = await insertTenantRow(transaction, context, "tax_exemptions", "taxExemption", now, {
          customer_id: customerId,
          reason: input.reason,
          certificate_id: input.certificate_id ?? null,
          valid_until: validUntil,
          created_at: now,
        });
        const exemption = presentTaxExemption(row, now);
        await recordAuditEvent(transaction, context, {
          action: "tax_exemption.set",
          objectType: "customer_tax_exemption",
          objectId: customerId,
          before: previous,
          after: exemption,
        });
        return exemption;
      }),
    () =>
      conflict(
        "tax_exemption_changed",
        "Another change to this customer's tax exemption was saved at the same moment; send the request again.",
      ),
  );
}

export async function getTaxExemption(context: RequestContext, customerId: string): Promise<TaxExemption> {
  await getCustomer(context, customerId);
  const row = await currentExemption(context.database, context, customerId).executeTakeFirst();
  if (!row) throw noExemption(customerId);
  return presentTaxExemption(row, context.clock.now());
}

/** Revokes the customer's exemption: its invoices are taxed again from now on. */
export async function revokeTaxExemption(context: RequestContext, customerId: string): Promise<TaxExemption> {
  await getCustomer(context, customerId);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await currentExemption(transaction, context, customerId).forUpdate().executeTakeFirst();
    if (!row) throw noExemption(customerId);
    await revokeExemption(transaction, context, row.id, now);
    const before = presentTaxExemption(row, now);
    await recordAuditEvent(transaction, context, {
      action: "tax_exemption.revoked",
      objectType: "customer_tax_exemption",
      objectId: customerId,
      before,
      after: null,
    });
    return before;
  });
}

/** The customer's exemption in force at `at`, if any. */
export async function exemptionInForce(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Date,
): Promise<{ reason: string; certificateId: string | null } | undefined> {
  const row = await currentExemption(database, scope, customerId)
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", at)]))
    .executeTakeFirst();
  return row ? { reason: row.reason, certificateId: row.certificate_id } : undefined;
}

/** exemptionInForce for many requests in one query, at each request's index. */
export async function exemptionsInForce(
  database: Database,
  scope: TenantScope,
  requests: readonly { customerId: string; at: Date }[],
): Promise<({ reason: string; certificateId: string | null } | undefined)[]> {
  if (requests.length === 0) return [];
  const rows = await selectInTenant(database, scope, "tax_exemptions")
    .where("customer_id", "in", [...new Set(requests.map((request) => request.customerId))])
    .where("revoked_at", "is", null)
    .execute();
  return requests.map((request) => {
    const row = rows.find(
      (candidate) =>
        candidate.customer_id === request.customerId &&
        (candidate.valid_until === null || candidate.valid_until > request.at),
    );
    return row ? { reason: row.reason, certificateId: row.certificate_id } : undefined;
  });
}

function currentExemption(database: Database, scope: TenantScope, customerId: string) {
  return selectInTenant(database, scope, "tax_exemptions")
    .where("customer_id", "=", customerId)
    .where("revoked_at", "is", null);
}

/** Takes an exemption out of force from `now`; it stays as history. */
async function revokeExemption(
  transaction: Database,
  scope: TenantScope,
  exemptionId: string,
  now: Date,
): Promise<void> {
  await transaction
    .updateTable("tax_exemptions")
    .set({ revoked_at: now })
    .where(inTenant(scope))
    .where("id", "=", exemptionId)
    .execute();
}

function noExemption(customerId: string): FairbillError {
  return new FairbillError({
    code: "not_found",
    status: 404,
    detail: `Customer ${customerId} has no tax exemption.`,
  });
}

function presentTaxExemption(row: TaxExemptionRow, now: Date): TaxExemption {
  return {
    id: row.id,
    customer_id: row.customer_id,
    reason: row.reason,
    certificate_id: row.certificate_id,
    valid_until: row.valid_until?.toISOString() ?? null,
    in_force: row.valid_until === null || now < row.valid_until,
    created_at: row.created_at.toISOString(),
  };
}
