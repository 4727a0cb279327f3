// The seller and invoice settings: the legal details printed on every
// invoice (name, email, tax id, country, region, address), the seller's
// branding in the customer portal and on statements (logo, primary and
// accent colours), the numbering prefixes of invoices and credit notes, the
// payment terms and the grace period for late usage. A key that may not
// change them sees them read-only.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, type GetData, useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { localityLines } from "../../format/address-format.ts";
import { AddressFields, addressFieldNames } from "../../ui/address-fields.tsx";
import { Detail } from "../../ui/detail.tsx";
import { CountryField, FieldGroup, TextField, WholeNumberField } from "../../ui/form-field.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { DetailsPanel, Panel } from "../../ui/panel.tsx";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { SettingsForm } from "../../ui/settings-form.tsx";

type InvoicingSettings = GetData<"/v1/invoicing-settings">;
type Address = NonNullable<InvoicingSettings["seller"]["address"]>;

const addressParts = ["line1", "line2", "city", "postal_code", "state", "country"] as const;

type SettingsValues = {
  seller: {
    name: string;
    email: string;
    tax_id: string;
    country: string;
    region: string;
    address: Record<(typeof addressParts)[number], string>;
  };
  branding: { logo_url: string; primary_color: string; accent_color: string };
  invoice_prefix: string;
  credit_note_prefix: string;
  net_payment_terms_days: string;
  grace_period_hours: string;
};

