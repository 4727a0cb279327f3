// How an environment collects: the manual provider (nothing stored) or Stripe
// with its secret key, webhook signing secret and, for tests, another API
// address. Going back to manual collection deletes Stripe's credentials (its
// webhooks are refused from then on); setting Stripe up again restores
// refunds of earlier card payments through it.
import type { Selectable } from "kysely";
import { recordSettingsUpdate } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { openSecret, type SecretColumns, sealOptionalSecret } from "../platform/secrets/envelope.ts";
import { manualProvider } from "./manual-provider.ts";
import type { PaymentProvider } from "./payment-provider.ts";
import type { PaymentSettingsInput, PaymentSettingsView } from "./payment-schemas.ts";
import { type StripeSettings, stripeProvider } from "./stripe-provider.ts";
import type { PaymentProviderSettingsTable, ProviderName } from "./tables.ts";

type SettingsRow = Selectable<PaymentProviderSettingsTable>;

export type PaymentSettings = {
  /** Who collects invoices automatically. */
  provider: ProviderName;
  stripe: (StripeSettings & { webhookSecret: string }) | null;
};

export async function readPaymentSettings(database: Database, scope: TenantScope): Promise<PaymentSettings> {
  const row = await selectInTenant(database, scope, "payment_provider_settings").executeTakeFirst();
  return row === undefined ? { provider: "manual", stripe: null } : settingsOf(database, row);
}

/** Stripe's secrets are stored sealed (envelope encryption) and opened here, where they are used. */
export const paymentSecretColumns: SecretColumns = {
  table: "payment_provider_settings",
  idColumns: ["environment_id"],
  columns: ["stripe_secret_key", "stripe_webhook_secret"],
};

async function settingsOf(database: Database, row: SettingsRow): Promise<PaymentSettings> {
  return {
    provider: row.provider,
    stripe:
      row.stripe_secret_key !== null && row.stripe_webhook_secret !== null
        ? {
            secretKey: await openSecret(database, row.organization_id, row.stripe_secret_key),
            webhookSecret: await openSecret(database, row.organization_id, row.stripe_webhook_secret),
            apiBaseUrl: row.stripe_api_base_url,
          }
        : null,
  };
}

/** The provider that handles payments made through `name` (a refund goes back the way the money came). */
export function providerFor(settings: PaymentSettings, name: ProviderName): PaymentProvider {
  if (name === "manual") return manualProvider;
  if (settings.stripe === null) {
    throw conflict(
      "payment_provider_not_configured",
      "Stripe is not set up in this environment's payment settings.",
    );
  }
  return stripeProvider(settings.stripe);
}

function hint(secret: string): string {
  return `${secret.slice(0, secret.indexOf("_", 3) + 1)}…${secret.slice(-4)}`;
}

function presentSettings(settings: PaymentSettings, environmentId: string): PaymentSettingsView {
  return {
    provider: settings.provider,
    stripe:
      settings.stripe === null
        ? null
        : {
            secret_key_hint: hint(settings.stripe.secretKey),
            webhook_secret_hint: hint(settings.stripe.webhookSecret),
            api_base_url: settings.stripe.apiBaseUrl,
            webhook_path: `/v1/webhooks/stripe/${environmentId}`,
          },
  };
}

export async function getPaymentSettings(context: RequestContext): Promise<PaymentSettingsView> {
  return presentSettings(await readPaymentSettings(context.database, context), context.environmentId);
}

async function readBaseUrl(text: string | null | undefined): Promise<string | null> {
  if (text === undefined || text === null) return null;
  const url = await checkTargetUrl(text, "$.stripe.api_base_url");
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") {
    throw validationFailed([
      {
        path: "$.stripe.api_base_url",
        message: "must be a scheme, host and port only, such as http://127.0.0.1:12111",
      },
    ]);
  }
  return url.origin;
}

export async function updatePaymentSettings(
  context: RequestContext,
  input: PaymentSettingsInput,
): Promise<PaymentSettingsView> {
  if (input.provider === "stripe" && input.stripe === undefined) {
    throw validationFailed([{ path: "$.stripe", message: "is required when provider is stripe" }]);
  }
  const apiBaseUrl = await readBaseUrl(input.stripe?.api_base_url);
  return context.database.transaction().execute(async (transaction) => {
    const before = await readPaymentSettings(transaction, context);
    // Switching Stripe off deletes its secrets: nothing is kept that is not used, and its webhooks are refused.
    const stripe =
      input.provider === "manual"
        ? null
        : input.stripe === undefined
          ? before.stripe
          : { secretKey: input.stripe.secret_key, webhookSecret: input.stripe.webhook_secret, apiBaseUrl };
    const values = {
      provider: input.provider,
      stripe_secret_key: await sealOptionalSecret(
        transaction,
        context.organizationId,
        stripe?.secretKey ?? null,
      ),
      stripe_webhook_secret: await sealOptionalSecret(
        transaction,
        context.organizationId,
        stripe?.webhookSecret ?? null,
      ),
      stripe_api_base_url: stripe?.apiBaseUrl ?? null,
      updated_at: context.clock.now(),
    };
    await writeEnvironmentSettings(transaction, context, "payment_provider_settings", values);
    const after: PaymentSettings = { provider: input.provider, stripe };
    const view = presentSettings(after, context.environmentId);
    await recordSettingsUpdate(
      transaction,
      context,
      "payment_settings",
      presentSettings(before, context.environmentId),
      view,
    );
    return view;
  });
}
