// Per-environment invoicing settings: the seller printed on invoices, its
// logo and colours (the portal and the statement of account), the numbering prefixes, the grace period for late usage and the payment terms.
// An environment that never saved settings gets the defaults: its
// organization's name as seller, `INV`/`CN` in live and `TEST-INV`/`TEST-CN`
// in test (a test invoice must never be mistaken for a real one).
import type { Selectable } from "kysely";
import { recordSettingsUpdate } from "../audit/index.ts";
import { describeEnvironment } from "../organizations/index.ts";
import {
  AA_TEXT_CONTRAST,
  contrastRatio,
  darkenedToContrast,
  describeContrast,
  isHexColor,
} from "../platform/color-contrast.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import type { InvoicingSettingsInput } from "./invoice-schemas.ts";
import type { InvoicingSettingsTable, PostalAddress } from "./tables.ts";

export type InvoicingSettings = {
  seller: {
    name: string;
    email: string | null;
    address: PostalAddress | null;
    country: string | null;
    region: string | null;
    taxId: string | null;
  };
  invoicePrefix: string;
  creditNotePrefix: string;
  gracePeriodHours: number;
  netPaymentTermsDays: number;
  /** The standing guard's bound on a draft's move (a percentage), or null without a guard. */
  heldDraftChangePercent: string | null;
  /** How many previous invoices the guard's mean takes. */
  heldDraftHistoryInvoices: number;
  /** The seller's logo and colours (#RRGGBB), for the portal and the statement; null where none is set. */
  branding: { logoUrl: string | null; primaryColor: string | null; accentColor: string | null };
  /** The billing entity the seller and prefixes come from (seller-entities.ts); null: these settings'. */
  billingEntity: {
    id: string;
    taxRegistrations: { type: string; value: string }[];
    paymentInstructions: string | null;
    footer: string | null;
  } | null;
};

async function defaultsFor(
  database: Database,
  scope: TenantScope,
): Promise<Selectable<InvoicingSettingsTable>> {
  const environment = await describeEnvironment(database, scope.environmentId);
  const testPrefix = environment.kind === "test" ? "TEST-" : "";
  return {
    environment_id: scope.environmentId,
    organization_id: scope.organizationId,
    seller_name: environment.organizationName,
    seller_email: null,
    seller_address: null,
    seller_country: null,
    seller_region: null,
    seller_tax_id: null,
    invoice_prefix: `${testPrefix}INV`,
    credit_note_prefix: `${testPrefix}CN`,
    grace_period_hours: 0,
    net_payment_terms_days: 30,
    held_draft_change_percent: null,
    held_draft_history_invoices: 3,
    brand_logo_url: null,
    brand_primary_color: null,
    brand_accent_color: null,
    updated_at: new Date(0),
  };
}

async function settingsRow(
  database: Database,
  scope: TenantScope,
): Promise<Selectable<InvoicingSettingsTable>> {
  const stored = await selectInTenant(database, scope, "invoicing_settings").executeTakeFirst();
  return stored ?? (await defaultsFor(database, scope));
}

function fromRow(row: Selectable<InvoicingSettingsTable>): InvoicingSettings {
  return {
    seller: {
      name: row.seller_name ?? "",
      email: row.seller_email,
      address: row.seller_address,
      country: row.seller_country,
      region: row.seller_region,
      taxId: row.seller_tax_id,
    },
    invoicePrefix: row.invoice_prefix,
    creditNotePrefix: row.credit_note_prefix,
    gracePeriodHours: row.grace_period_hours,
    netPaymentTermsDays: row.net_payment_terms_days,
    heldDraftChangePercent: row.held_draft_change_percent,
    heldDraftHistoryInvoices: row.held_draft_history_invoices,
    branding: {
      logoUrl: row.brand_logo_url ?? null,
      primaryColor: row.brand_primary_color ?? null,
      accentColor: row.brand_accent_color ?? null,
    },
    billingEntity: null,
  };
}

export async function readInvoicingSettings(
  database: Database,
  scope: TenantScope,
): Promise<InvoicingSettings> {
  return fromRow(await settingsRow(database, scope));
}

/** The seller entity's country (ISO 3166-1 alpha-2) as the invoicing settings give it; null when unset. */
export async function sellerCountryOf(database: Database, scope: TenantScope): Promise<string | null> {
  return (await settingsRow(database, scope)).seller_country;
}

