// Payment methods on file: a card (or other method) the customer gave the
// provider's own form, attached here to the provider's customer that stands
// for the Fairbill customer (created the first time). The default method is
// the one finalized invoices and dunning retries charge.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import { loadCustomerRow } from "../invoicing/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { PaymentProvider } from "./payment-provider.ts";
import type { AttachPaymentMethodInput, PaymentMethodView } from "./payment-schemas.ts";
import { providerFor, readPaymentSettings } from "./payment-settings.ts";
import type { PaymentMethodTable } from "./tables.ts";

type PaymentMethodRow = Selectable<PaymentMethodTable> & { provider_customer_id: string };

/** The provider's customer for the Fairbill customer, made at the provider the first time it is needed. */
async function providerCustomerOf(
  context: RequestContext,
  provider: PaymentProvider,
  customer: { id: string; name: string | null; email: string | null },
): Promise<string> {
  const select = () =>
    context.database
      .selectFrom("payment_provider_customers")
      .select("provider_customer_id")
      .where("environment_id", "=", context.environmentId)
      .where("customer_id", "=", customer.id)
      .where("provider", "=", provider.name)
      .executeTakeFirst();
  const existing = await select();
  if (existing !== undefined) return existing.provider_customer_id;
  // The Fairbill id is the provider's idempotency key: two callers racing here get one customer.
  const providerCustomerId = await provider.saveCustomer(customer);
  await context.database
    .insertInto("payment_provider_customers")
    .values({
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      customer_id: customer.id,
      provider: provider.name,
      provider_customer_id: providerCustomerId,
    })
    .onConflict((conflicting) =>
      conflicting.columns(["environment_id", "customer_id", "provider"]).doNothing(),
    )
    .execute();
  return (await select())?.provider_customer_id ?? providerCustomerId;
}

function presentPaymentMethod(row: PaymentMethodRow): PaymentMethodView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    provider: row.provider,
    provider_payment_method_id: row.provider_payment_method_id,
    provider_customer_id: row.provider_customer_id,
    type: row.type,
    card:
      row.card_brand !== null && row.card_last4 !== null
        ? {
            brand: row.card_brand,
            last4: row.card_last4,
            exp_month: row.card_exp_month ?? 0,
            exp_year: row.card_exp_year ?? 0,
          }
        : null,
    is_default: row.is_default,
    created_at: row.created_at.toISOString(),
  };
}

/** Payment methods, each with the provider's customer it is saved under. */
export function methodsWithProviderCustomers(database: Database) {
  return database
    .selectFrom("payment_methods")
    .innerJoin("payment_provider_customers", (join) =>
      join
        .onRef("payment_provider_customers.environment_id", "=", "payment_methods.environment_id")
        .onRef("payment_provider_customers.customer_id", "=", "payment_methods.customer_id")
        .onRef("payment_provider_customers.provider", "=", "payment_methods.provider"),
    );
}

function selectMethods(context: RequestContext) {
  return methodsWithProviderCustomers(context.database)
    .selectAll("payment_methods")
    .select("payment_provider_customers.provider_customer_id")
    .where(inTenant(context, "payment_methods"));
}

/**
 * Puts a payment method on file for the customer. Billing ops attach a method
 * the provider's form collected; the customer, present in the portal, sets it
 * up (`through: "setup"`, a Stripe SetupIntent), agreeing to later charges
 * made without them. Adding the same method twice keeps one.
 */
export async function attachPaymentMethod(
  context: RequestContext,
  customerId: string,
  input: AttachPaymentMethodInput,
  through: "attach" | "setup" = "attach",
): Promise<PaymentMethodView> {
  const customer = await loadCustomerRow(context.database, context, customerId);
  const provider = providerFor(await readPaymentSettings(context.database, context), "stripe");
  const providerCustomerId = await providerCustomerOf(context, provider, customer);
  const saved =
    through === "setup"
      ? await provider.setUpPaymentMethod(
          providerCustomerId,
          input.payment_method,
          `${context.environmentId}-${customerId}-${input.payment_method}`,
        )
      : await provider.attachPaymentMethod(providerCustomerId, input.payment_method);
  const makeDefault = input.default !== false;
  const now = context.clock.now();
  const id = await context.database.transaction().execute(async (transaction) => {
    if (makeDefault) {
      await transaction
        .updateTable("payment_methods")
        .set({ is_default: false, updated_at: now })
        .where("environment_id", "=", context.environmentId)
        .where("customer_id", "=", customerId)
        .where("is_default", "=", true)
        .execute();
    }
    const card = saved.card;
    const values = {
      customer_id: customerId,
      type: saved.type,
      card_brand: card?.brand ?? null,
      card_last4: card?.last4 ?? null,
      card_exp_month: card?.expMonth ?? null,
      card_exp_year: card?.expYear ?? null,
      updated_at: now,
      ...(makeDefault ? { is_default: true } : {}),
    };
    const row = await transaction
      .insertInto("payment_methods")
      .values({
        ...newTenantRow(context, "paymentMethod", now),
        provider: provider.name,
        provider_payment_method_id: saved.providerPaymentMethodId,
        created_at: now,
        ...values,
      })
      .onConflict((conflicting) =>
        conflicting.columns(["environment_id", "provider", "provider_payment_method_id"]).doUpdateSet(values),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(transaction, context, {
      action: "payment_method.attached",
      objectType: "customer",
      objectId: customerId,
      before: null,
      after: {
        payment_method_id: row.id,
        provider_payment_method_id: row.provider_payment_method_id,
        card: card === null ? null : `${card.brand} ${card.last4}`,
        is_default: row.is_default,
      },
    });
    return row.id;
  });
  const row = await selectMethods(context).where("payment_methods.id", "=", id).executeTakeFirstOrThrow();
  return presentPaymentMethod(row);
}

export async function listPaymentMethods(
  context: RequestContext,
  customerId: string,
  page: PageRequest,
): Promise<PaymentMethodView[]> {
  await loadCustomerRow(context.database, context, customerId);
  const query = selectMethods(context).where("payment_methods.customer_id", "=", customerId);
  const rows = await newestFirstPage(query, page, "payment_methods.id").execute();
  return rows.map(presentPaymentMethod);
}

/**
 * Of these customers, those the environment cannot charge automatically
 * when an invoice is finalized, by id: none when payments are recorded by
 * hand (nobody pays automatically), else those without a default payment
 * method at the provider.
 */
export async function customersWithoutAutomaticPayment(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<{ collectsAutomatically: boolean; customerIds: string[] }> {
  const settings = await readPaymentSettings(database, scope);
  if (settings.provider !== "stripe") return { collectsAutomatically: false, customerIds: [] };
  if (customerIds.length === 0) return { collectsAutomatically: true, customerIds: [] };
  const withMethod = new Set(
    (
      await methodsWithProviderCustomers(database)
        .select("payment_methods.customer_id")
        .where(inTenant(scope, "payment_methods"))
        .where("payment_methods.provider", "=", "stripe")
        .where("payment_methods.is_default", "=", true)
        .execute()
    ).map((row) => row.customer_id),
  );
  return { collectsAutomatically: true, customerIds: customerIds.filter((id) => !withMethod.has(id)) };
}
