// Row types of the invoicing tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { BillingAddress } from "../customers/index.ts";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { OutputAllowance } from "../simulation/index.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    invoicing_settings: InvoicingSettingsTable;
    document_number_sequences: DocumentNumberSequenceTable;
    invoices: InvoiceTable;
    invoice_lines: InvoiceLineTable;
    credit_notes: CreditNoteTable;
    credit_note_lines: CreditNoteLineTable;
    invoice_holds: InvoiceHoldTable;
  }
}

/** The seller's and the buyer's addresses are postal addresses like a customer's billing address. */
export type PostalAddress = BillingAddress;

export type InvoicingSettingsTable = {
  environment_id: string;
  organization_id: string;
  seller_name: string | null;
  seller_email: string | null;
  seller_address: Json<PostalAddress | null> | null;
  seller_country: string | null;
  seller_region: string | null;
  seller_tax_id: string | null;
  invoice_prefix: string;
  credit_note_prefix: string;
  grace_period_hours: number;
  net_payment_terms_days: number;
  /** numeric, read as a string; null without a standing guard. */
  held_draft_change_percent: string | null;
  held_draft_history_invoices: ColumnType<number, number | undefined, number>;
  brand_logo_url: ColumnType<string | null, string | null | undefined, string | null>;
  brand_primary_color: ColumnType<string | null, string | null | undefined, string | null>;
  brand_accent_color: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: DefaultedTimestamp;
};

export type DocumentNumberSequenceTable = {
  organization_id: string;
  prefix: string;
  /** bigint, read as a string. */
  last_number: string | number;
};

export type InvoiceOrigin = "subscription" | "one_off" | "progressive";
export type InvoiceStatus = "draft" | "open" | "paid" | "partially_paid" | "uncollectible" | "void";

/** A party as printed on a finalized invoice: a snapshot, so later edits of the customer do not rewrite it. */
export type PartySnapshot = {
  name: string | null;
  email: string | null;
  address: PostalAddress | null;
  country: string | null;
  tax_ids: { type: string; value: string }[];
  /** A seller that is a billing entity: how to pay it (bank details), printed on its documents. */
  payment_instructions?: string | null;
  /** A seller that is a billing entity: the footer its documents print. */
  footer?: string | null;
};

export type TaxDetails = {
  percent: string;
  inclusive: boolean;
  reverse_charge: boolean;
  components: { name: string; percent: string; jurisdiction: string }[];
  exemption_reason: string | null;
  note: string | null;
};

export type InvoiceTable = TenantRowColumns & {
  customer_id: string;
  origin: InvoiceOrigin;
  billing_key: string | null;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  issued_at: Timestamp;
  period_start: Timestamp | null;
  period_end: Timestamp | null;
  due_at: Timestamp | null;
  finalized_at: Timestamp | null;
  voided_at: Timestamp | null;
  void_reason: string | null;
  /** When a dispute of one of its payments was lost: the invoice stays as it was paid. */
  payment_dispute_lost_at: Timestamp | null;
  /** numeric columns, read as strings. */
  subtotal: string;
  discount: string;
  credits: string;
  tax: string;
  total: string;
  balance_applied: string;
  amount_due: string;
  amount_paid: DefaultedNumeric;
  amount_credited: DefaultedNumeric;
  discounts: Json<{ redemption_id: string; amount: string }[]>;
  credits_applied: Json<{ grant_id: string; amount: string }[]>;
  /** numeric, read as a string; null without a contract that has commits. */
  commits: string | null;
  commit_draws: ColumnType<CommitDrawRecord[], string | undefined, string>;
  allowances: Json<OutputAllowance[] | null> | null;
  tax_details: Json<TaxDetails | null> | null;
  subscription_ids: string[];
  seller: Json<PartySnapshot | null> | null;
  buyer: Json<PartySnapshot | null> | null;
  /** The billing entity that issued it (set at finalization); null before the environment had entities. */
  billing_entity_id: ColumnType<string | null, string | null | undefined, string | null>;
  locale: string;
  timezone: string;
  memo: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

/** A contract commit's draw on an invoice, with the start of the term it drew from. */
export type CommitDrawRecord = { commit_id: string; term_start: string; amount: string };

/** A numeric column with a default: optional on insert, a string when read. */
type DefaultedNumeric = ColumnType<string, string | undefined, string>;

export type InvoiceLineTable = TenantRowColumns & {
  invoice_id: string;
  position: number;
  subscription_id: string | null;
  plan_id: string | null;
  plan_version_id: string | null;
  charge_id: string | null;
  kind: string;
  description: string;
  period_start: Timestamp | null;
  period_end: Timestamp | null;
  quantity: string;
  unit_amount: string | null;
  amount: string;
  details: Json<Record<string, unknown>>;
  /** On a parent's consolidated invoice: the child customer the line bills for, and its name then. */
  billed_customer_id: string | null;
  billed_customer_name: string | null;
};

export type CreditNoteReason =
  | "duplicate"
  | "fraudulent"
  | "order_change"
  | "product_unsatisfactory"
  | "billing_error"
  | "other";

export type CreditNoteTable = TenantRowColumns & {
  invoice_id: string;
  customer_id: string;
  number: string;
  currency: string;
  reason: CreditNoteReason;
  memo: string | null;
  /** The billing entity whose numbering and details it carries (its invoice's); null before entities. */
  billing_entity_id: ColumnType<string | null, string | null | undefined, string | null>;
  subtotal: string;
  tax: string;
  total: string;
  applied_to_invoice: string;
  credited_to_balance: string;
  issued_at: Timestamp;
  created_by: string;
  created_at: DefaultedTimestamp;
};

export type CreditNoteLineTable = TenantRowColumns & {
  credit_note_id: string;
  position: number;
  invoice_line_id: string | null;
  description: string;
  amount: string;
  tax: string;
};

export type InvoiceHoldSource = "anomaly_guard" | "rollout";
export type InvoiceHoldStatus = "active" | "released" | "discarded";

export type InvoiceHoldTable = TenantRowColumns & {
  customer_id: string;
  /** The draft held; null while a hold placed ahead of time waits for the customer's next draft. */
  invoice_id: string | null;
  /** A hold placed ahead of time takes the first draft issued at or after this instant. */
  issued_from: Timestamp | null;
  source: InvoiceHoldSource;
  /** What placed it: the rollout's id. */
  source_id: string | null;
  reason: string;
  details: Json<Record<string, unknown>>;
  status: InvoiceHoldStatus;
  created_by: string;
  created_at: Timestamp;
  held_at: Timestamp | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_reason: string | null;
};
