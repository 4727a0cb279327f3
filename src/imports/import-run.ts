// The work of an import, run by its job (or by `fairbill import`): read the
// source account, work out the steps (stripe-mapping.ts, lago-mapping.ts), apply them one by
// one (import-steps.ts), and store the report's records and the progress a
// batch at a time. The source's key is opened only here and erased when the
// import ends, however it ends. A second run of the same job (after a crash)
// starts over: the references make the steps already done skip.
import { recordObjectChange } from "../audit/index.ts";
import type { UnpricedEventCheck } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { errorMessage } from "../platform/errors.ts";
import { runQueuedRun } from "../platform/jobs/queued-runs.ts";
import { openSecret } from "../platform/secrets/envelope.ts";
import { importCsvFile, type RecordResult } from "./csv-import.ts";
import type { Import } from "./import-schemas.ts";
import type { ImportStep } from "./import-step-types.ts";
import { applyStep, type ImportState, loadReferences } from "./import-steps.ts";
import { type ImportRow, presentImport } from "./imports.ts";
import { readStripeAccount } from "./stripe-account.ts";
import { planStripeImport } from "./stripe-mapping.ts";
import type { ImportOutcome } from "./tables.ts";
import { importUsageFile } from "./usage-import.ts";

export type ImportProgress = { recordsTotal: number; recordsDone: number; phase: "reading" | "importing" };

export type ImportRunOptions = {
  /** Called as the source is read and after each batch of records. */
  onProgress?: (progress: ImportProgress) => void;
  /** A usage import's check of the events a price refuses, as the event routes have it (app.ts). */
  refuseUnpriced?: UnpricedEventCheck | undefined;
};

const recordsPerBatch = 25;

type PendingRecord = RecordResult & { position: number };

/** Runs a queued import to its end (completed or failed) and returns it. */
export async function runImport(
  context: RequestContext,
  importId: string,
  options: ImportRunOptions = {},
): Promise<Import> {
  return runQueuedRun(context, {
    table: "imports",
    id: importId,
    what: "import",
    startColumns: { records_total: 0, records_done: 0, created_count: 0, skipped_count: 0, refused_count: 0 },
    dropEarlierAttempt: (transaction) =>
      transaction.deleteFrom("import_records").where("import_id", "=", importId).execute(),
    present: presentImport,
    work: (started) => importEverything(context, started, options),
    fail: (error) => finish(context, importId, { status: "failed", failure: errorMessage(error) }),
  });
}

async function importEverything(
  context: RequestContext,
  row: ImportRow,
  options: ImportRunOptions,
): Promise<Import> {
  const state: ImportState = {
    importId: row.id,
    source: row.source,
    dryRun: row.dry_run,
    references: await loadReferences(context, row.source),
    metersWouldCreate: new Map(),
  };
  if (row.source === "csv") return importCsv(context, row, state, options);
  if (row.source === "usage") return importUsage(context, row, options);
  const steps = await readSourceSteps(context, row, options);
  await context.database
    .updateTable("imports")
    .set({ records_total: steps.length, updated_at: context.clock.now() })
    .where("id", "=", row.id)
    .execute();
  const counts: Record<ImportOutcome, number> = { created: 0, skipped: 0, refused: 0 };
  let pending: PendingRecord[] = [];
  for (const [position, step] of steps.entries()) {
    const result = await applyStep(context, state, step);
    counts[result.outcome] += 1;
    pending.push({
      position,
      sourceType: step.sourceType,
      sourceId: step.sourceId,
      record: step.record,
      ...result,
    });
    if (pending.length === recordsPerBatch || position === steps.length - 1) {
      await storeRecords(context, row.id, pending, counts, position + 1);
      pending = [];
      options.onProgress?.({ recordsTotal: steps.length, recordsDone: position + 1, phase: "importing" });
    }
  }
  return finish(context, row.id, { status: "completed", failure: null });
}

/** Reads the Stripe account or Lago organization the import names and works out its steps. */
async function readSourceSteps(
  context: RequestContext,
  row: ImportRow,
  options: ImportRunOptions,
): Promise<ImportStep[]> {
  if (row.source_secret === null) throw new Error("The import's source key was erased before it ran.");
  const secretKey = await openSecret(context.database, context.organizationId, row.source_secret);
  let read = 0;
  const onRead = (_kind: string, count: number) => {
    read += count;
    options.onProgress?.({ recordsTotal: 0, recordsDone: read, phase: "reading" });
  };
  if (row.source === "lago") {
    if (row.source_api_base_url === null) throw new Error("A Lago import needs Lago's API address.");
    // Lago's client is loaded when a Lago import first runs.
    const { readLagoAccount } = await import("./lago-account.ts");
    const { planLagoImport } = await import("./lago-mapping.ts");
    const account = await readLagoAccount({ apiUrl: row.source_api_base_url, apiKey: secretKey }, onRead);
    return planLagoImport(account, context.clock.now());
  }
  const account = await readStripeAccount({ secretKey, apiBaseUrl: row.source_api_base_url }, onRead);
  return planStripeImport(account);
}

