// The seller of a customer's document: the billing entity the customer
// belongs to for the period the document bills (billing-entities), or, in an
// environment without entities, the invoicing settings' seller. The entity
// brings its legal details, tax registrations (the tax quote's seller too),
// prefixes (its own gapless sequences), payment instructions and footer.
import {
  type BillingEntityRecord,
  billingEntityById,
  billingEntityOfCustomer,
} from "../billing-entities/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { InvoicingSettings } from "./invoicing-settings.ts";

/** The settings with the entity as the seller and its prefixes; unchanged without an entity. */
function settingsWithEntity(
  settings: InvoicingSettings,
  entity: BillingEntityRecord | null,
): InvoicingSettings {
  if (entity === null) return settings;
  return {
    ...settings,
    seller: {
      name: entity.legalName,
      email: entity.email,
      address: entity.address,
      country: entity.country,
      region: entity.region,
      taxId: entity.taxRegistrations[0]?.value ?? null,
    },
    invoicePrefix: entity.invoicePrefix,
    creditNotePrefix: entity.creditNotePrefix,
    // The entity's own logo and accent colour where it has them; the environment's otherwise.
    branding: {
      logoUrl: entity.branding.logo_url ?? settings.branding.logoUrl,
      primaryColor: settings.branding.primaryColor,
      accentColor: entity.branding.accent_color ?? settings.branding.accentColor,
    },
    billingEntity: {
      id: entity.id,
      taxRegistrations: entity.taxRegistrations,
      paymentInstructions: entity.paymentInstructions,
      footer: entity.branding.footer ?? null,
    },
  };
}

/** The settings a customer's document of a period starting at `periodStart` is issued under. */
export async function settingsForCustomer(
  database: Database,
  scope: TenantScope,
  settings: InvoicingSettings,
  customerId: string,
  periodStart: Date,
): Promise<InvoicingSettings> {
  return settingsWithEntity(
    settings,
    await billingEntityOfCustomer(database, scope, customerId, periodStart),
  );
}

/** The settings of a document that names its entity (a credit note follows its invoice's). */
export async function settingsForEntity(
  database: Database,
  scope: TenantScope,
  settings: InvoicingSettings,
  billingEntityId: string | null,
): Promise<InvoicingSettings> {
  if (billingEntityId === null) return settings;
  return settingsWithEntity(settings, await billingEntityById(database, scope, billingEntityId));
}
