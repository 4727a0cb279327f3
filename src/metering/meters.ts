// Meter use cases: create, read, list, rename, edit a definition that has not
// counted anything yet, and add a version when it has. Other domains reach
// meters through the functions exported here.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import { parseInstant } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, type FieldError, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { checkMeterDefinition, type MeterDefinition, sameDefinition } from "./meter-definition.ts";
import { recountMeter } from "./meter-recount.ts";
import type {
  CreateMeterInput,
  CreateMeterVersionInput,
  MeterListFilters,
  MeterVersionView,
  MeterView,
  UpdateMeterInput,
} from "./meter-schemas.ts";
import { announceMeterVersionsChanged, definitionOf, loadVersionsOfMeter } from "./meter-versions.ts";
import { lockMeteringExclusive } from "./metering-locks.ts";
import { readMeteringSettings } from "./metering-settings.ts";
import { isStorableText, unstorableTextMessage, unstorableTextPaths } from "./stored-text.ts";
import type { MeterTable, MeterVersionTable } from "./tables.ts";

type MeterRow = Selectable<MeterTable>;
type VersionRow = Selectable<MeterVersionTable>;

const millisecondsPerDay = 86_400_000;

export async function createMeter(context: RequestContext, input: CreateMeterInput): Promise<MeterView> {
  const definition: MeterDefinition = {
    event_name: input.event_name,
    aggregation: input.aggregation,
    property: input.property ?? null,
    filters: input.filters ?? {},
    group_by: input.group_by ?? [],
  };
  const now = context.clock.now();
  const errors = [...checkMeterDefinition(input.code, definition), ...textErrors(input)];
  const explicitStart = input.effective_from === undefined ? undefined : parseInstant(input.effective_from);
  if (input.effective_from !== undefined && explicitStart === undefined) {
    errors.push({
      path: "$.effective_from",
      message: "must be an RFC 3339 timestamp such as 2026-01-15T00:00:00Z",
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
  try {
    return await context.database.transaction().execute(async (transaction) => {
      await lockMeteringExclusive(transaction, context.environmentId);
      const settings = await readMeteringSettings(transaction, context);
      const effectiveFrom = new Date(
        explicitStart ?? now.getTime() - settings.event_past_window_days * millisecondsPerDay,
      );
      const meterId = newId("meter", now);
      await transaction
        .insertInto("meters")
        .values({
          id: meterId,
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          display_decimals: input.display_decimals ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await insertVersion(transaction, context, meterId, 1, definition, effectiveFrom, now);
      await announceMeterVersionsChanged(transaction, context);
      await recountMeter(
        transaction,
        context,
        { id: meterId, code: input.code, versions: await loadVersionsOfMeter(transaction, context, meterId) },
        effectiveFrom.getTime(),
      );
      const meter = await presentMeter(transaction, context, meterId, now);
      return recordCreation(transaction, context, "meter", meter);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        "meter_code_taken",
        `A meter with code "${input.code}" already exists in this environment.`,
        [{ path: "$.code", message: "is already used by another meter" }],
      );
    }
    throw error;
  }
}

export async function getMeter(context: RequestContext, id: string): Promise<MeterView> {
  return presentMeter(context.database, context, id, context.clock.now());
}

export async function listMeters(
  context: RequestContext,
  filters: MeterListFilters,
  page: PageRequest,
): Promise<MeterView[]> {
  let query = newestFirstPage(selectMeter(context.database, context), page);
  if (filters.code !== undefined) query = query.where("code", "=", filters.code);
  if (filters.event_name !== undefined) {
    const eventName = filters.event_name;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("meter_versions")
          .select("version")
          .whereRef("meter_versions.meter_id", "=", "meters.id")
          .where("meter_versions.event_name", "=", eventName),
      ),
    );
  }
  const rows = await query.execute();
  const versions = await selectVersions(
    context.database,
    context,
    rows.map((row) => row.id),
  );
  const now = context.clock.now();
  return rows.map((row) => toMeterView(row, versions.get(row.id) ?? [], now));
}

/**
 * Renames a meter, or changes what its latest version counts. A definition
 * that has counted events cannot change: that would rewrite usage that may
 * already be billed, so the caller is told to add a version instead.
 */
export async function updateMeter(
  context: RequestContext,
  id: string,
  input: UpdateMeterInput,
): Promise<MeterView> {
  const changesDefinition =
    input.event_name !== undefined ||
    input.aggregation !== undefined ||
    input.property !== undefined ||
    input.filters !== undefined ||
    input.group_by !== undefined;
  const textProblems = textErrors(input);
  if (textProblems.length > 0) throw validationFailed(textProblems);
  return context.database.transaction().execute(async (transaction) => {
    if (changesDefinition) await lockMeteringExclusive(transaction, context.environmentId);
    const meterRow = await lockMeter(transaction, context, id);
    const now = context.clock.now();
    const before = await presentMeter(transaction, context, id, now);
    if (input.name !== undefined || input.description !== undefined || input.display_decimals !== undefined) {
      await transaction
        .updateTable("meters")
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.display_decimals !== undefined ? { display_decimals: input.display_decimals } : {}),
          updated_at: now,
        })
        .where("environment_id", "=", context.environmentId)
        .where("id", "=", id)
        .execute();
    }
    if (changesDefinition) {
      const latest = await latestVersion(transaction, context, id);
      const definition = mergeDefinition(definitionOf(latest), input);
      const errors = checkMeterDefinition(meterRow.code, definition);
      if (errors.length > 0) throw validationFailed(errors);
      if (!sameDefinition(definition, definitionOf(latest))) {
        if (await meterHasBilledUsage(transaction, context, id, latest.version)) {
          throw conflict(
            "meter_definition_locked",
            `Meter "${meterRow.code}" has counted usage under version ${latest.version}, so what it counts ` +
              `cannot change. Create a new version with POST /v1/meters/${id}/versions: it takes over from ` +
              "its effective_from and leaves counted usage as it was.",
          );
        }
        await transaction
          .updateTable("meter_versions")
          .set({
            event_name: definition.event_name,
            aggregation: definition.aggregation,
            property: definition.property,
            filters: JSON.stringify(definition.filters),
            group_by: JSON.stringify(definition.group_by),
          })
          .where("environment_id", "=", context.environmentId)
          .where("meter_id", "=", id)
          .where("version", "=", latest.version)
          .execute();
        await announceMeterVersionsChanged(transaction, context);
        await recountChangedMeter(transaction, context, meterRow, latest.effective_from.getTime(), now);
      }
    }
    const after = await presentMeter(transaction, context, id, now);
    await recordObjectChange(transaction, context, "meter", "updated", before, after);
    return after;
  });
}