function valuesOf(settings: InvoicingSettings): SettingsValues {
  const { seller } = settings;
  return {
    seller: {
      name: seller.name,
      email: seller.email ?? "",
      tax_id: seller.tax_id ?? "",
      country: seller.country ?? "",
      region: seller.region ?? "",
      address: Object.fromEntries(
        addressParts.map((part) => [part, seller.address?.[part] ?? ""]),
      ) as SettingsValues["seller"]["address"],
    },
    branding: {
      logo_url: settings.branding.logo_url ?? "",
      primary_color: settings.branding.primary_color ?? "",
      accent_color: settings.branding.accent_color ?? "",
    },
    invoice_prefix: settings.invoice_prefix,
    credit_note_prefix: settings.credit_note_prefix,
    net_payment_terms_days: String(settings.net_payment_terms_days),
    grace_period_hours: String(settings.grace_period_hours),
  };
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** A whole number as typed; what is not one goes as typed, so that the API names the field. */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

function settingsBody(values: SettingsValues): RequestBody<"/v1/invoicing-settings", "put"> {
  const address: Address = {};
  for (const part of addressParts) {
    const value = values.seller.address[part].trim();
    if (value !== "") address[part] = part === "country" ? value.toUpperCase() : value;
  }
  return {
    seller: {
      name: values.seller.name.trim(),
      email: orNull(values.seller.email),
      tax_id: orNull(values.seller.tax_id),
      country: orNull(values.seller.country.toUpperCase()),
      region: orNull(values.seller.region),
      address: Object.keys(address).length === 0 ? null : address,
    },
    branding: {
      logo_url: orNull(values.branding.logo_url),
      primary_color: orNull(values.branding.primary_color),
      accent_color: orNull(values.branding.accent_color),
    },
    invoice_prefix: values.invoice_prefix.trim().toUpperCase(),
    credit_note_prefix: values.credit_note_prefix.trim().toUpperCase(),
    net_payment_terms_days: wholeNumber(values.net_payment_terms_days),
    grace_period_hours: wholeNumber(values.grace_period_hours),
  };
}

const noChecks = () => ({});

const placed = new Set([
  "seller.name",
  "seller.email",
  "seller.tax_id",
  "seller.country",
  "seller.region",
  "seller.address",
  ...addressFieldNames("seller.address"),
  "branding.logo_url",
  "branding.primary_color",
  "branding.accent_color",
  "invoice_prefix",
  "credit_note_prefix",
  "net_payment_terms_days",
  "grace_period_hours",
]);

export function SellerSettings({ writable }: { writable: boolean }) {
  const settings = useQuery(apiQuery("/v1/invoicing-settings"));
  return (
    <ResourceView resource={settings} loadingLabel="Loading the invoice settings…">
      {(current) =>
        writable ? (
          // Read once: after a save the form keeps what was saved, with the outcome beside it.
          <SellerSettingsForm settings={current} />
        ) : (
          <SellerSettingsView settings={current} />
        )
      }
    </ResourceView>
  );
}

function SellerSettingsView({ settings }: { settings: InvoicingSettings }) {
  const { seller } = settings;
  const address = seller.address;
  return (
    <DetailsPanel title="Seller and invoices">
      <Detail term="Legal name">{seller.name}</Detail>
      <Detail term="Email">{seller.email}</Detail>
      <Detail term="Tax id">{seller.tax_id}</Detail>
      <Detail term="Country">{seller.country}</Detail>
      <Detail term="Region">{seller.region}</Detail>
      <Detail term="Address">
        {address && [address.line1, address.line2, ...localityLines(address)].filter(Boolean).join(", ")}
      </Detail>
      <Detail term="Logo">{settings.branding.logo_url && "Set"}</Detail>
      <Detail term="Primary colour">{settings.branding.primary_color}</Detail>
      <Detail term="Accent colour">{settings.branding.accent_color}</Detail>
      <Detail term="Invoice numbers">{settings.invoice_prefix}-…</Detail>
      <Detail term="Credit-note numbers">{settings.credit_note_prefix}-…</Detail>
      <Detail term="Payment terms">{settings.net_payment_terms_days} days</Detail>
      <Detail term="Grace period">{settings.grace_period_hours} hours</Detail>
    </DetailsPanel>
  );
}

function SellerSettingsForm({ settings }: { settings: InvoicingSettings }) {
  const form = useFormState<SettingsValues>(() => valuesOf(settings), noChecks);
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState("");
  const save = useApiMutation({
    call: (values: SettingsValues) =>
      api.PUT("/v1/invoicing-settings", {
        params: { header: reasonHeader(reason) },
        body: settingsBody(values),
      }),
    invalidates: ["/v1/invoicing-settings"],
    answers: apiQuery("/v1/invoicing-settings"),
    onSuccess: () => setOutcome("The invoice settings were saved; invoices issued from now on use them."),
  });

  return (
    <Panel title="Seller and invoices">
      <SettingsForm
        form={form}
        refusedTitle="The invoice settings were not saved"
        save={save.mutateAsync}
        saveLabel="Save invoice settings"
        reason={[reason, setReason]}
        outcome={[outcome, setOutcome]}
        placed={placed}
        before={<ReferenceLists />}
      >
        <FieldGroup legend="Seller">
          <TextField
            {...form.bind("seller.name")}
            label="Legal name"
            required
            autoComplete="organization"
            hint="Printed on every invoice and credit note."
          />
          <TextField {...form.bind("seller.email")} label="Billing email" type="email" autoComplete="email" />
          <TextField {...form.bind("seller.tax_id")} label="Tax id" hint="Your VAT or tax number." />
          <CountryField
            {...form.bind("seller.country")}
            hint="Where you are established: it decides the tax invoices charge."
          />
          <TextField {...form.bind("seller.region")} label="Region" hint="A state or province, such as CA." />
        </FieldGroup>
        <FieldGroup legend="Seller address">
          <AddressFields form={form} prefix="seller.address" />
        </FieldGroup>
        <FieldGroup legend="Branding">
          <TextField
            {...form.bind("branding.logo_url")}
            label="Logo address"
            type="url"
            hint="An https address of your logo, or a PNG or JPEG data: URL (which statements print too). Shown in the customer portal."
          />
          <TextField
            {...form.bind("branding.primary_color")}
            label="Primary colour"
            placeholder="#0b3d91"
            hint="#RRGGBB of the portal's header: its text is black or white, whichever reads better on it."
          />
          <TextField
            {...form.bind("branding.accent_color")}
            label="Accent colour"
            placeholder="#0969da"
            hint="#RRGGBB of links and buttons: it must contrast 4.5:1 with white (WCAG AA), so a light colour is refused."
          />
        </FieldGroup>
        <FieldGroup legend="Numbers and terms">
          <TextField
            {...form.bind("invoice_prefix")}
            label="Invoice number prefix"
            autoCapitalize="characters"
            hint="Letters, digits and dashes: INV gives INV-000001."
          />
          <TextField
            {...form.bind("credit_note_prefix")}
            label="Credit-note number prefix"
            autoCapitalize="characters"
            hint="Letters, digits and dashes."
          />
          <WholeNumberField
            {...form.bind("net_payment_terms_days")}
            label="Payment terms (days)"
            hint="Days between an invoice's issue and its due date, unless the customer has their own."
          />
          <WholeNumberField
            {...form.bind("grace_period_hours")}
            label="Grace period (hours)"
            hint="How long a period's invoice waits for late usage before it is finalized."
          />
        </FieldGroup>
      </SettingsForm>
    </Panel>
  );
}