export function presentInvoicingSettings(settings: InvoicingSettings) {
  return {
    seller: {
      name: settings.seller.name,
      email: settings.seller.email,
      address: settings.seller.address,
      country: settings.seller.country,
      region: settings.seller.region,
      tax_id: settings.seller.taxId,
    },
    invoice_prefix: settings.invoicePrefix,
    credit_note_prefix: settings.creditNotePrefix,
    grace_period_hours: settings.gracePeriodHours,
    net_payment_terms_days: settings.netPaymentTermsDays,
    held_draft_change_percent: settings.heldDraftChangePercent,
    held_draft_history_invoices: settings.heldDraftHistoryInvoices,
    branding: {
      logo_url: settings.branding.logoUrl,
      primary_color: settings.branding.primaryColor,
      accent_color: settings.branding.accentColor,
    },
  };
}

function lowerCase(color: string | null): string | null {
  return color === null ? null : color.toLowerCase();
}

/**
 * The colours' checks beyond their form (#RRGGBB, the schema's): the accent
 * colour is the colour of links and outlines on the portal's white page, so
 * it must pass WCAG AA as text there (4.5:1). Text on the primary colour is
 * black or white, whichever passes, so any primary colour does.
 */
function brandingProblems(branding: InvoicingSettingsInput["branding"]): FieldError[] {
  const accent = branding?.accent_color;
  if (accent === undefined || accent === null || !isHexColor(accent)) return [];
  const ratio = contrastRatio(accent, PAGE_BACKGROUND);
  if (ratio >= AA_TEXT_CONTRAST) return [];
  return [
    {
      path: "$.branding.accent_color",
      message:
        `contrasts ${describeContrast(ratio)} with the white page it is read on, less than the 4.5:1 WCAG AA asks ` +
        `of text: choose a darker colour, such as ${darkenedToContrast(accent, PAGE_BACKGROUND)}`,
    },
  ];
}

/** The page the accent colour is read on, in the portal and on the statement. */
const PAGE_BACKGROUND = "#ffffff";

/** Replaces the given fields; the others keep their value. Prefixes only change for documents numbered later. */
export async function updateInvoicingSettings(
  context: RequestContext,
  input: InvoicingSettingsInput,
): Promise<InvoicingSettings> {
  const brandingErrors = brandingProblems(input.branding);
  if (brandingErrors.length > 0) throw validationFailed(brandingErrors);
  return context.database.transaction().execute(async (transaction) => {
    const before = await settingsRow(transaction, context);
    const seller = input.seller;
    const branding = input.branding;
    const after: Selectable<InvoicingSettingsTable> = {
      ...before,
      seller_name: seller?.name ?? before.seller_name,
      seller_email: seller?.email !== undefined ? seller.email : before.seller_email,
      seller_address: seller?.address !== undefined ? seller.address : before.seller_address,
      seller_country: seller?.country !== undefined ? seller.country : before.seller_country,
      seller_region: seller?.region !== undefined ? seller.region : before.seller_region,
      seller_tax_id: seller?.tax_id !== undefined ? seller.tax_id : before.seller_tax_id,
      invoice_prefix: input.invoice_prefix ?? before.invoice_prefix,
      credit_note_prefix: input.credit_note_prefix ?? before.credit_note_prefix,
      grace_period_hours: input.grace_period_hours ?? before.grace_period_hours,
      net_payment_terms_days: input.net_payment_terms_days ?? before.net_payment_terms_days,
      held_draft_change_percent:
        input.held_draft_change_percent !== undefined
          ? input.held_draft_change_percent
          : before.held_draft_change_percent,
      held_draft_history_invoices: input.held_draft_history_invoices ?? before.held_draft_history_invoices,
      brand_logo_url: branding?.logo_url !== undefined ? branding.logo_url : before.brand_logo_url,
      brand_primary_color:
        branding?.primary_color !== undefined
          ? lowerCase(branding.primary_color)
          : before.brand_primary_color,
      brand_accent_color:
        branding?.accent_color !== undefined ? lowerCase(branding.accent_color) : before.brand_accent_color,
      updated_at: context.clock.now(),
    };
    const columns = {
      ...after,
      seller_address: JSON.stringify(after.seller_address),
    };
    await writeEnvironmentSettings(transaction, context, "invoicing_settings", columns);
    await recordSettingsUpdate(
      transaction,
      context,
      "invoicing_settings",
      presentInvoicingSettings(fromRow(before)),
      presentInvoicingSettings(fromRow(after)),
    );
    return fromRow(after);
  });
}
