// Writing rollup cells to the hourly rollup tables: one multi-row statement
// per table and batch (the rows travel as one JSON document, or as arrays,
// unpacked server-side), in a fixed row order so that concurrent batches
// queue on shared rows instead of deadlocking.
import { sql } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { compareText, type RollupCell } from "./rollup-cells.ts";

/**
 * Adds cells to the rollups: new rows are inserted, existing ones grow (counts
 * and sums add up, the maximum and the latest value are kept or replaced).
 * Adding, never overwriting, is also what keeps a recomputed hour right when
 * a batch of events lands in it meanwhile: the batch's row, inserted after the
 * old rows were deleted, only ever holds the batch's own events.
 */
export async function addRollupCells(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  cells: readonly RollupCell[],
): Promise<void> {
  if (cells.length === 0) return;
  const document = JSON.stringify(
    cells.map((cell) => ({
      meter_id: cell.key.meterId,
      customer: cell.key.customerExternalId,
      hour_start: new Date(cell.key.bucketStart).toISOString(),
      meter_version: cell.key.meterVersion,
      dimension_key: cell.key.dimensionKey,
      ...cell.columns(),
    })),
  );
  await sql`
    insert into usage_rollups (
      environment_id, organization_id, meter_id, customer_external_id, hour_start, meter_version,
      dimension_key, event_count, value_sum, value_max, latest_at, latest_value, weighted_change)
    select ${scope.environmentId}, ${scope.organizationId}, cell.meter_id, cell.customer, cell.hour_start,
      cell.meter_version, cell.dimension_key, cell.event_count, cell.value_sum, cell.value_max, cell.latest_at,
      cell.latest_value, cell.weighted_change
    from json_to_recordset(${document}::json) as cell(
      meter_id text, customer text, hour_start timestamptz, meter_version int, dimension_key text,
      event_count bigint, value_sum numeric, value_max numeric, latest_at timestamptz, latest_value numeric,
      weighted_change numeric)
    on conflict (environment_id, meter_id, customer_external_id, hour_start, meter_version, dimension_key)
    do update set
      event_count = usage_rollups.event_count + excluded.event_count,
      value_sum = usage_rollups.value_sum + excluded.value_sum,
      value_max = greatest(usage_rollups.value_max, excluded.value_max),
      latest_value = case when usage_rollups.latest_at is null or excluded.latest_at >= usage_rollups.latest_at
        then excluded.latest_value else usage_rollups.latest_value end,
      latest_at = greatest(usage_rollups.latest_at, excluded.latest_at),
      weighted_change = usage_rollups.weighted_change + excluded.weighted_change`.execute(transaction);
}

/** Records the distinct values of unique_count cells; a value already recorded for the hour stays once. */
export async function writeUniqueValues(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  cells: readonly RollupCell[],
): Promise<void> {
  const rows: { cell: RollupCell; valueKey: string }[] = [];
  for (const cell of cells) {
    for (const valueKey of [...cell.uniqueKeys].sort(compareText)) rows.push({ cell, valueKey });
  }
  if (rows.length === 0) return;
  await sql`
    insert into usage_unique_values (
      environment_id, organization_id, meter_id, customer_external_id, hour_start, meter_version,
      dimension_key, value_key)
    select ${scope.environmentId}, ${scope.organizationId}, value.*
    from unnest(
      ${rows.map((row) => row.cell.key.meterId)}::text[],
      ${rows.map((row) => row.cell.key.customerExternalId)}::text[],
      ${rows.map((row) => new Date(row.cell.key.bucketStart).toISOString())}::timestamptz[],
      ${rows.map((row) => row.cell.key.meterVersion)}::int[],
      ${rows.map((row) => row.cell.key.dimensionKey)}::text[],
      ${rows.map((row) => row.valueKey)}::text[]) as value
    on conflict do nothing`.execute(transaction);
}

/** Removes a meter's rollups (and distinct values) of one customer's hours, before they are recomputed. */
export async function deleteRollupHours(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  target: { meterId: string; customerExternalId: string; hourStarts: readonly Date[] },
): Promise<void> {
  for (const table of ["usage_rollups", "usage_unique_values"] as const) {
    await transaction
      .deleteFrom(table)
      .where("environment_id", "=", scope.environmentId)
      .where("meter_id", "=", target.meterId)
      .where("customer_external_id", "=", target.customerExternalId)
      .where("hour_start", "in", [...target.hourStarts])
      .execute();
  }
}
