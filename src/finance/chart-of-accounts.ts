// The accounts Fairbill posts to, by role. Each environment may rename them
// or give them the codes of its own general ledger (finance settings); every
// account left alone keeps its default.
import type { AccountOverride } from "./tables.ts";

export const accountKeys = [
  "cash",
  "accounts_receivable",
  "unbilled_receivables",
  "customer_credit_balance",
  "tax_payable",
  "deferred_revenue",
  "revenue",
  "breakage_revenue",
  "partner_payables",
  "partner_commissions",
  "payment_losses",
] as const;
export type AccountKey = (typeof accountKeys)[number];

export type Account = { code: string; name: string };
export type ChartOfAccounts = Record<AccountKey, Account>;

const defaultChart: ChartOfAccounts = {
  // Payments received and refunds paid out, before the bank reconciles them.
  cash: { code: "1000", name: "Cash and payment clearing" },
  accounts_receivable: { code: "1200", name: "Accounts receivable" },
  // Revenue earned but not yet invoiced: usage of a month billed on the 1st of the next (a contract asset).
  unbilled_receivables: { code: "1250", name: "Unbilled receivables" },
  // Money owed to customers: credit notes and overpayments kept for later invoices.
  customer_credit_balance: { code: "2100", name: "Customer credit balances" },
  tax_payable: { code: "2200", name: "Sales tax payable" },
  // Invoiced but not yet earned: fees billed in advance and prepaid credits not yet used (a contract liability).
  deferred_revenue: { code: "2400", name: "Deferred revenue" },
  revenue: { code: "4000", name: "Revenue" },
  // Prepaid credits that expired unused.
  breakage_revenue: { code: "4100", name: "Breakage revenue" },
  // Approved partner settlements not yet paid to the partner.
  partner_payables: { code: "2300", name: "Partner payables" },
  // What partners earn under their agreements: revenue shares, activation fees, guarantees, less clawbacks.
  partner_commissions: { code: "6100", name: "Partner commissions" },
  // Money a payment provider took back or gave back that no customer owes: disputes (chargebacks) lost,
  // refunds made at the provider beyond what the customer balance and an invoice could take back.
  payment_losses: { code: "6200", name: "Chargebacks and payment losses" },
};

export function chartOfAccounts(overrides: Readonly<Record<string, AccountOverride>>): ChartOfAccounts {
  const chart = { ...defaultChart };
  for (const key of accountKeys) {
    const override = overrides[key];
    if (override !== undefined) chart[key] = { ...chart[key], ...override };
  }
  return chart;
}
