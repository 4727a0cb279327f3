// HTTP routes of the taxes domain: /v1/tax-rates, /v1/customers/{id}/tax-exemption
// and /v1/tax-settings. Rates and the provider are finance's configuration
// (finance:read, finance:write); an exemption is a fact about one customer
// that billing operations record from its certificate (billing:read, billing:write,
// which the finance role has too).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
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

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerTaxRoutes(app: FairbillApp): void {
  const financeRead = { permission: "finance:read" as const };
  const financeWrite = { permission: "finance:write" as const };
  const billingRead = { permission: "billing:read" as const };
  const billingWrite = { permission: "billing:write" as const };
  const tags = ["Taxes"];

  app.post(
    "/tax-rates",
    {
      config: financeWrite,
      schema: {
        tags,
        summary: "Add a tax rate for a country or one of its regions, valid from an instant",
        body: CreateTaxRateBody,
        response: { 201: TaxRateSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTaxRate(withReason(request.context, request.body.reason), request.body)),
  );

  app.get(
    "/tax-rates",
    {
      config: financeRead,
      schema: {
        tags,
        summary: "List tax rates, newest first",
        querystring: Type.Object(
          { ...TaxRateListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(TaxRateSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const rates = await listTaxRates(request.context, filters, { limit, afterId: decodeCursor(cursor) });
      return toPage(rates, limit, (rate) => rate);
    },
  );

  app.get(
    "/tax-rates/:id",
    {
      config: financeRead,
      schema: {
        tags,
        summary: "Get a tax rate",
        params: IdParams,
        response: { 200: TaxRateSchema, ...standardErrorResponses },
      },
    },
    async (request) => getTaxRate(request.context, request.params.id),
  );

  app.patch(
    "/tax-rates/:id",
    {
      config: financeWrite,
      schema: {
        tags,
        summary: "Rename a tax rate, or archive it (its percent and validity never change: add a new rate)",
        params: IdParams,
        body: UpdateTaxRateBody,
        response: { 200: TaxRateSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      updateTaxRate(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.post(
    "/customers/:id/tax-exemption",
    {
      config: billingWrite,
      schema: {
        tags,
        summary: "Exempt the customer from tax (replacing any exemption it had)",
        params: IdParams,
        body: SetTaxExemptionBody,
        response: { 201: TaxExemptionSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await setTaxExemption(request.context, request.params.id, request.body)),
  );

  app.get(
    "/customers/:id/tax-exemption",
    {
      config: billingRead,
      schema: {
        tags,
        summary: "Get the customer's tax exemption (404 when it has none)",
        params: IdParams,
        response: { 200: TaxExemptionSchema, ...standardErrorResponses },
      },
    },
    async (request) => getTaxExemption(request.context, request.params.id),
  );

  app.delete(
    "/customers/:id/tax-exemption",
    {
      config: billingWrite,
      schema: {
        tags,
        summary: "Revoke the customer's tax exemption: its invoices are taxed again",
        params: IdParams,
        response: { 200: TaxExemptionSchema, ...standardErrorResponses },
      },
    },
    async (request) => revokeTaxExemption(request.context, request.params.id),
  );

  app.get(
    "/tax-settings",
    {
      config: financeRead,
      schema: {
        tags,
        summary: "Which tax provider quotes this environment's invoices",
        response: { 200: TaxSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => getTaxSettings(request.context),
  );

  app.put(
    "/tax-settings",
    {
      config: financeWrite,
      schema: {
        tags,
        summary: "Use the built-in tax rates, or an external tax calculator over HTTP",
        body: UpdateTaxSettingsBody,
        response: { 200: TaxSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateTaxSettings(withReason(request.context, request.body.reason), request.body),
  );
}
