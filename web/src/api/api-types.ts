// The shapes the console reads from the Fairbill API, as the OpenAPI document
// describes them. Amounts are decimal strings, instants ISO 8601 strings.

export type FieldError = { path: string; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  request_id?: string;
  errors?: FieldError[];
};

export type Page<Item> = { data: Item[]; next_cursor: string | null };

export type Role = "admin" | "billing_ops" | "finance" | "viewer" | "ingest";

export type ConsoleSession = {
  api_key_id: string;
  role: Role;
  environment: "test" | "live";
  permissions: string[];
};

export type BillingAddress = {
  line1?: string;
  line2?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  country?: string;
};

export type TaxId = { type: string; value: string };

export type InvoiceSettings = {
  net_payment_terms_days?: number;
  grace_period_days?: number;
  footer?: string;
};

export type Customer = {
  id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  billing_address: BillingAddress | null;
  country: string | null;
  tax_ids: TaxId[];
  currency: string | null;
  timezone: string;
  locale: string;
  invoice_settings: InvoiceSettings;
  metadata: Record<string, string>;
  parent_customer_id: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
};

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  environment: "test" | "live";
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  rotated_from_key_id: string | null;
};

export type NewApiKey = { api_key: ApiKey; secret: string };

export type AuditEvent = {
  id: string;
  sequence: number;
  occurred_at: string;
  actor: { type: string; id: string | null; role: string | null };
  action: string;
  object_type: string;
  object_id: string;
  changes: { path: string; change: "added" | "removed" | "changed"; before: unknown; after: unknown }[];
  reason: string | null;
  request_id: string | null;
};

/** Why a line costs what it does; its keys depend on the line's kind and price model. */
export type LineDetails = { [key: string]: unknown };

export type SimulatedLine = {
  charge: string;
  kind: string;
  period_start: string;
  period_end: string;
  quantity: string;
  amount: string;
  details: LineDetails;
};

export type SimulatedInvoice = {
  issued_at: string;
  currency: string;
  lines: SimulatedLine[];
  subtotal: string;
  discount: string;
  credits: string;
  tax: string;
  total: string;
  balance_applied: string;
  amount_due: string;
};

export type SimulationResult = { invoices: SimulatedInvoice[] };

export type MeterDefinition = {
  event_name: string;
  aggregation: string;
  property: string | null;
  filters: Record<string, (string | number | boolean)[]>;
  group_by: string[];
};

export type MeterVersion = MeterDefinition & {
  version: number;
  effective_from: string;
  effective_until: string | null;
  created_at: string;
};

export type Meter = MeterDefinition & {
  id: string;
  code: string;
  name: string;
  description: string | null;
  version: number;
  effective_from: string;
  versions: MeterVersion[];
  created_at: string;
  updated_at: string;
};

export type UsageEvent = {
  id: string;
  customer: string;
  name: string;
  timestamp: string;
  properties: Record<string, unknown>;
  received_at: string;
  revision: number;
  voided_at: string | null;
  matched_meters: { code: string; version: number }[];
};

export type UnattributedCustomer = {
  customer: string;
  event_count: number;
  first_timestamp: string;
  last_timestamp: string;
  events: UsageEvent[];
};

export type UsageWindow = {
  start: string;
  end: string;
  group: Record<string, string | null> | null;
  value: string;
  event_count: number;
};

export type UsageReport = {
  customer: string;
  meter: string;
  aggregation: string;
  timezone: string;
  from: string;
  to: string;
  window: string;
  group_by: string | null;
  windows: UsageWindow[];
};
