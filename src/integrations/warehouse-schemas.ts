// The JSON shapes of warehouse exports on the API: destinations (whose S3
// secret is written and never read back) and the exports made, each with its
// manifest.
import { type Static, Type } from "typebox";
import { Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { warehouseDestinationKinds, warehouseFormats } from "./tables.ts";

const S3Settings = StrictObject({
  bucket: Type.String({
    minLength: 3,
    maxLength: 63,
    pattern: "^[a-z0-9][a-z0-9.-]+[a-z0-9]$",
    examples: ["fairbill-exports"],
  }),
  prefix: Type.Optional(
    Type.String({ maxLength: 500, description: "the start of every key, such as fairbill/" }),
  ),
  endpoint: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      description: "an S3-compatible service's address; AWS's when left out",
    }),
  ),
  region: Type.String({ minLength: 1, maxLength: 50, examples: ["eu-west-1"] }),
  force_path_style: Type.Optional(
    Type.Boolean({ description: "bucket in the path, as most S3-compatible services want" }),
  ),
  access_key_id: Type.String({ minLength: 1, maxLength: 200 }),
  secret_access_key: Type.String({
    minLength: 1,
    maxLength: 500,
    description: "stored encrypted and never shown again",
  }),
});

export const CreateWarehouseDestinationBody = StrictObject({
  kind: StringEnum(warehouseDestinationKinds, {
    description:
      "folder: a folder on the server; s3: S3-compatible object storage; postgres: a schema of a PostgreSQL warehouse",
  }),
  folder_path: Type.Optional(
    Type.String({
      minLength: 2,
      maxLength: 1000,
      pattern: "^/",
      description: "folder: an absolute path on the server",
      examples: ["/var/lib/fairbill/warehouse"],
    }),
  ),
  s3: Type.Optional(S3Settings),
  postgres: Type.Optional(
    StrictObject({
      url: Type.String({
        minLength: 1,
        maxLength: 2000,
        pattern: "^postgres(ql)?://",
        description: "the warehouse database (postgres://user:password@host:5432/database); stored encrypted",
        examples: ["postgres://warehouse:secret@warehouse.example.com:5432/analytics"],
      }),
      schema: Type.String({
        pattern: "^[a-z_][a-z0-9_]{0,62}$",
        description: "the schema the datasets' tables are kept in (made when missing)",
        examples: ["fairbill"],
      }),
    }),
  ),
  formats: Type.Optional(
    Type.Array(StringEnum(warehouseFormats), {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      description: "folder and s3: the files' formats; parquet and csv unless told",
    }),
  ),
  every_minutes: Type.Optional(
    Type.Integer({
      minimum: 5,
      maximum: 10080,
      description: "how often an export runs; 1440 (daily) unless told",
    }),
  ),
});
export type CreateWarehouseDestinationInput = Static<typeof CreateWarehouseDestinationBody>;

export const WarehouseDestinationSchema = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(warehouseDestinationKinds),
    folder_path: Nullable(Type.String()),
    s3: Nullable(
      Type.Object({
        bucket: Type.String(),
        prefix: Type.String(),
        endpoint: Nullable(Type.String()),
        region: Type.String(),
        force_path_style: Type.Boolean(),
        access_key_id: Type.String(),
      }),
    ),
    postgres_schema: Nullable(Type.String()),
    formats: Type.Array(StringEnum(warehouseFormats)),
    every_minutes: Type.Integer(),
    exported_until: Nullable({
      ...Timestamp,
      description: "everything changed up to here has been exported",
    }),
    created_at: Timestamp,
  },
  { title: "WarehouseDestination" },
);
export type WarehouseDestinationView = Static<typeof WarehouseDestinationSchema>;

export const WarehouseExportSchema = Type.Object(
  {
    id: Type.String(),
    destination_id: Type.String(),
    cursor_from: Nullable(Timestamp),
    cursor_to: Timestamp,
    datasets: Type.Array(
      Type.Object({
        name: Type.String(),
        rows: Type.Integer({ minimum: 0 }),
        files: Type.Array(Type.String(), { description: "paths or keys written (none for postgres)" }),
      }),
    ),
    created_at: Timestamp,
  },
  { title: "WarehouseExport" },
);
export type WarehouseExportView = Static<typeof WarehouseExportSchema>;

export const QueuedExportSchema = Type.Object({ queued: Type.Boolean(), job_id: Type.String() });