async function importCsv(
  context: RequestContext,
  row: ImportRow,
  state: ImportState,
  options: ImportRunOptions,
): Promise<Import> {
  if (row.csv_object === null || row.csv_text === null)
    throw new Error("The import's file was erased before it ran.");
  const counts: Record<ImportOutcome, number> = { created: 0, skipped: 0, refused: 0 };
  let pending: PendingRecord[] = [];
  let position = 0;
  let totalStored = false;
  await importCsvFile(
    context,
    state,
    { object: row.csv_object, text: row.csv_text, atomic: row.atomic },
    async (result, total) => {
      if (!totalStored) {
        await context.database
          .updateTable("imports")
          .set({ records_total: total })
          .where("id", "=", row.id)
          .execute();
        totalStored = true;
      }
      counts[result.outcome] += 1;
      pending.push({ position, ...result });
      position += 1;
      if (pending.length === recordsPerBatch || position === total) {
        await storeRecords(context, row.id, pending, counts, position);
        pending = [];
        options.onProgress?.({ recordsTotal: total, recordsDone: position, phase: "importing" });
      }
    },
  );
  if (pending.length > 0) await storeRecords(context, row.id, pending, counts, position);
  return finish(context, row.id, { status: "completed", failure: null });
}

async function importUsage(
  context: RequestContext,
  row: ImportRow,
  options: ImportRunOptions,
): Promise<Import> {
  if (row.usage_format === null || row.csv_text === null)
    throw new Error("The import's file was erased before it ran.");
  const counts: Record<ImportOutcome, number> = { created: 0, skipped: 0, refused: 0 };
  let position = 0;
  await importUsageFile(
    context,
    { format: row.usage_format, text: row.csv_text },
    options.refuseUnpriced,
    async (records, total) => {
      if (position === 0) {
        await context.database
          .updateTable("imports")
          .set({ records_total: total })
          .where("id", "=", row.id)
          .execute();
      }
      const pending = records.map((record) => {
        counts[record.outcome] += 1;
        position += 1;
        return { position: position - 1, ...record };
      });
      await storeRecords(context, row.id, pending, counts, position);
      options.onProgress?.({ recordsTotal: total, recordsDone: position, phase: "importing" });
    },
  );
  return finish(context, row.id, { status: "completed", failure: null });
}

async function storeRecords(
  context: RequestContext,
  importId: string,
  records: readonly PendingRecord[],
  counts: Record<ImportOutcome, number>,
  done: number,
): Promise<void> {
  await context.database.transaction().execute(async (transaction) => {
    if (records.length > 0) {
      await transaction
        .insertInto("import_records")
        .values(
          records.map((record) => ({
            import_id: importId,
            organization_id: context.organizationId,
            environment_id: context.environmentId,
            position: record.position,
            source_type: record.sourceType,
            source_id: record.sourceId,
            outcome: record.outcome,
            fairbill_id: record.fairbillId,
            reason: record.reason,
            // A person deciding about a refused record sees it as the source had it.
            source_record: record.outcome === "refused" ? JSON.stringify(record.record) : null,
          })),
        )
        .execute();
    }
    await transaction
      .updateTable("imports")
      .set({
        records_done: done,
        created_count: counts.created,
        skipped_count: counts.skipped,
        refused_count: counts.refused,
        updated_at: context.clock.now(),
      })
      .where("id", "=", importId)
      .execute();
  });
}

async function finish(
  context: RequestContext,
  importId: string,
  outcome: { status: "completed" | "failed"; failure: string | null },
): Promise<Import> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await updateTenantRow(transaction, context, "imports", importId, {
      ...outcome,
      source_secret: null,
      csv_text: null,
      finished_at: now,
      updated_at: now,
    });
    const finished = presentImport(row);
    await recordObjectChange(
      transaction,
      context,
      "import",
      outcome.status === "completed" ? "completed" : "failed",
      null,
      finished,
    );
    return finished;
  });
}
