// Where a person sees an object in the system it was synced to: the
// vendor's own web page for a company, contact, invoice, payment, credit
// note, refund or journal, built from the object's id there and the
// connection's account (QuickBooks' sandbox or production, NetSuite's
// account id, HubSpot's portal, Salesforce's instance). Null where the
// vendor has no page of its own for that kind of object (Xero's payments and
// manual journals are reached from their invoice or the journal list).
import type { IntegrationSystemName, SyncObjectType } from "./tables.ts";

type LinkedConnection = {
  system: IntegrationSystemName;
  apiBaseUrl: string;
  /** The account connected, in the system's ids. */
  externalTenantId: string | null;
};

const xeroPages: Partial<Record<SyncObjectType, string>> = {
  customer: "https://go.xero.com/Contacts/View/{id}",
  invoice: "https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID={id}",
  credit_note: "https://go.xero.com/AccountsReceivable/ViewCreditNote.aspx?creditNoteID={id}",
  refund: "https://go.xero.com/Bank/ViewTransaction.aspx?bankTransactionID={id}",
};

const quickbooksPages: Record<SyncObjectType, string> = {
  customer: "/app/customerdetail?nameId={id}",
  invoice: "/app/invoice?txnId={id}",
  payment: "/app/recvpayment?txnId={id}",
  credit_note: "/app/creditmemo?txnId={id}",
  refund: "/app/expense?txnId={id}",
  journal_entry: "/app/journal?txnId={id}",
};

const netsuitePages: Record<SyncObjectType, string> = {
  customer: "/app/common/entity/custjob.nl?id={id}",
  invoice: "/app/accounting/transactions/custinvc.nl?id={id}",
  payment: "/app/accounting/transactions/custpymt.nl?id={id}",
  credit_note: "/app/accounting/transactions/custcred.nl?id={id}",
  refund: "/app/accounting/transactions/custrfnd.nl?id={id}",
  journal_entry: "/app/accounting/transactions/journal.nl?id={id}",
};

export function externalLinkUrl(
  connection: LinkedConnection,
  objectType: SyncObjectType,
  externalId: string,
): string | null {
  const page = (template: string | undefined, origin = "") =>
    template === undefined ? null : `${origin}${template.replace("{id}", encodeURIComponent(externalId))}`;
  switch (connection.system) {
    case "xero":
      return page(xeroPages[objectType]);
    case "quickbooks": {
      const sandbox = new URL(connection.apiBaseUrl).hostname.startsWith("sandbox");
      return page(quickbooksPages[objectType], `https://app.${sandbox ? "sandbox." : ""}qbo.intuit.com`);
    }
    case "netsuite": {
      // NetSuite's web host is the account id, lower case, with "_" as "-" (1234567_SB1 → 1234567-sb1).
      const account = connection.externalTenantId?.toLowerCase().replaceAll("_", "-");
      if (account === undefined || !/^[a-z0-9-]+$/.test(account)) return null;
      return page(netsuitePages[objectType], `https://${account}.app.netsuite.com`);
    }
    case "hubspot":
      if (objectType !== "customer" || connection.externalTenantId === null) return null;
      return page(
        `https://app.hubspot.com/contacts/${encodeURIComponent(connection.externalTenantId)}/record/0-2/{id}`,
      );
    case "salesforce":
      return objectType === "customer" ? page("/lightning/r/Account/{id}/view", connection.apiBaseUrl) : null;
  }
}