/**
 * After a change to what a meter counts: the meter is marked updated (at `now`) and its
 * usage from `fromMilliseconds` on is counted again under its versions as they
 * now stand.
 */
async function recountChangedMeter(
  transaction: DatabaseTransaction,
  context: RequestContext,
  meter: { id: string; code: string },
  fromMilliseconds: number,
  now: Date,
): Promise<void> {
  await transaction
    .updateTable("meters")
    .set({ updated_at: now })
    .where("environment_id", "=", context.environmentId)
    .where("id", "=", meter.id)
    .execute();
  const versions = await loadVersionsOfMeter(transaction, context, meter.id);
  await recountMeter(transaction, context, { id: meter.id, code: meter.code, versions }, fromMilliseconds);
}

/**
 * Adds a version (same code, next number) with a changed definition, in effect
 * from `effective_from` (default now). Events from then on count under it;
 * events before stay as their version counted them.
 */
export async function createMeterVersion(
  context: RequestContext,
  id: string,
  input: CreateMeterVersionInput,
): Promise<MeterView> {
  const now = context.clock.now();
  const effectiveFrom =
    input.effective_from === undefined ? now.getTime() : parseInstant(input.effective_from);
  if (effectiveFrom === undefined) {
    throw validationFailed([
      { path: "$.effective_from", message: "must be an RFC 3339 timestamp such as 2026-01-15T00:00:00Z" },
    ]);
  }
  const textProblems = textErrors(input);
  if (textProblems.length > 0) throw validationFailed(textProblems);
  return context.database.transaction().execute(async (transaction) => {
    await lockMeteringExclusive(transaction, context.environmentId);
    const meterRow = await lockMeter(transaction, context, id);
    const before = await presentMeter(transaction, context, id, now);
    const latest = await latestVersion(transaction, context, id);
    const definition = mergeDefinition(definitionOf(latest), input);
    const errors = checkMeterDefinition(meterRow.code, definition);
    if (effectiveFrom <= latest.effective_from.getTime()) {
      errors.push({
        path: "$.effective_from",
        message: `must be after version ${latest.version} starts (${latest.effective_from.toISOString()})`,
      });
    }
    if (errors.length > 0) throw validationFailed(errors);
    await insertVersion(
      transaction,
      context,
      id,
      latest.version + 1,
      definition,
      new Date(effectiveFrom),
      now,
    );
    await announceMeterVersionsChanged(transaction, context);
    await recountChangedMeter(transaction, context, meterRow, effectiveFrom, now);
    const after = await presentMeter(transaction, context, id, now);
    await recordObjectChange(transaction, context, "meter", "version_created", before, after);
    return after;
  });
}

