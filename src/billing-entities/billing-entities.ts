// Billing entities as billing operations keep them: create, change, read and
// list. The first entity of an environment is its default one (customers
// assigned to none belong to it); another can be made the default later. A
// change of prefix or details applies to documents finalized after it:
// finalized invoices keep the snapshot they were issued with.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import type {
  BillingEntityView,
  CreateBillingEntityInput,
  UpdateBillingEntityInput,
} from "./billing-entity-schemas.ts";
import type { BillingEntityTable, Branding, TaxRegistration } from "./tables.ts";

export type BillingEntityRow = Selectable<BillingEntityTable>;

/** A billing entity as invoicing and finance read it. */
export type BillingEntityRecord = {
  id: string;
  code: string;
  legalName: string;
  email: string | null;
  address: BillingEntityRow["address"];
  country: string;
  region: string | null;
  taxRegistrations: TaxRegistration[];
  invoicePrefix: string;
  creditNotePrefix: string;
  paymentInstructions: string | null;
  defaultCurrency: string;
  branding: Branding;
  paymentProviderAccount: string | null;
  isDefault: boolean;
};

export function recordOf(row: BillingEntityRow): BillingEntityRecord {
  return {
    id: row.id,
    code: row.code,
    legalName: row.legal_name,
    email: row.email,
    address: row.address,
    country: row.country,
    region: row.region,
    taxRegistrations: row.tax_registrations,
    invoicePrefix: row.invoice_prefix,
    creditNotePrefix: row.credit_note_prefix,
    paymentInstructions: row.payment_instructions,
    defaultCurrency: row.default_currency,
    branding: row.branding,
    paymentProviderAccount: row.payment_provider_account,
    isDefault: row.is_default,
  };
}

function presentBillingEntity(row: BillingEntityRow): BillingEntityView {
  return {
    id: row.id,
    code: row.code,
    legal_name: row.legal_name,
    email: row.email,
    address: row.address,
    country: row.country,
    region: row.region,
    tax_registrations: row.tax_registrations,
    invoice_prefix: row.invoice_prefix,
    credit_note_prefix: row.credit_note_prefix,
    payment_instructions: row.payment_instructions,
    default_currency: row.default_currency,
    branding: row.branding,
    payment_provider_account: row.payment_provider_account,
    is_default: row.is_default,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function selectBillingEntities(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "billing_entities");
}

export async function findBillingEntityRow(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<BillingEntityRow | undefined> {
  return selectBillingEntities(database, scope).where("id", "=", id).executeTakeFirst();
}

/** Refuses a code or prefix another entity of the environment has (409 naming the field). */
async function assertUnique(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  values: { code?: string; invoice_prefix?: string; credit_note_prefix?: string },
  exceptId: string | null,
): Promise<void> {
  const others = (await selectBillingEntities(transaction, scope).execute()).filter(
    (row) => row.id !== exceptId,
  );
  const prefixes = new Set(others.flatMap((row) => [row.invoice_prefix, row.credit_note_prefix]));
  const taken: { path: string; message: string }[] = [];
  if (values.code !== undefined && others.some((row) => row.code === values.code))
    taken.push({ path: "$.code", message: `another billing entity has the code "${values.code}"` });
  for (const field of ["invoice_prefix", "credit_note_prefix"] as const) {
    const prefix = values[field];
    if (prefix !== undefined && prefixes.has(prefix))
      taken.push({ path: `$.${field}`, message: `another billing entity numbers with "${prefix}"` });
  }
  if (values.invoice_prefix !== undefined && values.invoice_prefix === values.credit_note_prefix)
    taken.push({ path: "$.credit_note_prefix", message: "must differ from invoice_prefix" });
  if (taken.length > 0) {
    throw conflict("billing_entity_taken", "A billing entity's code and prefixes are its own.", taken);
  }
}

export async function createBillingEntity(
  context: RequestContext,
  input: CreateBillingEntityInput,
): Promise<BillingEntityView> {
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    await assertUnique(transaction, context, input, null);
    const first = (await selectBillingEntities(transaction, context).executeTakeFirst()) === undefined;
    const isDefault = first || input.is_default === true;
    if (isDefault && !first) await clearDefault(transaction, context);
    const now = context.clock.now();
    const row = await insertTenantRow(transaction, context, "billing_entities", "billingEntity", now, {
      code: input.code,
      legal_name: input.legal_name,
      email: input.email ?? null,
      address: JSON.stringify(input.address ?? null),
      country: input.country,
      region: input.region ?? null,
      tax_registrations: JSON.stringify(input.tax_registrations ?? []),
      invoice_prefix: input.invoice_prefix,
      credit_note_prefix: input.credit_note_prefix,
      payment_instructions: input.payment_instructions ?? null,
      default_currency: input.default_currency,
      branding: JSON.stringify(input.branding ?? {}),
      payment_provider_account: input.payment_provider_account ?? null,
      is_default: isDefault,
      created_at: now,
      updated_at: now,
    });
    return recordCreation(transaction, reasoned, "billing_entity", presentBillingEntity(row));
  });
}

