// HTTP routes of imports (/v1/imports): request one (a job: follow it with
// GET), list them, read one with its counts, and read its report.

import { Type } from "typebox";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams, Nullable } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { CreateImportBody, ImportRecordQuery, ImportRecordSchema, ImportSchema } from "./import-schemas.ts";
import { createImport, getImport, listImportRecords, listImports, presentImport } from "./imports.ts";

export function registerImportRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Imports"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /imports",
    {
      operationId: "createImport",
      summary:
        "Import customers, plans, coupons, balances, wallets, subscriptions and old invoices from another billing system (Stripe, Lago) or a file; " +
        "runs as a job (follow it with GET), a dry run changes nothing, and a second run creates nothing twice",
      body: CreateImportBody,
      response: ImportSchema,
      status: 202,
    },
    ({ context, body }) => createImport(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /imports",
    {
      operationId: "listImports",
      summary: "List imports, newest first",
      filters: Type.Object({}),
      item: ImportSchema,
    },
    ({ context }, _filters, page) => listImports(context, page),
    presentImport,
  );

  routes.read(
    "GET /imports/:id",
    {
      operationId: "getImport",
      summary: "Read an import: its progress, and how many records were created, skipped and refused",
      params: IdParams,
      response: ImportSchema,
    },
    ({ context, params }) => getImport(context, params.id),
  );

  routes.read(
    "GET /imports/:id/records",
    {
      operationId: "listImportRecords",
      summary:
        "The import's report, record by record: what each source record became, or why it was skipped or left for a person",
      params: IdParams,
      query: ImportRecordQuery,
      response: Type.Object({ data: Type.Array(ImportRecordSchema), next_cursor: Nullable(Type.String()) }),
    },
    ({ context, params, query }) => listImportRecords(context, params.id, query),
  );
}
