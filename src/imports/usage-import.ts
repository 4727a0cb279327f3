// A usage backfill from a file (usage-file.ts): its events go through
// metering's ingestion as POST /v1/events/backfill takes them, a batch of
// up to 1,000 at a time, so each event id is stored once however often the
// file is imported: a rerun skips what was stored, naming the id. Every event
// becomes a record of the report, in the file's order: created (stored),
// skipped (stored before) or refused, with its line and field.
import { ingestEvents, type UnpricedEventCheck } from "../metering/index.ts";
import { batchesOf } from "../platform/batches.ts";
import type { RequestContext } from "../platform/context.ts";
import type { RecordResult } from "./csv-import.ts";
import {
  describeUsageProblem,
  readUsageFile,
  type UsageFileEntry,
  type UsageFileFormat,
  type UsageFileProblem,
} from "./usage-file.ts";

/** Events sent to ingestion at once: the most POST /v1/events/backfill takes. */
const eventsPerBatch = 1000;

/** `$.properties.gigabytes` → `properties.gigabytes`; the event itself (`$`) is no field. */
function fieldOf(path: string): string | null {
  const field = path.replace(/^\$\.?/, "");
  return field === "" ? null : field;
}

/**
 * Ingests the file's events a batch at a time and hands each batch's records
 * to `onBatch` with the number of records the file makes.
 */
export async function importUsageFile(
  context: RequestContext,
  file: { format: UsageFileFormat; text: string },
  refuseUnpriced: UnpricedEventCheck | undefined,
  onBatch: (records: RecordResult[], total: number) => Promise<void>,
): Promise<void> {
  const sourceType = `events.${file.format}`;
  const read = readUsageFile(file.format, file.text);
  const refused = (problem: UsageFileProblem, record: unknown): RecordResult => ({
    sourceType,
    sourceId: `line ${problem.line}`,
    record,
    outcome: "refused",
    fairbillId: null,
    reason: describeUsageProblem(problem),
  });
  if (read.fileProblem !== null) {
    await onBatch([refused(read.fileProblem, null)], 1);
    return;
  }
  const total = read.entries.length;
  if (total === 0) {
    await onBatch([], 0);
    return;
  }
  for (const batch of batchesOf(read.entries, eventsPerBatch)) {
    await onBatch(await ingestBatch(context, batch, refuseUnpriced, sourceType, refused), total);
  }
}

async function ingestBatch(
  context: RequestContext,
  batch: readonly UsageFileEntry[],
  refuseUnpriced: UnpricedEventCheck | undefined,
  sourceType: string,
  refused: (problem: UsageFileProblem, record: unknown) => RecordResult,
): Promise<RecordResult[]> {
  const readable = batch.filter((entry) => entry.problem === undefined);
  const ingested =
    readable.length === 0
      ? { accepted: [], duplicates: [], rejected: [] }
      : await ingestEvents(
          context,
          readable.map((entry) => entry.event),
          { atomic: false, backfill: true, pathOf: () => "$", refuseUnpriced },
        );
  const results = new Map<number, (entry: UsageFileEntry) => RecordResult>();
  /** A line whose event ingestion stored (created) or had stored before (skipped). */
  const stored =
    (outcome: "created" | "skipped", eventId: string, reason: string | null) =>
    (entry: UsageFileEntry): RecordResult => ({
      sourceType,
      sourceId: `line ${entry.line}`,
      record: null,
      outcome,
      fairbillId: eventId,
      reason,
    });
  for (const accepted of ingested.accepted)
    results.set(accepted.index, stored("created", accepted.id, accepted.unmatchedHint ?? null));
  for (const duplicate of ingested.duplicates) {
    results.set(
      duplicate.index,
      stored("skipped", duplicate.id, `event ${duplicate.id} was stored before: counted once`),
    );
  }
  for (const rejection of ingested.rejected) {
    results.set(rejection.index, (entry) => {
      const problems =
        rejection.errors.length === 0
          ? [{ line: entry.line, field: fieldOf(rejection.path), message: rejection.reason }]
          : rejection.errors.map((error) => ({
              line: entry.line,
              field: fieldOf(error.path),
              message: error.message,
            }));
      return {
        ...refused(problems[0] as UsageFileProblem, entry.event),
        reason: problems.map(describeUsageProblem).join("; "),
      };
    });
  }
  let next = 0;
  return batch.map((entry) => {
    if (entry.problem !== undefined) return refused(entry.problem, entry.event);
    const index = next;
    next += 1;
    const result = results.get(index);
    if (result === undefined)
      throw new Error(`Ingestion gave no outcome for the event of line ${entry.line}.`);
    return result(entry);
  });
}
