// The JSON shapes of imports on the API: the request (which system, how to
// reach it, a dry run or not), the import with its progress and counts, and
// the report's records (created, skipped or refused, with the reason).
import { type Static, Type } from "typebox";
import { BodyWithReason, ReasonText } from "../platform/http/reason.ts";
import { queuedRunFields } from "../platform/http/schema-fragments.ts";
import { IdParams, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { maximumUsageEvents } from "./usage-file.ts";

const importOutcomes = ["created", "skipped", "refused"] as const;

export const CreateImportBody = BodyWithReason({
  source: StringEnum(["stripe", "lago", "csv", "usage"], {
    description:
      "the system imported from: stripe (give stripe), lago (give lago), a CSV file in a template of docs/imports.md (give csv), " +
      "or a file of past usage events to backfill (give usage)",
  }),
  dry_run: Type.Optional(
    Type.Boolean({
      description:
        "true: read the source and report what would be created, skipped and refused; change nothing",
    }),
  ),
  stripe: Type.Optional(
    StrictObject(
      {
        secret_key: Type.String({
          minLength: 1,
          maxLength: 255,
          description:
            "a secret or restricted key that may read the account (kept sealed until the import ends)",
        }),
        api_base_url: Type.Optional(
          Type.String({
            format: "uri",
            maxLength: 500,
            description: "Stripe's API address; Stripe's own when left out",
          }),
        ),
      },
      { description: "how to read the Stripe account" },
    ),
  ),
  lago: Type.Optional(
    StrictObject(
      {
        api_url: Type.String({
          format: "uri",
          maxLength: 500,
          description:
            "where Lago's API answers, without /api/v1: https://api.getlago.com, or a self-hosted Lago's API address",
        }),
        api_key: Type.String({
          minLength: 1,
          maxLength: 255,
          description: "an API key of the Lago organization (kept sealed until the import ends)",
        }),
      },
      { description: "how to read the Lago organization" },
    ),
  ),
  csv: Type.Optional(
    StrictObject(
      {
        object: StringEnum(["customers", "subscriptions"], {
          description: "which template the file follows",
        }),
        text: Type.String({
          minLength: 1,
          maxLength: 5_000_000,
          description: "the file, a header row first",
        }),
        atomic: Type.Optional(
          Type.Boolean({
            description:
              "true: a file with any problem imports nothing (default false: the good rows are imported)",
          }),
        ),
      },
      { description: "a CSV file in one of the templates of docs/imports.md" },
    ),
  ),
  usage: Type.Optional(
    StrictObject(
      {
        format: StringEnum(["ndjson", "csv"], {
          description:
            "ndjson: one event a line, as POST /v1/events takes it; csv: a header row of id, customer, name, " +
            "timestamp and properties.<key> columns, then an event a row",
        }),
        text: Type.String({
          minLength: 1,
          maxLength: 5_000_000,
          description: `the file, at most ${maximumUsageEvents.toLocaleString("en-US")} events`,
        }),
      },
      {
        description:
          "past usage events, ingested as POST /v1/events/backfill takes them: each event id is stored once, " +
          "so a rerun skips what was stored",
      },
    ),
  ),
});
export type CreateImportInput = Static<typeof CreateImportBody>;

export const ImportSchema = Type.Object(
  {
    id: PrefixedId("imp"),
    source: Type.String(),
    dry_run: Type.Boolean(),
    csv_object: Nullable(Type.String({ description: "for a CSV import: the template of its file" })),
    usage_format: Nullable(Type.String({ description: "for a usage import: its file's format" })),
    atomic: Type.Boolean({
      description: "for a CSV import: whether a file with any problem imports nothing",
    }),
    status: StringEnum(["queued", "running", "completed", "failed"]),
    records_total: Type.Integer({ description: "source records (and their parts) the import looks at" }),
    records_done: Type.Integer(),
    created: Type.Integer({ description: "records that became Fairbill objects (in a dry run: would)" }),
    skipped: Type.Integer({
      description: "records already imported, or with nothing to import (ended, archived)",
    }),
    refused: Type.Integer({ description: "records left for a person, each with the reason" }),
    failure: Nullable(Type.String()),
    ...queuedRunFields,
  },
  { title: "Import" },
);
export type Import = Static<typeof ImportSchema>;

export const ImportRecordSchema = Type.Object(
  {
    position: Type.Integer(),
    source_type: Type.String({ description: "such as customer, price_set, coupon, subscription, discount" }),
    source_id: Type.String(),
    outcome: StringEnum(importOutcomes),
    fairbill_id: Nullable(Type.String({ description: "the Fairbill object it became or already was" })),
    reason: Nullable(Type.String()),
    source_record: Type.Unknown({ description: "the source record as read, when refused; otherwise null" }),
    resolution: Nullable(
      Type.Object(
        { reason: Type.String(), resolved_by: Type.String(), resolved_at: Timestamp },
        { description: "a person's decision about a refused record, with the reason; null until resolved" },
      ),
    ),
  },
  { title: "ImportRecord" },
);

export const ImportRecordParams = Type.Object({
  id: IdParams.properties.id,
  position: Type.Integer({ minimum: 0, description: "the record's position in the import's report" }),
});

export const ResolveImportRecordBody = StrictObject({
  reason: ReasonText(
    "what a person decided about the refused record (made it by hand, not needed in Fairbill); kept with it and in the audit log",
  ),
});
export type ImportRecord = Static<typeof ImportRecordSchema>;

/** `limit` (up to 500) and `cursor` of a report read a page at a time: an import's records, a parallel run's invoices and differences. */
export const reportPageFields = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const ImportRecordQuery = StrictObject({
  outcome: Type.Optional(StringEnum(importOutcomes)),
  ...reportPageFields,
});
export type ImportRecordFilters = Static<typeof ImportRecordQuery>;
