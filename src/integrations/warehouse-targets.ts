// Writing an export where its destination says: files into a folder on the
// server, objects into S3-compatible storage (the AWS SDK, its connections
// through the SSRF guard), or rows into a schema of a PostgreSQL warehouse
// (its own connection, never Fairbill's database: a table per dataset, text
// columns added as datasets grow, each row with its export and environment,
// so that a reader keeps the latest per id).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { batchesOf } from "../platform/batches.ts";
import type { PlainRow } from "../platform/database/changed-rows.ts";
import type { Database } from "../platform/database/schema.ts";
import { guardedAgent } from "../platform/outgoing-requests/guarded-connections.ts";
import { openSecret } from "../platform/secrets/envelope.ts";
import type { WarehouseDestinationRow } from "./warehouse-destinations.ts";

export type ExportFile = { name: string; body: Uint8Array; contentType: string };

/** Writes the files under `folder` (the export's own), returning the paths or keys written. */
export async function writeExportFiles(
  database: Database,
  destination: WarehouseDestinationRow,
  folder: string,
  files: readonly ExportFile[],
): Promise<string[]> {
  if (destination.kind === "folder" && destination.folder_path !== null) {
    const directory = join(destination.folder_path, folder);
    await mkdir(directory, { recursive: true });
    for (const file of files) await writeFile(join(directory, file.name), file.body);
    return files.map((file) => join(directory, file.name));
  }
  if (destination.kind === "s3" && destination.s3_bucket !== null) {
    // The S3 SDK is loaded when an export first goes to S3: it is heavy, and most processes never do.
    const { PutObjectCommand } = await import("@aws-sdk/client-s3");
    const client = await s3ClientOf(database, destination);
    try {
      const keys: string[] = [];
      for (const file of files) {
        const key = `${destination.s3_prefix ?? ""}${folder}/${file.name}`;
        await client.send(
          new PutObjectCommand({
            Bucket: destination.s3_bucket,
            Key: key,
            Body: file.body,
            ContentType: file.contentType,
          }),
        );
        keys.push(key);
      }
      return keys;
    } finally {
      client.destroy();
    }
  }
  return [];
}

async function s3ClientOf(database: Database, destination: WarehouseDestinationRow): Promise<S3Client> {
  const secret =
    destination.s3_secret_access_key === null
      ? ""
      : await openSecret(database, destination.organization_id, destination.s3_secret_access_key);
  const { S3Client } = await import("@aws-sdk/client-s3");
  return new S3Client({
    region: destination.s3_region ?? "us-east-1",
    ...(destination.s3_endpoint === null ? {} : { endpoint: destination.s3_endpoint }),
    forcePathStyle: destination.s3_force_path_style ?? false,
    credentials: { accessKeyId: destination.s3_access_key_id ?? "", secretAccessKey: secret },
    requestHandler: {
      httpAgent: guardedAgent("http"),
      httpsAgent: guardedAgent("https"),
      requestTimeout: 30_000,
    },
  });
}

/** Appends the datasets' rows to the warehouse schema's tables, in one transaction of the warehouse. */
export async function writeExportRows(
  database: Database,
  destination: WarehouseDestinationRow,
  exportId: string,
  environmentId: string,
  exportedAt: Date,
  datasets: Readonly<Record<string, readonly PlainRow[]>>,
): Promise<void> {
  if (destination.postgres_url === null || destination.postgres_schema === null) return;
  const connectionString = await openSecret(database, destination.organization_id, destination.postgres_url);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  const identifier = (name: string) => client.escapeIdentifier(name);
  const schema = identifier(destination.postgres_schema);
  await client.connect();
  try {
    await client.query("begin");
    await client.query(`create schema if not exists ${schema}`);
    for (const [dataset, rows] of Object.entries(datasets)) {
      const table = `${schema}.${identifier(dataset)}`;
      await client.query(
        `create table if not exists ${table} (_export_id text not null, _environment_id text not null, _exported_at timestamptz not null)`,
      );
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      for (const column of columns) {
        await client.query(`alter table ${table} add column if not exists ${identifier(column)} text`);
      }
      const names = ["_export_id", "_environment_id", "_exported_at", ...columns].map(identifier).join(", ");
      // A few hundred rows a statement keeps each under PostgreSQL's limit of parameters.
      const perStatement = Math.max(1, Math.floor(30_000 / (columns.length + 3)));
      for (const batch of batchesOf(rows, perStatement)) {
        const values: (string | null)[] = [];
        const tuples = batch.map((row) => {
          const cells = [
            exportId,
            environmentId,
            exportedAt.toISOString(),
            ...columns.map((column) => textOf(row[column])),
          ];
          const placeholders = cells.map((cell) => {
            values.push(cell);
            return `$${values.length}`;
          });
          return `(${placeholders.join(", ")})`;
        });
        await client.query(`insert into ${table} (${names}) values ${tuples.join(", ")}`, values);
      }
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function textOf(value: PlainRow[string] | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
