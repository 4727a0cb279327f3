// What a CRM sync hands a CRM, and reads from it, as plain data: companies
// (HubSpot) or accounts (Salesforce) linked to customers by a Fairbill
// customer id property the sync writes on them; won deals or opportunities
// with their line items; and the figures written back on the account so that
// sales sees them. Amounts are decimal strings in the currency's unit.

export type CrmCompany = {
  id: string;
  name: string;
  /** The Fairbill customer the company is linked to (its fairbill customer id property), if any. */
  customerId: string | null;
};

export type CrmLineItem = {
  /** The CRM product the line sells (HubSpot's hs_product_id, Salesforce's Product2Id). */
  productId: string | null;
  name: string;
  quantity: string;
  unitPrice: string | null;
  discountPercent: string | null;
  /** The length of the term the line is sold for, in months, where the CRM says. */
  termMonths: number | null;
};

export type CrmDeal = {
  id: string;
  name: string;
  companyId: string | null;
  /** The deal's amount as the CRM states it (a decimal string), or null when it has none. */
  amount: string | null;
  /** The day the deal was won, YYYY-MM-DD: the contract starts then. */
  closedOn: string;
  lineItems: CrmLineItem[];
};

/** What sales sees on the account: the figures of a customer as Fairbill bills them. */
export type CrmAccountFigures = {
  customerId: string;
  currency: string;
  /** The recurring fees of the next invoice. */
  monthlyRecurringRevenue: string;
  /** The usage charges of the period so far. */
  usageToDate: string;
  openBalance: string;
  /** Invoices issued, and the newest's number. */
  invoiceCount: number;
  lastInvoiceNumber: string | null;
};

export type CrmSystem = {
  companies(): Promise<CrmCompany[]>;
  /** Creates the company for a customer (found first by its Fairbill customer id, so a rerun creates none). */
  createCompany(company: { customerId: string; name: string }): Promise<string>;
  /** Writes the Fairbill customer id on a company that came from the CRM. */
  linkCompany(companyId: string, customerId: string): Promise<void>;
  wonDeals(): Promise<CrmDeal[]>;
  writeFigures(companyId: string, figures: CrmAccountFigures): Promise<void>;
};