/**
 * True when the meter has counted usage that may be billed (under `version`
 * when given, else under any of its versions). For now that is any event
 * counted; invoicing will narrow it to usage that an issued invoice has billed.
 */
export async function meterHasBilledUsage(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  meterId: string,
  version?: number,
): Promise<boolean> {
  let query = database
    .selectFrom("usage_rollups")
    .select("meter_id")
    .where("environment_id", "=", scope.environmentId)
    .where("meter_id", "=", meterId);
  if (version !== undefined) query = query.where("meter_version", "=", version);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

function mergeDefinition(
  current: MeterDefinition,
  change: Partial<Omit<MeterDefinition, "property">> & { property?: string | null | undefined },
): MeterDefinition {
  const aggregation = change.aggregation ?? current.aggregation;
  // Switching to count drops the property unless the change names one (which is then refused).
  const property =
    change.property !== undefined ? change.property : aggregation === "count" ? null : current.property;
  return {
    event_name: change.event_name ?? current.event_name,
    aggregation,
    property,
    filters: change.filters ?? current.filters,
    group_by: change.group_by ?? current.group_by,
  };
}

async function insertVersion(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  meterId: string,
  version: number,
  definition: MeterDefinition,
  effectiveFrom: Date,
  now: Date,
): Promise<void> {
  await transaction
    .insertInto("meter_versions")
    .values({
      meter_id: meterId,
      version,
      organization_id: scope.organizationId,
      environment_id: scope.environmentId,
      event_name: definition.event_name,
      aggregation: definition.aggregation,
      property: definition.property,
      filters: JSON.stringify(definition.filters),
      group_by: JSON.stringify(definition.group_by),
      effective_from: effectiveFrom,
      created_at: now,
    })
    .execute();
}

async function lockMeter(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  id: string,
): Promise<MeterRow> {
  return findInTenant(transaction, scope, "meters", id, "meter", { lock: true });
}

async function latestVersion(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  meterId: string,
): Promise<VersionRow> {
  return selectInTenant(transaction, scope, "meter_versions")
    .where("meter_id", "=", meterId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

function selectMeter(database: Database | DatabaseTransaction, scope: TenantScope) {
  return selectInTenant(database, scope, "meters");
}

async function selectVersions(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  meterIds: string[],
): Promise<Map<string, VersionRow[]>> {
  const byMeter = new Map<string, VersionRow[]>();
  if (meterIds.length === 0) return byMeter;
  const rows = await selectInTenant(database, scope, "meter_versions")
    .where("meter_id", "in", meterIds)
    .orderBy("version")
    .execute();
  for (const row of rows) {
    const list = byMeter.get(row.meter_id) ?? [];
    list.push(row);
    byMeter.set(row.meter_id, list);
  }
  return byMeter;
}

async function presentMeter(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  id: string,
  now: Date,
): Promise<MeterView> {
  const row = await findInTenant(database, scope, "meters", id, "meter");
  const versions = await selectVersions(database, scope, [id]);
  return toMeterView(row, versions.get(id) ?? [], now);
}

function toMeterView(row: MeterRow, versionRows: VersionRow[], now: Date): MeterView {
  const versions: MeterVersionView[] = versionRows.map((version, index) => ({
    version: version.version,
    ...definitionOf(version),
    effective_from: version.effective_from.toISOString(),
    effective_until: versionRows[index + 1]?.effective_from.toISOString() ?? null,
    created_at: version.created_at.toISOString(),
  }));
  const current =
    versions.findLast((version) => Date.parse(version.effective_from) <= now.getTime()) ?? versions[0];
  if (current === undefined) throw new Error(`meter ${row.id} has no version`);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    display_decimals: row.display_decimals,
    version: current.version,
    event_name: current.event_name,
    aggregation: current.aggregation,
    property: current.property,
    filters: current.filters,
    group_by: current.group_by,
    effective_from: current.effective_from,
    versions,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Text the database cannot store, anywhere in a meter body. */
function textErrors(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(input)) {
    if (typeof value === "string" && !isStorableText(value)) {
      errors.push({ path: `$.${field}`, message: unstorableTextMessage });
    } else if (typeof value === "object" && value !== null) {
      for (const path of unstorableTextPaths(value, `$.${field}`)) {
        errors.push({ path, message: unstorableTextMessage });
      }
    }
  }
  return errors;
}
