// HTTP routes of the taxes domain: /v1/tax-rates, /v1/customers/{id}/tax-exemption,
// /v1/tax-settings, /v1/tax-address-validations and /v1/invoices/{id}/tax-record.
// Rates and the provider are finance's configuration (finance:read,
// finance:write); an exemption is a fact about one customer that billing
// operations record from its certificate, and checking an address or reading
// an invoice's tax record is billing's work (billing:read, billing:write,
// which the finance role has too).

import { notFound } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getTaxExemption, revokeTaxExemption, setTaxExemption } from "./tax-exemptions.ts";
import { createTaxRate, getTaxRate, listTaxRates, updateTaxRate } from "./tax-rates.ts";
import {
  CreateTaxRateBody,
  SetTaxExemptionBody,
  TaxAddressValidationBody,
  TaxAddressValidationSchema,
  TaxExemptionSchema,
  TaxRateListQuery,
  TaxRateSchema,
  TaxRecordSchema,
  TaxSettingsSchema,
  UpdateTaxRateBody,
  UpdateTaxSettingsBody,
} from "./tax-schemas.ts";
import { getTaxSettings, updateTaxSettings } from "./tax-settings.ts";
import { taxTransactionOf } from "./tax-transactions.ts";
import { validateTaxAddress } from "./taxes.ts";

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

  finance.readById(
    "GET /tax-rates/:id",
    {
      operationId: "getTaxRate",
      summary: "Get a tax rate",
      response: TaxRateSchema,
    },
    getTaxRate,
  );

  finance.writeById(
    "PATCH /tax-rates/:id",
    {
      operationId: "updateTaxRate",
      summary: "Rename a tax rate, or archive it (its percent and validity never change: add a new rate)",
      body: UpdateTaxRateBody,
      response: TaxRateSchema,
    },
    (context, id, body) => updateTaxRate(withReason(context, body.reason), id, body),
  );

  billing.writeById(
    "POST /customers/:id/tax-exemption",
    {
      operationId: "setTaxExemption",
      summary: "Exempt the customer from tax (replacing any exemption it had)",
      body: SetTaxExemptionBody,
      response: TaxExemptionSchema,
      status: 201,
    },
    setTaxExemption,
  );

  billing.readById(
    "GET /customers/:id/tax-exemption",
    {
      operationId: "getTaxExemption",
      summary: "Get the customer's tax exemption (404 when it has none)",
      response: TaxExemptionSchema,
    },
    getTaxExemption,
  );

  billing.writeById(
    "DELETE /customers/:id/tax-exemption",
    {
      operationId: "revokeTaxExemption",
      summary: "Revoke the customer's tax exemption: its invoices are taxed again",
      response: TaxExemptionSchema,
    },
    revokeTaxExemption,
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

  billing.write(
    "POST /tax-address-validations",
    {
      operationId: "validateTaxAddress",
      summary: "Ask the tax engine (Stripe Tax, AvaTax) whether it can locate an address for tax",
      body: TaxAddressValidationBody,
      response: TaxAddressValidationSchema,
      status: 200,
    },
    ({ context, body }) => validateTaxAddress(context, body.address),
  );

  billing.readById(
    "GET /invoices/:id/tax-record",
    {
      operationId: "getInvoiceTaxRecord",
      summary: "The invoice's record with the tax engine: recorded at finalization, reversed when voided",
      response: TaxRecordSchema,
    },
    async (context, id) => {
      const record = await taxTransactionOf(context.database, context, id);
      if (record === undefined) throw notFound("tax record of invoice", id);
      return record;
    },
  );
}
