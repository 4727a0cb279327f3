// What the customer form edits, and the API bodies made from it. The form
// keeps every input as text; the bodies leave out what was left empty on
// create, and on edit send only what changed (null clears a field).
import type { Customer, InvoiceSettings, RequestBody, TaxId } from "../../api/resources.ts";
import { wholeNumberAsTyped } from "../../format/whole-number.ts";

export type CustomerFormValues = {
  external_id: string;
  name: string;
  email: string;
  country: string;
  currency: string;
  timezone: string;
  locale: string;
  parent_customer_id: string;
  /** How this customer's children are billed: each on its own invoices, or on this customer's. */
  child_billing: ChildBilling;
  billing_address: {
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    state: string;
    country: string;
  };
  tax_ids: TaxId[];
  invoice_settings: { net_payment_terms_days: string; grace_period_days: string; footer: string };
  metadata: { key: string; value: string }[];
};

type CreateBody = RequestBody<"/v1/customers", "post">;
type ChildBilling = Customer["child_billing"];
type UpdateBody = RequestBody<"/v1/customers/{id}", "patch">;
type Address = NonNullable<CreateBody["billing_address"]>;

const addressParts = ["line1", "line2", "city", "postal_code", "state", "country"] as const;

/** Sensible starting values for a new customer in this browser's zone and language. */
export function emptyCustomerValues(timezone: string, locale: string): CustomerFormValues {
  return {
    external_id: "",
    name: "",
    email: "",
    country: "",
    currency: "",
    timezone,
    locale,
    parent_customer_id: "",
    child_billing: "separate",
    billing_address: { line1: "", line2: "", city: "", postal_code: "", state: "", country: "" },
    tax_ids: [],
    invoice_settings: { net_payment_terms_days: "", grace_period_days: "", footer: "" },
    metadata: [],
  };
}

export function customerValues(customer: Customer): CustomerFormValues {
  const address = customer.billing_address ?? {};
  const settings = customer.invoice_settings;
  return {
    external_id: customer.external_id,
    name: customer.name ?? "",
    email: customer.email ?? "",
    country: customer.country ?? "",
    currency: customer.currency ?? "",
    timezone: customer.timezone,
    locale: customer.locale,
    parent_customer_id: customer.parent_customer_id ?? "",
    child_billing: customer.child_billing,
    billing_address: {
      line1: address.line1 ?? "",
      line2: address.line2 ?? "",
      city: address.city ?? "",
      postal_code: address.postal_code ?? "",
      state: address.state ?? "",
      country: address.country ?? "",
    },
    tax_ids: customer.tax_ids.map((taxId) => ({ ...taxId })),
    invoice_settings: {
      net_payment_terms_days: settings.net_payment_terms_days?.toString() ?? "",
      grace_period_days: settings.grace_period_days?.toString() ?? "",
      footer: settings.footer ?? "",
    },
    metadata: Object.entries(customer.metadata).map(([key, value]) => ({ key, value })),
  };
}

function addressBody(values: CustomerFormValues): Address | null {
  const address: Address = {};
  for (const part of addressParts) {
    const value = values.billing_address[part].trim();
    if (value !== "") address[part] = part === "country" ? value.toUpperCase() : value;
  }
  return Object.keys(address).length === 0 ? null : address;
}

function invoiceSettingsBody(values: CustomerFormValues): InvoiceSettings {
  const settings = values.invoice_settings;
  const body: InvoiceSettings = {};
  if (settings.net_payment_terms_days.trim() !== "") {
    body.net_payment_terms_days = wholeNumberAsTyped(settings.net_payment_terms_days);
  }
  if (settings.grace_period_days.trim() !== "") {
    body.grace_period_days = wholeNumberAsTyped(settings.grace_period_days);
  }
  if (settings.footer.trim() !== "") body.footer = settings.footer.trim();
  return body;
}

function taxIdsBody(values: CustomerFormValues): TaxId[] {
  return values.tax_ids
    .map((taxId) => ({ type: taxId.type.trim(), value: taxId.value.trim() }))
    .filter((taxId) => taxId.type !== "" || taxId.value !== "");
}

function metadataBody(values: CustomerFormValues): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const entry of values.metadata) {
    if (entry.key.trim() !== "") metadata[entry.key.trim()] = entry.value;
  }
  return metadata;
}

const scalarNames = ["name", "email", "country", "currency", "parent_customer_id"] as const;

// Codes are upper case on the API; people type them either way.
function scalarFields(values: CustomerFormValues): Record<(typeof scalarNames)[number], string | null> {
  const text = (value: string) => (value.trim() === "" ? null : value.trim());
  return {
    name: text(values.name),
    email: text(values.email),
    country: text(values.country.toUpperCase()),
    currency: text(values.currency.toUpperCase()),
    parent_customer_id: text(values.parent_customer_id),
  };
}

export function createCustomerBody(values: CustomerFormValues): CreateBody {
  const body: CreateBody = { external_id: values.external_id.trim() };
  const scalars = scalarFields(values);
  for (const field of scalarNames) {
    const value = scalars[field];
    if (value !== null) body[field] = value;
  }
  if (values.timezone.trim() !== "") body.timezone = values.timezone.trim();
  if (values.locale.trim() !== "") body.locale = values.locale.trim();
  if (values.child_billing !== "separate") body.child_billing = values.child_billing;
  const address = addressBody(values);
  if (address) body.billing_address = address;
  const taxIds = taxIdsBody(values);
  if (taxIds.length > 0) body.tax_ids = taxIds;
  const settings = invoiceSettingsBody(values);
  if (Object.keys(settings).length > 0) body.invoice_settings = settings;
  const metadata = metadataBody(values);
  if (Object.keys(metadata).length > 0) body.metadata = metadata;
  return body;
}

// PostgreSQL's jsonb returns keys in its own order, so objects compare by content.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  }
  return value;
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(canonical(left)) === JSON.stringify(canonical(right));
}

/** The fields that differ from `customer`; an empty object when nothing changed. */
export function updateCustomerBody(customer: Customer, values: CustomerFormValues): UpdateBody {
  const body: UpdateBody = {};
  if (values.external_id.trim() !== customer.external_id) body.external_id = values.external_id.trim();
  const scalars = scalarFields(values);
  for (const field of scalarNames) {
    if (scalars[field] !== customer[field]) body[field] = scalars[field];
  }
  if (values.timezone.trim() !== customer.timezone) body.timezone = values.timezone.trim();
  if (values.locale.trim() !== customer.locale) body.locale = values.locale.trim();
  if (values.child_billing !== customer.child_billing) body.child_billing = values.child_billing;
  const address = addressBody(values);
  if (!sameJson(address, customer.billing_address)) body.billing_address = address;
  const taxIds = taxIdsBody(values);
  if (!sameJson(taxIds, customer.tax_ids)) body.tax_ids = taxIds;
  const settings = invoiceSettingsBody(values);
  if (!sameJson(settings, customer.invoice_settings)) body.invoice_settings = settings;
  const metadata = metadataBody(values);
  if (!sameJson(metadata, customer.metadata)) body.metadata = metadata;
  return body;
}
