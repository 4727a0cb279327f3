// HTTP routes of the taxes domain: /v1/tax-rates, /v1/customers/{id}/tax-exemption
// and /v1/tax-settings. Rates and the provider are finance's configuration
// (finance:read, finance:write); an exemption is a fact about one customer
// that billing operations record from its certificate (billing:read, billing:write,
// which the finance role has too).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getTaxExemption, revokeTaxExemption, setTaxExemption } from "./tax-exemptions.ts";
import { createTaxRate, getTaxRate, listTaxRates, updateTaxRate } from "./tax-rates.ts";
import {
  CreateTaxRateBody,
  SetTaxExemptionBody,
  TaxExemptionSchema,
  TaxRateListQuery,
  TaxRateSchema,
  TaxSettingsSchema,
  UpdateTaxRateBody,
  UpdateTaxSettingsBody,
} from "./tax-schemas.ts";
import { getTaxSettings, updateTaxSettings } from "./tax-settings.ts";

export function registerTaxRoutes(app: FairbillApp): void {
  const tags = ["Taxes"];
  const finance = defineRoutes(app, { tags, read: "finance:read", write: "finance:write" });
  const billing = defineRoutes(app, { tags, read: "billing:read", write: "billing:write" });

  finance.write(
    "POST /tax-rates",
    {
      operationId: "createTaxRate",
      summary: "Add a tax rate for a country or one of its regions, valid from an instant",
      body: CreateTaxRateBody,
      response: TaxRateSchema,
      status: 201,
    },
    ({ context, body }) => createTaxRate(withReason(context, body.reason), body),
  );

  finance.list(
    "GET /tax-rates",
    {
      operationId: "listTaxRates",
      summary: "List tax rates, newest first",
      filters: TaxRateListQuery,
      item: TaxRateSchema,
    },
    ({ context }, filters, page) => listTaxRates(context, filters, page),
  );

  finance.read(
    "GET /tax-rates/:id",
    {
      operationId: "getTaxRate",
      summary: "Get a tax rate",
      params: IdParams,
      response: TaxRateSchema,
    },
    ({ context, params }) => getTaxRate(context, params.id),
  );

  finance.write(
    "PATCH /tax-rates/:id",
    {
      operationId: "updateTaxRate",
      summary: "Rename a tax rate, or archive it (its percent and validity never change: add a new rate)",
      params: IdParams,
      body: UpdateTaxRateBody,
      response: TaxRateSchema,
    },
    ({ context, params, body }) => updateTaxRate(withReason(context, body.reason), params.id, body),
  );

  billing.write(
    "POST /customers/:id/tax-exemption",
    {
      operationId: "setTaxExemption",
      summary: "Exempt the customer from tax (replacing any exemption it had)",
      params: IdParams,
      body: SetTaxExemptionBody,
      response: TaxExemptionSchema,
      status: 201,
    },
    ({ context, params, body }) => setTaxExemption(context, params.id, body),
  );

  billing.read(
    "GET /customers/:id/tax-exemption",
    {
      operationId: "getTaxExemption",
      summary: "Get the customer's tax exemption (404 when it has none)",
      params: IdParams,
      response: TaxExemptionSchema,
    },
    ({ context, params }) => getTaxExemption(context, params.id),
  );

  billing.write(
    "DELETE /customers/:id/tax-exemption",
    {
      operationId: "revokeTaxExemption",
      summary: "Revoke the customer's tax exemption: its invoices are taxed again",
      params: IdParams,
      response: TaxExemptionSchema,
    },
    ({ context, params }) => revokeTaxExemption(context, params.id),
  );

  finance.read(
    "GET /tax-settings",
    {
      operationId: "getTaxSettings",
      summary: "Which tax provider quotes this environment's invoices",
      response: TaxSettingsSchema,
    },
    ({ context }) => getTaxSettings(context),
  );

  finance.write(
    "PUT /tax-settings",
    {
      operationId: "updateTaxSettings",
      summary: "Use the built-in tax rates, or an external tax calculator over HTTP",
      body: UpdateTaxSettingsBody,
      response: TaxSettingsSchema,
    },
    ({ context, body }) => updateTaxSettings(withReason(context, body.reason), body),
  );
}
