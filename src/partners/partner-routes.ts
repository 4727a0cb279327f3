// HTTP routes of partners (/v1/partners), their agreements and attributed
// customers, and their settlement statements (/v1/partner-settlements).
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendCsvFile, sendPdfFile } from "../platform/http/file-replies.ts";
import { ReasonOnlyBody } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { CsvText, IdParams, ListOf, PdfFile } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { listExternalSales } from "./external-sale-matching.ts";
import {
  CreateItemMappingBody,
  ExternalSaleListQuery,
  ExternalSaleSchema,
  ExternalSaleUploadSchema,
  ItemMappingSchema,
  RecordExternalSalesBody,
} from "./external-sale-schemas.ts";
import { recordExternalSales } from "./external-sales.ts";
import { createItemMapping, listItemMappings } from "./item-mappings.ts";
import { partnerKpis } from "./partner-kpis.ts";
import { authenticatePartnerCaller, createPartnerLink } from "./partner-links.ts";
import {
  AgreementSchema,
  AttributeCustomerBody,
  AttributionSchema,
  CreateAgreementBody,
  CreatePartnerBody,
  CreatePartnerLinkBody,
  CreateSettlementBody,
  PartnerKpiSchema,
  PartnerLinkSchema,
  PartnerSchema,
  PartnerStatementSchema,
  RecordSettlementPaymentBody,
  SettlementListQuery,
  SettlementSchema,
  type SettlementView,
} from "./partner-schemas.ts";
import { partnerProfile, partnerStatement, partnerStatements } from "./partner-view.ts";
import {
  attributeCustomer,
  createAgreement,
  createPartner,
  findPartner,
  getPartner,
  listAgreements,
  listAttributions,
  listPartners,
  type PartnerRow,
} from "./partners.ts";
import { settlementCsv, settlementPdf } from "./settlement-documents.ts";
import {
  approveSettlement,
  createSettlement,
  getSettlement,
  listSettlements,
  recordSettlementPayment,
} from "./settlements.ts";

function sendCsv(reply: FastifyReply, settlement: SettlementView) {
  return sendCsvFile(reply, `${settlement.id}.csv`, settlementCsv(settlement));
}

async function sendPdf(reply: FastifyReply, settlement: SettlementView, partner: PartnerRow) {
  return sendPdfFile(reply, `${settlement.id}.pdf`, await settlementPdf(settlement, partner), "inline");
}

