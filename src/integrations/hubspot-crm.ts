// HubSpot as a CRM, through HubSpot's official SDK (@hubspot/api-client,
// pointed at the connection's API address): companies carry the Fairbill
// customer id in a property the sync writes (fairbill_customer_id) and
// sales' figures in others (fairbill_mrr, fairbill_usage_to_date,
// fairbill_open_balance, fairbill_invoice_count, fairbill_last_invoice,
// fairbill_currency); won deals are those in the closedwon stage, read with
// their line items. The SDK's own retries are off: vendor-retry.ts retries.
import { Client } from "@hubspot/api-client";
import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/companies/index.js";
import { errorMessage } from "../platform/errors.ts";
import type { CrmAccountFigures, CrmCompany, CrmDeal, CrmLineItem, CrmSystem } from "./crm-system.ts";
import { retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type HubSpotAccess = { apiBaseUrl: string; accessToken: string };

const customerIdProperty = "fairbill_customer_id";
const pageSize = 100;

export function hubSpotCrm(access: HubSpotAccess): CrmSystem {
  const client = new Client({
    accessToken: access.accessToken,
    basePath: access.apiBaseUrl,
    numberOfApiCallRetries: 0,
  });
  return {
    async companies() {
      const companies: CrmCompany[] = [];
      let after: string | undefined;
      do {
        const page = await callHubSpot(() =>
          client.crm.companies.basicApi.getPage(pageSize, after, ["name", customerIdProperty]),
        );
        for (const company of page.results) {
          companies.push({
            id: company.id,
            name: company.properties.name ?? `HubSpot company ${company.id}`,
            customerId: nonEmpty(company.properties[customerIdProperty]),
          });
        }
        after = page.paging?.next?.after;
      } while (after !== undefined);
      return companies;
    },

    async createCompany(company) {
      const found = await callHubSpot(() =>
        client.crm.companies.searchApi.doSearch({
          filterGroups: [
            {
              filters: [
                {
                  propertyName: customerIdProperty,
                  operator: FilterOperatorEnum.Eq,
                  value: company.customerId,
                },
              ],
            },
          ],
          properties: [customerIdProperty],
          limit: 1,
        }),
      );
      const existing = found.results[0]?.id;
      if (existing !== undefined) return existing;
      const created = await callHubSpot(() =>
        client.crm.companies.basicApi.create({
          properties: { name: company.name, [customerIdProperty]: company.customerId },
          associations: [],
        }),
      );
      return created.id;
    },

    async linkCompany(companyId, customerId) {
      await callHubSpot(() =>
        client.crm.companies.basicApi.update(companyId, { properties: { [customerIdProperty]: customerId } }),
      );
    },

    async wonDeals() {
      const deals: CrmDeal[] = [];
      let after: string | undefined;
      do {
        const page = await callHubSpot(() =>
          client.crm.deals.searchApi.doSearch({
            filterGroups: [
              {
                filters: [{ propertyName: "dealstage", operator: FilterOperatorEnum.Eq, value: "closedwon" }],
              },
            ],
            properties: ["dealname", "closedate", "dealstage", "amount"],
            limit: pageSize,
            ...(after === undefined ? {} : { after }),
          }),
        );
        for (const found of page.results) {
          const deal = await callHubSpot(() =>
            client.crm.deals.basicApi.getById(found.id, ["dealname", "closedate", "amount"], undefined, [
              "companies",
              "line_items",
            ]),
          );
          const associated = (name: string) =>
            (deal.associations?.[name]?.results ?? []).map((association) => association.id);
          const lineItemIds = [...associated("line_items"), ...associated("line items")];
          deals.push({
            id: deal.id,
            name: deal.properties.dealname ?? `HubSpot deal ${deal.id}`,
            companyId: associated("companies")[0] ?? null,
            amount: decimalOf(deal.properties.amount),
            closedOn: (deal.properties.closedate ?? new Date(deal.createdAt).toISOString()).slice(0, 10),
            lineItems: lineItemIds.length === 0 ? [] : await lineItems(client, lineItemIds),
          });
        }
        after = page.paging?.next?.after;
      } while (after !== undefined);
      return deals;
    },

    async writeFigures(companyId: string, figures: CrmAccountFigures) {
      await callHubSpot(() =>
        client.crm.companies.basicApi.update(companyId, {
          properties: {
            [customerIdProperty]: figures.customerId,
            fairbill_currency: figures.currency,
            fairbill_mrr: figures.monthlyRecurringRevenue,
            fairbill_usage_to_date: figures.usageToDate,
            fairbill_open_balance: figures.openBalance,
            fairbill_invoice_count: String(figures.invoiceCount),
            fairbill_last_invoice: figures.lastInvoiceNumber ?? "",
          },
        }),
      );
    },
  };
}

async function lineItems(client: Client, ids: string[]): Promise<CrmLineItem[]> {
  const read = await callHubSpot(() =>
    client.crm.lineItems.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: [
        "name",
        "hs_product_id",
        "quantity",
        "price",
        "hs_discount_percentage",
        "hs_recurring_billing_period",
      ],
      propertiesWithHistory: [],
    }),
  );
  return read.results.map((item) => ({
    productId: nonEmpty(item.properties.hs_product_id),
    name: item.properties.name ?? `line item ${item.id}`,
    quantity: nonEmpty(item.properties.quantity) ?? "1",
    unitPrice: nonEmpty(item.properties.price),
    discountPercent: nonEmpty(item.properties.hs_discount_percentage),
    termMonths: monthsOfPeriod(item.properties.hs_recurring_billing_period),
  }));
}

/** HubSpot's recurring billing period, an ISO 8601 duration such as P12M or P1Y, in months. */
function monthsOfPeriod(period: string | null | undefined): number | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(period ?? "");
  if (match === null || (match[1] === undefined && match[2] === undefined)) return null;
  return Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0);
}

/** HubSpot's amount property, a decimal string when it is one. */
function decimalOf(value: string | null | undefined): string | null {
  const text = nonEmpty(value)?.trim() ?? null;
  return text !== null && /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

/** A call to HubSpot, its failure said as a VendorError (HubSpot's ApiException carries the status and headers). */
async function callHubSpot<Result>(request: () => Promise<Result>): Promise<Result> {
  try {
    return await request();
  } catch (error) {
    const failure = error as { code?: unknown; body?: unknown; headers?: Record<string, string> };
    if (typeof failure.code === "number") {
      const body = typeof failure.body === "string" ? failure.body : JSON.stringify(failure.body ?? "");
      throw vendorErrorOfStatus(
        failure.code,
        `HubSpot answered HTTP ${failure.code}: ${body.slice(0, 300)}`,
        retryAfterSecondsOf(failure.headers?.["retry-after"], new Date()),
      );
    }
    throw new VendorError("unreachable", `HubSpot could not be reached: ${errorMessage(error)}`);
  }
}
