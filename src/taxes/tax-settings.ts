// Per-environment tax settings: which provider quotes the tax of invoices.
// Without a row the built-in table does. The providers' secrets (the HTTP
// calculator's bearer token, Stripe's secret key, AvaTax's license key) are
// kept sealed to be sent, and never returned or written to the audit log;
// switching to another provider deletes them. A provider's URL may not point
// inside Fairbill's own network, nor carry credentials.
import { recordSettingsUpdate } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import type { TaxSettings, UpdateTaxSettingsInput } from "./tax-schemas.ts";

const defaultProviderTimeoutMilliseconds = 5000;

export type TaxProviderSettings =
  | { type: "built_in" }
  | { type: "http"; url: string; secret: string; timeoutMilliseconds: number }
  | { type: "stripe_tax"; secretKey: string; apiBaseUrl: string | null }
  | {
      type: "avalara";
      url: string;
      accountId: string;
      licenseKey: string;
      companyCode: string;
      timeoutMilliseconds: number;
    };

const avalaraServers = {
  sandbox: "https://sandbox-rest.avatax.com",
  production: "https://rest.avatax.com",
} as const;

/** The HTTP provider's secret is stored sealed (envelope encryption). */
export const taxSecretColumns: SecretColumns = {
  table: "tax_settings",
  idColumns: ["environment_id"],
  columns: ["provider_secret"],
};

/** The provider the environment uses, with the HTTP provider's secret. */
export async function taxProviderSettingsOf(
  database: Database,
  scope: TenantScope,
): Promise<{ provider: TaxProviderSettings; updatedAt: Date | null }> {
  const row = await selectInTenant(database, scope, "tax_settings").executeTakeFirst();
  if (!row || row.provider_type === "built_in" || row.provider_secret === null) {
    return { provider: { type: "built_in" }, updatedAt: row?.updated_at ?? null };
  }
  const secret = await openSecret(database, row.organization_id, row.provider_secret);
  const timeoutMilliseconds = row.provider_timeout_ms ?? defaultProviderTimeoutMilliseconds;
  const provider: TaxProviderSettings =
    row.provider_type === "stripe_tax"
      ? { type: "stripe_tax", secretKey: secret, apiBaseUrl: row.provider_url }
      : row.provider_type === "avalara"
        ? {
            type: "avalara",
            url: row.provider_url ?? avalaraServers.sandbox,
            accountId: row.provider_account_id ?? "",
            licenseKey: secret,
            companyCode: row.provider_company_code ?? "",
            timeoutMilliseconds,
          }
        : { type: "http", url: row.provider_url ?? "", secret, timeoutMilliseconds };
  return { provider, updatedAt: row.updated_at };
}

export async function getTaxSettings(context: RequestContext): Promise<TaxSettings> {
  const settings = await taxProviderSettingsOf(context.database, context);
  return presentTaxSettings(settings.provider, settings.updatedAt);
}

export async function updateTaxSettings(
  context: RequestContext,
  input: UpdateTaxSettingsInput,
): Promise<TaxSettings> {
  const provider = input.tax_provider;
  if (provider.type === "http") await checkTargetUrl(provider.url, "$.tax_provider.url");
  if (provider.type !== "built_in" && provider.type !== "http" && provider.api_base_url !== undefined) {
    await checkTargetUrl(provider.api_base_url, "$.tax_provider.api_base_url");
  }
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await taxProviderSettingsOf(transaction, context);
    // Secrets are sealed with the organization's data key; switching to another provider deletes them.
    const seal = (secret: string) => sealSecret(transaction, context.organizationId, secret);
    const none = {
      provider_url: null,
      provider_secret: null,
      provider_timeout_ms: null,
      provider_account_id: null,
      provider_company_code: null,
    };
    const columns =
      provider.type === "http"
        ? {
            ...none,
            provider_type: "http" as const,
            provider_url: provider.url,
            provider_secret: await seal(provider.secret),
            provider_timeout_ms: provider.timeout_ms ?? defaultProviderTimeoutMilliseconds,
          }
        : provider.type === "stripe_tax"
          ? {
              ...none,
              provider_type: "stripe_tax" as const,
              provider_url: provider.api_base_url ?? null,
              provider_secret: await seal(provider.secret_key),
            }
          : provider.type === "avalara"
            ? {
                provider_type: "avalara" as const,
                provider_url: provider.api_base_url ?? avalaraServers[provider.environment ?? "sandbox"],
                provider_secret: await seal(provider.license_key),
                provider_timeout_ms: provider.timeout_ms ?? defaultProviderTimeoutMilliseconds,
                provider_account_id: provider.account_id,
                provider_company_code: provider.company_code,
              }
            : { ...none, provider_type: "built_in" as const };
    await writeEnvironmentSettings(transaction, context, "tax_settings", { ...columns, updated_at: now });
    const after = await taxProviderSettingsOf(transaction, context);
    const presented = presentTaxSettings(after.provider, after.updatedAt);
    await recordSettingsUpdate(
      transaction,
      context,
      "tax_settings",
      presentTaxSettings(before.provider, before.updatedAt),
      presented,
    );
    return presented;
  });
}

function presentTaxSettings(provider: TaxProviderSettings, updatedAt: Date | null): TaxSettings {
  return { tax_provider: presentProvider(provider), updated_at: updatedAt?.toISOString() ?? null };
}

function presentProvider(provider: TaxProviderSettings): TaxSettings["tax_provider"] {
  switch (provider.type) {
    case "http":
      return { type: "http", url: provider.url, timeout_ms: provider.timeoutMilliseconds, secret_set: true };
    case "stripe_tax":
      return { type: "stripe_tax", api_base_url: provider.apiBaseUrl, secret_key_set: true };
    case "avalara":
      return {
        type: "avalara",
        api_base_url: provider.url,
        account_id: provider.accountId,
        company_code: provider.companyCode,
        timeout_ms: provider.timeoutMilliseconds,
        license_key_set: true,
      };
    case "built_in":
      return { type: "built_in" };
  }
}
