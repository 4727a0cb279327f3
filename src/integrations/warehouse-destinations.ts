// Where an environment's data is exported to, and how often. The S3 secret
// and the warehouse database's connection string are sealed with the
// organization's data key and never returned; their hosts are checked as
// every outgoing target is. A new destination's first
// export is queued with it; each export queues the next.
import type { Selectable } from "kysely";
import { recordCreation } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import type { WarehouseDestinationTable } from "./tables.ts";
import type { CreateWarehouseDestinationInput, WarehouseDestinationView } from "./warehouse-schemas.ts";

export type WarehouseDestinationRow = Selectable<WarehouseDestinationTable>;

/** The sealed columns of destinations (the S3 secret, the warehouse database's connection string), for `fairbill secrets rotate`. */
export const warehouseSecretColumns: SecretColumns = {
  table: "warehouse_destinations",
  idColumns: ["id"],
  columns: ["s3_secret_access_key", "postgres_url"],
};

/** The warehouse database's host is checked as every outgoing target is (its scheme is PostgreSQL's, not HTTP's). */
async function checkPostgresUrl(text: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationFailed([
      { path: "$.postgres.url", message: "is not a connection string (postgres://…)" },
    ]);
  }
  await checkTargetUrl(`http://${url.host}/`, "$.postgres.url");
}

export async function createWarehouseDestination(
  context: RequestContext,
  input: CreateWarehouseDestinationInput,
  queueFirstExport: (transaction: Database, destination: WarehouseDestinationRow) => Promise<unknown>,
): Promise<WarehouseDestinationView> {
  const settingOf: Record<string, unknown> = {
    folder: input.folder_path,
    s3: input.s3,
    postgres: input.postgres,
  };
  const field = { folder: "$.folder_path", s3: "$.s3", postgres: "$.postgres" }[input.kind];
  if (settingOf[input.kind] === undefined)
    throw validationFailed([{ path: field, message: `is required for ${input.kind}` }]);
  const extra = Object.entries({ folder: "$.folder_path", s3: "$.s3", postgres: "$.postgres" }).find(
    ([kind]) => kind !== input.kind && settingOf[kind] !== undefined,
  );
  if (extra !== undefined) throw validationFailed([{ path: extra[1], message: `is only for ${extra[0]}` }]);
  const s3 = input.s3;
  const endpoint =
    s3?.endpoint === undefined ? null : (await checkTargetUrl(s3.endpoint, "$.s3.endpoint")).href;
  if (input.postgres !== undefined) await checkPostgresUrl(input.postgres.url);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(
      transaction,
      context,
      "warehouse_destinations",
      "warehouseDestination",
      now,
      {
        kind: input.kind,
        folder_path: input.folder_path ?? null,
        s3_bucket: s3?.bucket ?? null,
        s3_prefix: s3 === undefined ? null : (s3.prefix ?? ""),
        s3_endpoint: endpoint,
        s3_region: s3?.region ?? null,
        s3_force_path_style: s3 === undefined ? null : (s3.force_path_style ?? false),
        s3_access_key_id: s3?.access_key_id ?? null,
        s3_secret_access_key:
          s3 === undefined
            ? null
            : await sealSecret(transaction, context.organizationId, s3.secret_access_key),
        postgres_url:
          input.postgres === undefined
            ? null
            : await sealSecret(transaction, context.organizationId, input.postgres.url),
        postgres_schema: input.postgres?.schema ?? null,
        formats: JSON.stringify(input.kind === "postgres" ? [] : (input.formats ?? ["parquet", "csv"])),
        every_minutes: input.every_minutes ?? 1440,
        created_at: now,
        updated_at: now,
      },
    );
    const view = presentWarehouseDestination(row);
    await recordCreation(transaction, context, "warehouse_destination", view);
    await queueFirstExport(transaction, row);
    return view;
  });
}

export async function listWarehouseDestinations(
  context: RequestContext,
): Promise<{ data: WarehouseDestinationView[] }> {
  const rows = await selectInTenant(context.database, context, "warehouse_destinations")
    .orderBy("id", "desc")
    .execute();
  return { data: rows.map(presentWarehouseDestination) };
}

export async function findWarehouseDestination(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<WarehouseDestinationRow> {
  return findInTenant(database, scope, "warehouse_destinations", id, "warehouse destination");
}

function presentWarehouseDestination(row: WarehouseDestinationRow): WarehouseDestinationView {
  return {
    id: row.id,
    kind: row.kind,
    folder_path: row.folder_path,
    s3:
      row.s3_bucket === null
        ? null
        : {
            bucket: row.s3_bucket,
            prefix: row.s3_prefix ?? "",
            endpoint: row.s3_endpoint,
            region: row.s3_region ?? "",
            force_path_style: row.s3_force_path_style ?? false,
            access_key_id: row.s3_access_key_id ?? "",
          },
    postgres_schema: row.postgres_schema,
    formats: row.formats,
    every_minutes: row.every_minutes,
    exported_until: row.exported_until?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
