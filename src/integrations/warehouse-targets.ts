// Writing an export where its destination says: files into a folder on the
// server, objects into S3-compatible storage (the AWS SDK, its connections
// through the SSRF guard), or rows into a schema of this database (a table
// per dataset, text columns added as datasets grow, each row with its
// export and environment, so that a reader keeps the latest per id).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { sql } from "kysely";
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

/** Appends the datasets' rows to the schema's tables, in one transaction. */
export async function writeExportRows(
  database: Database,
  schema: string,
  exportId: string,
  environmentId: string,
  exportedAt: Date,
  datasets: Readonly<Record<string, readonly PlainRow[]>>,
): Promise<void> {
  await database.transaction().execute(async (transaction) => {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(transaction);
    for (const [dataset, rows] of Object.entries(datasets)) {
      const table = sql.table(`${schema}.${dataset}`);
      await sql`create table if not exists ${table} (
        _export_id text not null, _environment_id text not null, _exported_at timestamptz not null
      )`.execute(transaction);
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      for (const column of columns) {
        await sql`alter table ${table} add column if not exists ${sql.id(column)} text`.execute(transaction);
      }
      // A few hundred rows a statement keeps each under PostgreSQL's limit of parameters.
      const perStatement = Math.max(1, Math.floor(30_000 / (columns.length + 3)));
      for (let first = 0; first < rows.length; first += perStatement) {
        const values = rows.slice(first, first + perStatement).map(
          (row) =>
            sql`(${sql.join([
              exportId,
              environmentId,
              exportedAt,
              ...columns.map((column) => {
                const value = row[column];
                return value === null || value === undefined ? null : String(value);
              }),
            ])})`,
        );
        await sql`insert into ${table} (${sql.join(
          ["_export_id", "_environment_id", "_exported_at", ...columns].map((column) => sql.id(column)),
        )}) values ${sql.join(values)}`.execute(transaction);
      }
    }
  });
}
