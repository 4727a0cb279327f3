// The mappings of a connection: Fairbill's keys (an account role, a tax
// percent, a line's description, a currency, a customer) to the accounting
// system's (an account code, a tax type, an item code, a currency, a contact).
// A sync that needs one that is missing fails to the error queue with the
// key it looked for; adding the mapping and retrying puts it through.
import type { Selectable } from "kysely";
import { recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { findConnection } from "./connections.ts";
import type { MappingView, PutMappingInput } from "./integration-schemas.ts";
import type { IntegrationMappingTable, MappingKind } from "./tables.ts";
import { mappingMissing } from "./vendor-errors.ts";

type MappingRow = Selectable<IntegrationMappingTable>;

export async function putMapping(
  context: RequestContext,
  connectionId: string,
  input: PutMappingInput,
): Promise<MappingView> {
  await findConnection(context.database, context, connectionId);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await selectInTenant(transaction, context, "integration_mappings")
      .where("connection_id", "=", connectionId)
      .where("kind", "=", input.kind)
      .where("fairbill_key", "=", input.fairbill_key)
      .executeTakeFirst();
    const row = await transaction
      .insertInto("integration_mappings")
      .values({
        ...newTenantRow(context, "integrationMapping", now),
        connection_id: connectionId,
        kind: input.kind,
        fairbill_key: input.fairbill_key,
        external_key: input.external_key,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflicting) =>
        conflicting
          .columns(["connection_id", "kind", "fairbill_key"])
          .doUpdateSet({ external_key: input.external_key, updated_at: now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentMapping(row);
    await recordObjectChange(
      transaction,
      context,
      "integration_mapping",
      before === undefined ? "created" : "updated",
      before === undefined ? null : presentMapping(before),
      view,
    );
    return view;
  });
}

export async function listMappings(
  context: RequestContext,
  connectionId: string,
): Promise<{ data: MappingView[] }> {
  await findConnection(context.database, context, connectionId);
  const rows = await selectInTenant(context.database, context, "integration_mappings")
    .where("connection_id", "=", connectionId)
    .orderBy("kind")
    .orderBy("fairbill_key")
    .execute();
  return { data: rows.map(presentMapping) };
}

function presentMapping(row: MappingRow): MappingView {
  return {
    id: row.id,
    connection_id: row.connection_id,
    kind: row.kind,
    fairbill_key: row.fairbill_key,
    external_key: row.external_key,
    updated_at: row.updated_at.toISOString(),
  };
}

/** A connection's mappings as a sync reads them. */
export type Mappings = {
  /** The mapped key, or `fallback` when given, else a mapping_missing failure naming the key. */
  required(kind: MappingKind, key: string, fallback?: string): string;
  optional(kind: MappingKind, key: string): string | null;
  /** The Fairbill key mapped to the system's key (a CRM's product or company id), or null. */
  externalToFairbill(kind: MappingKind, externalKey: string): string | null;
};

export async function loadMappings(
  database: Database,
  scope: TenantScope,
  connectionId: string,
): Promise<Mappings> {
  const rows = await selectInTenant(database, scope, "integration_mappings")
    .where("connection_id", "=", connectionId)
    .execute();
  const byKey = new Map(rows.map((row) => [`${row.kind}\u0000${row.fairbill_key}`, row.external_key]));
  const optional = (kind: MappingKind, key: string) => byKey.get(`${kind}\u0000${key}`) ?? null;
  const byExternalKey = new Map(
    rows.map((row) => [`${row.kind}\u0000${row.external_key}`, row.fairbill_key] as const),
  );
  return {
    optional,
    externalToFairbill: (kind, externalKey) => byExternalKey.get(`${kind}\u0000${externalKey}`) ?? null,
    required(kind, key, fallback) {
      const found = optional(kind, key) ?? fallback;
      if (found === undefined) throw mappingMissing(kind, key);
      return found;
    },
  };
}
