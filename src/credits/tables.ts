// Row types of the credits tables (credit grants, wallets, the credit ledger,
// purchases) and of the customer balance, for the typed query builder.
import type {
  DefaultedTimestamp,
  Generated,
  Json,
  TenantRowColumns,
  Timestamp,
} from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    credit_accounts: CustomerCurrencyBalanceTable;
    wallets: WalletTable;
    credit_grants: CreditGrantTable;
    credit_ledger_entries: CreditLedgerEntryTable;
    credit_purchases: CreditPurchaseTable;
    customer_balances: CustomerCurrencyBalanceTable;
    customer_balance_entries: CustomerBalanceEntryTable;
  }
}

/** A running balance of one customer in one currency: of its credit grants, or of what it is owed. */
type CustomerCurrencyBalanceTable = {
  organization_id: string;
  environment_id: string;
  customer_id: string;
  currency: string;
  /** numeric, read as a string. */
  balance: string;
  updated_at: DefaultedTimestamp;
};

export type WalletTable = TenantRowColumns & {
  customer_id: string;
  currency: string;
  name: string;
  rate: string;
  auto_top_up_threshold: string | null;
  auto_top_up_amount: string | null;
  metadata: Json<Record<string, string>>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type CreditGrantType = "promotional" | "purchased";

export type CreditGrantTable = TenantRowColumns & {
  customer_id: string;
  wallet_id: string | null;
  currency: string;
  name: string;
  type: CreditGrantType;
  amount: string;
  remaining: string;
  cost_basis: string | null;
  priority: number;
  effective_at: Timestamp;
  expires_at: Timestamp | null;
  voided_at: Timestamp | null;
  void_reason: string | null;
  metadata: Json<Record<string, string>>;
  created_at: DefaultedTimestamp;
};

export type CreditLedgerEntryKind = "increment" | "burn" | "expiry" | "void" | "void_reversal";

/** An entry of a customer's ledger in one currency, numbered in the order written (sequence-pages.ts pages by it). */
type CustomerLedgerEntryColumns = TenantRowColumns & {
  sequence: Generated<number>;
  customer_id: string;
  currency: string;
};

export type CreditLedgerEntryTable = CustomerLedgerEntryColumns & {
  grant_id: string;
  wallet_id: string | null;
  kind: CreditLedgerEntryKind;
  amount: string;
  grant_balance_after: string;
  balance_after: string;
  invoice_id: string | null;
  /** The credit note that took these credits back (a `void`), with the part of their price it refunded. */
  credit_note_id: string | null;
  refunded_amount: string | null;
  automatic: boolean;
  reason: string | null;
  occurred_at: Timestamp;
  created_at: DefaultedTimestamp;
};

export type CreditPurchaseTable = {
  grant_id: string;
  organization_id: string;
  environment_id: string;
  customer_id: string;
  wallet_id: string;
  currency: string;
  credits: string;
  paid_amount: string;
  automatic: boolean;
  invoice_id: string | null;
  created_at: DefaultedTimestamp;
};

export type CustomerBalanceEntryTable = CustomerLedgerEntryColumns & {
  amount: string;
  balance_after: string;
  invoice_id: string | null;
  credit_note_id: string | null;
  reason: string;
  occurred_at: Timestamp;
};