/** Where this server serves the partner statements page, as the caller reached it. */
function partnerPageUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/partner/`;
}

/** A partner's sales file: 5 MB of CSV, inside JSON with room for its escapes. */
const externalSalesBodyBytes = 8 * 1024 * 1024;

/**
 * POST /v1/partners/{id}/external-sales takes JSON ({"csv": …} or
 * {"transactions": […]}) or the CSV file itself as a text/csv body, read here
 * as {"csv": …}; the parser is scoped to this route.
 */
function registerExternalSalesUpload(app: FairbillApp): void {
  app.register(async (scoped) => {
    scoped.addContentTypeParser(
      "text/csv",
      { parseAs: "string", bodyLimit: externalSalesBodyBytes },
      (_request, body, done) => done(null, { csv: body }),
    );
    const routes = defineRoutes(scoped, { tags: ["Partners"], write: "billing:write" });
    routes.write(
      "POST /partners/:id/external-sales",
      {
        operationId: "recordPartnerExternalSales",
        summary: "Record transactions of the partner's own system, as a CSV file or JSON rows",
        description:
          "Each transaction is recorded once per external id: sent again with the same values it is skipped, " +
          "with other values refused. In atomic mode (the default) one bad row refuses the upload with a 400 " +
          "naming each bad row and column, and nothing is recorded. The CSV template is in docs/partners.md; " +
          "the file may also be the body itself, sent as Content-Type: text/csv (atomic).",
        params: IdParams,
        body: RecordExternalSalesBody,
        response: ExternalSaleUploadSchema,
        bodyLimit: externalSalesBodyBytes,
      },
      ({ context, params, body }) => recordExternalSales(context, params.id, body),
    );
  });
}

export function registerPartnerRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Partners"], read: "billing:read", write: "billing:write" });
  registerExternalSalesUpload(app);

  routes.write(
    "POST /partners",
    {
      operationId: "createPartner",
      summary: "Create a partner: a reseller, referral partner, marketplace or installer",
      body: CreatePartnerBody,
      response: PartnerSchema,
      status: 201,
    },
    ({ context, body }) => createPartner(context, body),
  );
  routes.list(
    "GET /partners",
    { operationId: "listPartners", summary: "List partners, newest first", item: PartnerSchema },
    ({ context }, _filters, page) => listPartners(context, page),
  );
  routes.readById(
    "GET /partners/:id",
    { operationId: "getPartner", summary: "Read a partner", response: PartnerSchema },
    getPartner,
  );
  routes.writeById(
    "POST /partners/:id/agreements",
    {
      operationId: "createPartnerAgreement",
      summary:
        "Agree terms with a partner from a date: revenue shares, volume tiers, activation fee, minimum guarantee, clawbacks, basis",
      body: CreateAgreementBody,
      response: AgreementSchema,
      status: 201,
    },
    createAgreement,
  );
  routes.readById(
    "GET /partners/:id/agreements",
    {
      operationId: "listPartnerAgreements",
      summary: "A partner's agreements, oldest first",
      response: ListOf(AgreementSchema),
    },
    listAgreements,
  );
  routes.writeById(
    "POST /partners/:id/attributions",
    {
      operationId: "attributeCustomerToPartner",
      summary: "Attribute a customer to a partner from a date",
      body: AttributeCustomerBody,
      response: AttributionSchema,
      status: 201,
    },
    attributeCustomer,
  );
  routes.readById(
    "GET /partners/:id/attributions",
    {
      operationId: "listPartnerAttributions",
      summary: "The customers attributed to a partner",
      response: ListOf(AttributionSchema),
    },
    listAttributions,
  );

  routes.writeById(
    "POST /partners/:id/item-mappings",
    {
      operationId: "createPartnerItemMapping",
      summary: "Map an item code of the partner's system to a plan, charge or product",
      body: CreateItemMappingBody,
      response: ItemMappingSchema,
      status: 201,
    },
    createItemMapping,
  );
  routes.readById(
    "GET /partners/:id/item-mappings",
    {
      operationId: "listPartnerItemMappings",
      summary: "The partner's item mappings, by item code",
      response: ListOf(ItemMappingSchema),
    },
    listItemMappings,
  );
  routes.read(
    "GET /partners/:id/external-sales",
    {
      operationId: "listPartnerExternalSales",
      summary:
        "The partner's external sales, oldest first, each matched against its statements or not, with why",
      params: IdParams,
      query: ExternalSaleListQuery,
      response: ListOf(ExternalSaleSchema),
    },
    ({ context, params, query }) => listExternalSales(context, params.id, query),
  );

  routes.read(
    "GET /partner-kpis",
    {
      operationId: "getPartnerKpis",
      summary: "Settlement accuracy rate, time to settle and revenue by partner",
      response: PartnerKpiSchema,
    },
    ({ context }) => partnerKpis(context),
  );

  routes.write(
    "POST /partner-settlements",
    {
      operationId: "createPartnerSettlement",
      summary:
        "Compute a partner's statement of a month from finalized invoices and payments, submitted for a second person's approval",
      body: CreateSettlementBody,
      response: SettlementSchema,
      status: 201,
    },
    ({ context, body }) => createSettlement(context, body),
  );
  routes.list(
    "GET /partner-settlements",
    {
      operationId: "listPartnerSettlements",
      summary: "Settlement statements, newest first",
      filters: SettlementListQuery,
      item: SettlementSchema,
    },
    ({ context }, filters, page) => listSettlements(context, filters, page),
  );
  routes.readById(
    "GET /partner-settlements/:id",
    {
      operationId: "getPartnerSettlement",
      summary: "A settlement statement, each line naming the invoice, payment or document behind it",
      response: SettlementSchema,
    },
    getSettlement,
  );
  routes.writeById(
    "POST /partner-settlements/:id/approve",
    {
      operationId: "approvePartnerSettlement",
      summary: "Approve a draft statement: another person than the one who computed it",
      body: ReasonOnlyBody,
      response: SettlementSchema,
    },
    (context, id, body) => approveSettlement(context, id, body.reason),
  );
  routes.write(
    "POST /partner-settlements/:id/payments",
    {
      operationId: "recordPartnerSettlementPayment",
      summary: "Record that an approved statement was paid to the partner",
      params: IdParams,
      body: RecordSettlementPaymentBody,
      response: SettlementSchema,
    },
    ({ context, params, body }) => recordSettlementPayment(context, params.id, body),
  );
  routes.read(
    "GET /partner-settlements/:id/csv",
    {
      operationId: "getPartnerSettlementCsv",
      summary: "A settlement statement as CSV, one row per line with its source",
      params: IdParams,
      response: CsvText,
    },
    async ({ context, params }, reply) => sendCsv(reply, await getSettlement(context, params.id)),
  );
  routes.read(
    "GET /partner-settlements/:id/pdf",
    {
      operationId: "getPartnerSettlementPdf",
      summary: "A settlement statement as a PDF",
      params: IdParams,
      response: PdfFile,
    },
    async ({ context, params }, reply) => {
      const settlement = await getSettlement(context, params.id);
      return sendPdf(reply, settlement, await findPartner(context.database, context, settlement.partner_id));
    },
  );

  routes.write(
    "POST /partners/:id/statement-links",
    {
      operationId: "createPartnerStatementLink",
      summary: "Issue a signed link through which a partner reads its approved statements and downloads them",
      description:
        "Send `url` to the partner. The token is in the fragment, which browsers never send to a server; it " +
        "opens the partner's own statements only, until `expires_at` (default seven days, at most thirty).",
      params: IdParams,
      body: CreatePartnerLinkBody,
      response: PartnerLinkSchema,
      status: 201,
    },
    (request) =>
      createPartnerLink(request.context, request.params.id, request.body, partnerPageUrlOf(request)),
  );

  // Not an API key: these routes take the token of a partner's statement link.
  const partner = { authenticateCaller: authenticatePartnerCaller };
  const view = defineRoutes(app, {
    tags: ["Partner statements"],
    read: partner,
    write: partner,
    security: [],
    description:
      'Authenticate with "Authorization: Partner <token>", the token of a partner\'s statement link.',
  });
  view.read(
    "GET /partner-view/me",
    { operationId: "getPartnerViewProfile", summary: "The link's partner", response: PartnerSchema },
    ({ context }) => partnerProfile(context),
  );
  view.read(
    "GET /partner-view/statements",
    {
      operationId: "listPartnerViewStatements",
      summary: "The partner's approved and paid statements, newest month first, each line naming its source",
      response: ListOf(PartnerStatementSchema),
    },
    ({ context }) => partnerStatements(context),
  );
  view.read(
    "GET /partner-view/statements/:id/csv",
    {
      operationId: "getPartnerViewStatementCsv",
      summary: "One of the partner's statements as CSV",
      params: IdParams,
      response: CsvText,
    },
    async ({ context, params }, reply) =>
      sendCsv(reply, (await partnerStatement(context, params.id)).settlement),
  );
  view.read(
    "GET /partner-view/statements/:id/pdf",
    {
      operationId: "getPartnerViewStatementPdf",
      summary: "One of the partner's statements as a PDF",
      params: IdParams,
      response: PdfFile,
    },
    async ({ context, params }, reply) => {
      const { settlement, partner: owner } = await partnerStatement(context, params.id);
      return sendPdf(reply, settlement, owner);
    },
  );
}
