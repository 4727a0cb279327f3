// HTTP routes of imports (/v1/imports): request one (a job: follow it with
// GET), list them, read one with its counts, read its report, and resolve a
// refused record with a person's decision.

import { Type } from "typebox";
import { PageOf } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { resolveImportRecord } from "./import-record-resolutions.ts";
import {
  CreateImportBody,
  ImportRecordParams,
  ImportRecordQuery,
  ImportRecordSchema,
  ImportSchema,
  ResolveImportRecordBody,
} from "./import-schemas.ts";
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

  routes.readById(
    "GET /imports/:id",
    {
      operationId: "getImport",
      summary: "Read an import: its progress, and how many records were created, skipped and refused",
      response: ImportSchema,
    },
    getImport,
  );

  routes.read(
    "GET /imports/:id/records",
    {
      operationId: "listImportRecords",
      summary:
        "The import's report, record by record: what each source record became, or why it was skipped or left for a person",
      params: IdParams,
      query: ImportRecordQuery,
      response: PageOf(ImportRecordSchema),
    },
    ({ context, params, query }) => listImportRecords(context, params.id, query),
  );

  routes.write(
    "POST /imports/:id/records/:position/resolve",
    {
      operationId: "resolveImportRecord",
      summary:
        "Record a person's decision about a refused record (made by hand, or not needed in Fairbill) with the reason; " +
        "the cut-over checklist counts an import whose refused records are all resolved as clean",
      params: ImportRecordParams,
      body: ResolveImportRecordBody,
      response: ImportRecordSchema,
    },
    ({ context, params, body }) => resolveImportRecord(context, params.id, params.position, body.reason),
  );
}
