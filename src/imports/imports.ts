// Imports as billing operations ask for and read them: request one (checked,
// its source key sealed, queued on the job queue, which runs import-run.ts),
// read it with its progress and counts, list them, and read its report a page
// of records at a time. Requesting one is audited.
import type { Selectable } from "kysely";
import { describeActor, recordCreation } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { errorMessage, validationFailed } from "../platform/errors.ts";
import { compileStrictValidator, toFieldErrors } from "../platform/http/validation.ts";
import { enqueueRunJob } from "../platform/jobs/run-jobs.ts";
import { presentRunLife } from "../platform/jobs/run-records.ts";
import { assertCallableUrl } from "../platform/outgoing-requests/guarded-connections.ts";
import { sealSecret } from "../platform/secrets/envelope.ts";
import {
  CreateImportBody,
  type CreateImportInput,
  type Import,
  type ImportRecord,
  type ImportRecordFilters,
} from "./import-schemas.ts";
import { readPositionPage } from "./position-pages.ts";
import type { ImportRecordResolutionTable, ImportRecordTable, ImportTable } from "./tables.ts";
import { countUsageEvents, maximumUsageEvents, type UsageFileFormat } from "./usage-file.ts";

/** The job that runs an import (import-jobs.ts). */
export const importRunKind = "import.run";

export type ImportRow = Selectable<ImportTable>;

export function presentImport(row: ImportRow): Import {
  return {
    id: row.id,
    source: row.source,
    dry_run: row.dry_run,
    csv_object: row.csv_object,
    usage_format: row.usage_format,
    atomic: row.atomic,
    status: row.status,
    records_total: row.records_total,
    records_done: row.records_done,
    created: row.created_count,
    skipped: row.skipped_count,
    refused: row.refused_count,
    failure: row.failure,
    ...presentRunLife(row),
  };
}

function refuseUncallableUrl(url: string | undefined, path: string): void {
  if (url === undefined) return;
  try {
    assertCallableUrl(new URL(url));
  } catch (error) {
    const message = errorMessage(error);
    throw validationFailed([{ path, message: `cannot be called: ${message}` }]);
  }
}

const importSources = ["stripe", "lago", "csv", "usage"] as const;

/** A usage file holds at most maximumUsageEvents events; a backfill has no dry run (a rerun stores nothing twice). */
function refuseUnboundedUsage(
  dryRun: boolean | undefined,
  usage: { format: UsageFileFormat; text: string },
): void {
  if (dryRun === true) {
    throw validationFailed([
      {
        path: "$.dry_run",
        message:
          "a usage import has no dry run: each event id is stored once, so import the file, fix the lines refused and import it again",
      },
    ]);
  }
  const events = countUsageEvents(usage.format, usage.text);
  if (events > maximumUsageEvents) {
    throw validationFailed([
      {
        path: "$.usage.text",
        message: `holds ${events} events; a file may hold at most ${maximumUsageEvents}: split it`,
      },
    ]);
  }
}

/** Records the import as queued, its key sealed, and queues the job that runs it. */
export async function createImport(context: RequestContext, input: CreateImportInput): Promise<Import> {
  const { stripe, lago, csv, usage } = input;
  for (const other of importSources) {
    if (other !== input.source && input[other] !== undefined) {
      throw validationFailed([
        { path: `$.${other}`, message: `must be left out of a ${input.source} import` },
      ]);
    }
  }
  if (input[input.source] === undefined) {
    throw validationFailed([
      { path: `$.${input.source}`, message: `is required for a ${input.source} import` },
    ]);
  }
  if (usage !== undefined) refuseUnboundedUsage(input.dry_run, usage);
  refuseUncallableUrl(stripe?.api_base_url, "$.stripe.api_base_url");
  refuseUncallableUrl(lago?.api_url, "$.lago.api_url");
  const now = context.clock.now();
  const secret = stripe?.secret_key ?? lago?.api_key;
  const sealed =
    secret === undefined ? null : await sealSecret(context.database, context.organizationId, secret);
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "imports", "import", now, {
      source: input.source,
      dry_run: input.dry_run ?? false,
      source_api_base_url: stripe?.api_base_url ?? lago?.api_url ?? null,
      source_secret: sealed,
      csv_object: csv?.object ?? null,
      csv_text: csv?.text ?? usage?.text ?? null,
      usage_format: usage?.format ?? null,
      atomic: csv?.atomic ?? false,
      created_by: describeActor(context.actor).id,
      reason: context.reason ?? null,
      created_at: now,
    });
    await enqueueRunJob(transaction, context, importRunKind, row.id, { import_id: row.id });
    return recordCreation(transaction, context, "import", presentImport(row));
  });
}

let validateRequest: ReturnType<typeof compileStrictValidator> | undefined;

/** An import requested from outside HTTP (the CLI), checked as POST /v1/imports checks it. */
export async function requestImport(context: RequestContext, body: unknown): Promise<Import> {
  validateRequest ??= compileStrictValidator(CreateImportBody);
  if (!validateRequest(body)) throw validationFailed(toFieldErrors(validateRequest.errors ?? [], "body"));
  return createImport(context, body as CreateImportInput);
}

export async function findImportRow(context: RequestContext, id: string): Promise<ImportRow | undefined> {
  return selectInTenant(context.database, context, "imports").where("id", "=", id).executeTakeFirst();
}

export async function getImport(context: RequestContext, id: string): Promise<Import> {
  return presentImport(await findInTenant(context.database, context, "imports", id, "import"));
}

/** The environment's imports, newest first. */
export async function listImports(context: RequestContext, page: PageRequest): Promise<ImportRow[]> {
  return newestFirstPage(selectInTenant(context.database, context, "imports"), page).execute();
}

type ResolutionRow = Selectable<ImportRecordResolutionTable>;

export function presentRecord(
  row: Selectable<ImportRecordTable>,
  resolution: ResolutionRow | undefined,
): ImportRecord {
  return {
    position: row.position,
    source_type: row.source_type,
    source_id: row.source_id,
    outcome: row.outcome,
    fairbill_id: row.fairbill_id,
    reason: row.reason,
    source_record: row.source_record ?? null,
    resolution:
      resolution === undefined
        ? null
        : {
            reason: resolution.reason,
            resolved_by: resolution.resolved_by,
            resolved_at: resolution.resolved_at.toISOString(),
          },
  };
}

/** The resolutions of an import's refused records, by position. */
export async function resolutionsOf(
  context: RequestContext,
  importId: string,
): Promise<Map<number, ResolutionRow>> {
  const rows = await selectInTenant(context.database, context, "import_record_resolutions")
    .where("import_id", "=", importId)
    .execute();
  return new Map(rows.map((row) => [row.position, row]));
}

/** The import's report in the order the records were met, of one outcome when asked. */
export async function listImportRecords(
  context: RequestContext,
  importId: string,
  query: ImportRecordFilters,
): Promise<{ data: ImportRecord[]; next_cursor: string | null }> {
  await getImport(context, importId);
  let select = selectInTenant(context.database, context, "import_records").where("import_id", "=", importId);
  if (query.outcome !== undefined) select = select.where("outcome", "=", query.outcome);
  const { page, nextCursor } = await readPositionPage(select, query);
  const resolutions = await resolutionsOf(context, importId);
  return {
    data: page.map((row) => presentRecord(row, resolutions.get(row.position))),
    next_cursor: nextCursor,
  };
}