async function clearDefault(transaction: DatabaseTransaction, scope: TenantScope): Promise<void> {
  await transaction
    .updateTable("billing_entities")
    .set({ is_default: false })
    .where(inTenant(scope))
    .where("is_default", "=", true)
    .execute();
}

export async function updateBillingEntity(
  context: RequestContext,
  id: string,
  input: UpdateBillingEntityInput,
): Promise<BillingEntityView> {
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    const before = await findInTenant(transaction, context, "billing_entities", id, "billing entity", {
      lock: true,
    });
    await assertUnique(
      transaction,
      context,
      {
        ...(input.invoice_prefix === undefined ? {} : { invoice_prefix: input.invoice_prefix }),
        ...(input.credit_note_prefix === undefined ? {} : { credit_note_prefix: input.credit_note_prefix }),
      },
      id,
    );
    if (input.is_default === true && !before.is_default) await clearDefault(transaction, context);
    const keep = <Value>(value: Value | undefined, current: Value): Value =>
      value === undefined ? current : value;
    const after = await updateTenantRow(transaction, context, "billing_entities", id, {
      legal_name: keep(input.legal_name, before.legal_name),
      email: keep(input.email, before.email),
      address: JSON.stringify(keep(input.address, before.address)),
      country: keep(input.country, before.country),
      region: keep(input.region, before.region),
      tax_registrations: JSON.stringify(keep(input.tax_registrations, before.tax_registrations)),
      invoice_prefix: keep(input.invoice_prefix, before.invoice_prefix),
      credit_note_prefix: keep(input.credit_note_prefix, before.credit_note_prefix),
      payment_instructions: keep(input.payment_instructions, before.payment_instructions),
      default_currency: keep(input.default_currency, before.default_currency),
      branding: JSON.stringify(keep(input.branding, before.branding)),
      payment_provider_account: keep(input.payment_provider_account, before.payment_provider_account),
      is_default: before.is_default || input.is_default === true,
      updated_at: context.clock.now(),
    });
    const view = presentBillingEntity(after);
    await recordObjectChange(
      transaction,
      reasoned,
      "billing_entity",
      "updated",
      presentBillingEntity(before),
      view,
    );
    return view;
  });
}

export async function getBillingEntity(context: RequestContext, id: string): Promise<BillingEntityView> {
  const row = await findBillingEntityRow(context.database, context, id);
  if (row === undefined) throw notFound("billing entity", id);
  return presentBillingEntity(row);
}

export async function listBillingEntities(
  context: RequestContext,
  page: PageRequest,
): Promise<BillingEntityView[]> {
  const rows = await newestFirstPage(selectBillingEntities(context.database, context), page).execute();
  return rows.map(presentBillingEntity);
}
