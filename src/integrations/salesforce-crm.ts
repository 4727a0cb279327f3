// Salesforce as a CRM, through Salesforce's official JavaScript library
// (jsforce, on the connection's instance URL): accounts carry the Fairbill
// customer id in a custom field the sync writes (Fairbill_Customer_Id__c)
// and sales' figures in others (Fairbill_MRR__c, Fairbill_Usage_To_Date__c,
// Fairbill_Open_Balance__c, Fairbill_Invoice_Count__c,
// Fairbill_Last_Invoice__c, Fairbill_Currency__c); won opportunities
// (IsWon) are read with their OpportunityLineItems by SOQL. jsforce itself
// retries the idempotent requests a busy Salesforce refuses; what is left
// is said as a VendorError for vendor-retry.ts.
//
// Salesforce reads and writes numbers as JSON numbers: they are turned into
// decimal strings, and back, here at the wire, and never computed with.
import { Connection, type QueryResult } from "jsforce";
import { errorMessage } from "../platform/errors.ts";
import type { CrmAccountFigures, CrmCompany, CrmDeal, CrmSystem } from "./crm-system.ts";
import { VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type SalesforceAccess = { apiBaseUrl: string; accessToken: string };

/** The REST API version the sync speaks. */
const apiVersion = "62.0";

type AccountRecord = { Id: string; Name: string | null; Fairbill_Customer_Id__c: string | null };
type OpportunityRecord = {
  Id: string;
  Name: string | null;
  AccountId: string | null;
  CloseDate: string | null;
  Amount: number | null;
};
type LineItemRecord = {
  Id: string;
  Name: string | null;
  Product2Id: string | null;
  Quantity: number | null;
  UnitPrice: number | null;
  Discount: number | null;
};

export function salesforceCrm(access: SalesforceAccess): CrmSystem {
  const connection = new Connection({
    instanceUrl: access.apiBaseUrl,
    accessToken: access.accessToken,
    version: apiVersion,
  });
  async function query<Row extends Record<string, unknown>>(soql: string): Promise<Row[]> {
    const rows: Row[] = [];
    let page = await callSalesforce(async (): Promise<QueryResult<Row>> => await connection.query<Row>(soql));
    rows.push(...page.records);
    while (!page.done && page.nextRecordsUrl !== undefined) {
      const next = page.nextRecordsUrl;
      page = await callSalesforce(
        async (): Promise<QueryResult<Row>> => await connection.queryMore<Row>(next),
      );
      rows.push(...page.records);
    }
    return rows;
  }
  async function updateAccount(fields: Record<string, unknown> & { Id: string }): Promise<void> {
    const saved = await callSalesforce(() => connection.sobject("Account").update(fields));
    if (!saved.success) {
      throw new VendorError("refused", `Salesforce refused the account update: ${JSON.stringify(saved)}`);
    }
  }
  return {
    async companies() {
      const accounts = await query<AccountRecord>("SELECT Id, Name, Fairbill_Customer_Id__c FROM Account");
      return accounts.map(
        (account): CrmCompany => ({
          id: account.Id,
          name: account.Name ?? `Salesforce account ${account.Id}`,
          customerId: account.Fairbill_Customer_Id__c || null,
        }),
      );
    },

    async createCompany(company) {
      const found = await query<{ Id: string }>(
        `SELECT Id FROM Account WHERE Fairbill_Customer_Id__c = '${soqlString(company.customerId)}'`,
      );
      const existing = found[0]?.Id;
      if (existing !== undefined) return existing;
      const created = await callSalesforce(() =>
        connection
          .sobject("Account")
          .create({ Name: company.name, Fairbill_Customer_Id__c: company.customerId }),
      );
      if (!created.success) {
        throw new VendorError("refused", `Salesforce refused the account: ${JSON.stringify(created)}`);
      }
      return created.id;
    },

    async linkCompany(companyId, customerId) {
      await updateAccount({ Id: companyId, Fairbill_Customer_Id__c: customerId });
    },

    async wonDeals() {
      const opportunities = await query<OpportunityRecord>(
        "SELECT Id, Name, AccountId, CloseDate, Amount FROM Opportunity WHERE IsWon = true",
      );
      const deals: CrmDeal[] = [];
      for (const opportunity of opportunities) {
        const items = await query<LineItemRecord>(
          "SELECT Id, Name, Product2Id, Quantity, UnitPrice, Discount FROM OpportunityLineItem " +
            `WHERE OpportunityId = '${soqlString(opportunity.Id)}'`,
        );
        deals.push({
          id: opportunity.Id,
          name: opportunity.Name ?? `Salesforce opportunity ${opportunity.Id}`,
          companyId: opportunity.AccountId,
          amount: decimalOf(opportunity.Amount),
          closedOn: (opportunity.CloseDate ?? "").slice(0, 10),
          lineItems: items.map((item) => ({
            productId: item.Product2Id,
            name: item.Name ?? `line item ${item.Id}`,
            quantity: decimalOf(item.Quantity) ?? "1",
            unitPrice: decimalOf(item.UnitPrice),
            discountPercent: decimalOf(item.Discount),
            termMonths: null,
          })),
        });
      }
      return deals;
    },

    async writeFigures(companyId: string, figures: CrmAccountFigures) {
      await updateAccount({
        Id: companyId,
        Fairbill_Customer_Id__c: figures.customerId,
        Fairbill_Currency__c: figures.currency,
        Fairbill_MRR__c: Number(figures.monthlyRecurringRevenue),
        Fairbill_Usage_To_Date__c: Number(figures.usageToDate),
        Fairbill_Open_Balance__c: Number(figures.openBalance),
        Fairbill_Invoice_Count__c: figures.invoiceCount,
        Fairbill_Last_Invoice__c: figures.lastInvoiceNumber,
      });
    },
  };
}

/** A value inside a SOQL string literal: backslashes and quotes escaped. */
function soqlString(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

function decimalOf(value: number | null | undefined): string | null {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

/**
 * The HTTP status Salesforce's error codes stand for: an expired or revoked session (401), the
 * request limit (429), a server error or one unavailable (5xx).
 */
const statusOfErrorCode: Record<string, number> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 429,
  UNKNOWN_EXCEPTION: 500,
  SERVER_UNAVAILABLE: 503,
};

/** A call to Salesforce, its failure said as a VendorError (jsforce names an HTTP failure ERROR_HTTP_<status>). */
async function callSalesforce<Result>(request: () => Promise<Result>): Promise<Result> {
  try {
    return await request();
  } catch (error) {
    const code = (error as { errorCode?: unknown }).errorCode;
    const message = `Salesforce answered ${String(code ?? "")}: ${errorMessage(error)}`;
    if (typeof code === "string") {
      const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
      const statusOfCode = status === undefined ? statusOfErrorCode[code] : Number(status);
      if (statusOfCode !== undefined) throw vendorErrorOfStatus(statusOfCode, message.slice(0, 500));
      throw new VendorError("refused", message.slice(0, 500));
    }
    throw new VendorError("unreachable", message.slice(0, 500));
  }
}
