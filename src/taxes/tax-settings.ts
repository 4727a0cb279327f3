// Per-environment tax settings: which provider quotes the tax of invoices.
// Without a row the built-in table does. The HTTP provider's secret is kept to
// be sent, and never returned or written to the audit log. The provider's URL
// may not point inside Fairbill's own network, nor carry credentials.
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import type { TaxSettings, UpdateTaxSettingsInput } from "./tax-schemas.ts";

const defaultProviderTimeoutMilliseconds = 5000;

export type TaxProviderSettings =
  | { type: "built_in" }
  | { type: "http"; url: string; secret: string; timeoutMilliseconds: number };

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
  const row = await database.selectFrom("tax_settings").selectAll().where(inTenant(scope)).executeTakeFirst();
  if (!row || row.provider_type === "built_in" || row.provider_url === null || row.provider_secret === null) {
    return { provider: { type: "built_in" }, updatedAt: row?.updated_at ?? null };
  }
  return {
    provider: {
      type: "http",
      url: row.provider_url,
      secret: await openSecret(database, row.organization_id, row.provider_secret),
      timeoutMilliseconds: row.provider_timeout_ms ?? defaultProviderTimeoutMilliseconds,
    },
    updatedAt: row.updated_at,
  };
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
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await taxProviderSettingsOf(transaction, context);
    const columns =
      provider.type === "http"
        ? {
            provider_type: "http" as const,
            provider_url: provider.url,
            // Sealed with the organization's data key; switching to the built-in table deletes it.
            provider_secret: await sealSecret(transaction, context.organizationId, provider.secret),
            provider_timeout_ms: provider.timeout_ms ?? defaultProviderTimeoutMilliseconds,
          }
        : {
            provider_type: "built_in" as const,
            provider_url: null,
            provider_secret: null,
            provider_timeout_ms: null,
          };
    await transaction
      .insertInto("tax_settings")
      .values({
        environment_id: context.environmentId,
        organization_id: context.organizationId,
        ...columns,
        updated_at: now,
      })
      .onConflict((conflicting) =>
        conflicting.column("environment_id").doUpdateSet({ ...columns, updated_at: now }),
      )
      .execute();
    const after = await taxProviderSettingsOf(transaction, context);
    const presented = presentTaxSettings(after.provider, after.updatedAt);
    await recordAuditEvent(transaction, context, {
      action: "tax_settings.updated",
      objectType: "tax_settings",
      objectId: context.environmentId,
      before: presentTaxSettings(before.provider, before.updatedAt),
      after: presented,
    });
    return presented;
  });
}

function presentTaxSettings(provider: TaxProviderSettings, updatedAt: Date | null): TaxSettings {
  return {
    tax_provider:
      provider.type === "http"
        ? { type: "http", url: provider.url, timeout_ms: provider.timeoutMilliseconds, secret_set: true }
        : { type: "built_in" },
    updated_at: updatedAt?.toISOString() ?? null,
  };
}
