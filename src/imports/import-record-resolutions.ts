// A person's decision about a record an import refused (made by hand, or not
// needed in Fairbill), with the reason. The importer never guesses where the
// source has no exact equivalent; a resolution closes the record for the
// cut-over checklist, which counts an import whose refused records are all
// resolved as clean. Resolving is audited.
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound } from "../platform/errors.ts";
import type { ImportRecord } from "./import-schemas.ts";
import { findImportRow, presentRecord, resolutionsOf } from "./imports.ts";

/** Resolves a refused record of the import with a reason, once. */
export async function resolveImportRecord(
  context: RequestContext,
  importId: string,
  position: number,
  reason: string,
): Promise<ImportRecord> {
  if ((await findImportRow(context, importId)) === undefined) throw notFound("import", importId);
  const record = await selectInTenant(context.database, context, "import_records")
    .where("import_id", "=", importId)
    .where("position", "=", position)
    .executeTakeFirst();
  if (record === undefined) throw notFound(`record of import ${importId} at position`, String(position));
  if (record.outcome !== "refused")
    throw conflict(
      "import_record_not_refused",
      `Record ${position} of import ${importId} was ${record.outcome}: only a refused record waits for a person's decision.`,
    );
  const actor = describeActor(context.actor);
  await context.database.transaction().execute(async (transaction) => {
    const inserted = await transaction
      .insertInto("import_record_resolutions")
      .values({
        import_id: importId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        position,
        reason,
        resolved_by: actor.person?.name ?? actor.id,
        resolved_at: context.clock.now(),
      })
      .onConflict((conflicting) => conflicting.columns(["import_id", "position"]).doNothing())
      .returning("position")
      .executeTakeFirst();
    if (inserted === undefined)
      throw conflict(
        "import_record_already_resolved",
        `Record ${position} of import ${importId} is resolved already.`,
      );
    await recordAuditEvent(
      transaction,
      { ...context, reason },
      {
        action: "import.record_resolved",
        objectType: "import",
        objectId: importId,
        before: null,
        after: { position, source_type: record.source_type, source_id: record.source_id, reason },
      },
    );
  });
  return presentRecord(record, (await resolutionsOf(context, importId)).get(position));
}
