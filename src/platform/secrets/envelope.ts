// Envelope encryption of the secrets Fairbill must keep to use (Stripe's
// keys, webhook signing secrets, the tax provider's and single sign-on's
// client secrets): each organization has a data key, stored wrapped
// (AES-256-GCM) by the server's master key, which is never in the database;
// each secret is sealed with its organization's data key (AES-256-GCM, the
// organization bound in as associated data). A stored secret reads
// `fbenc1:<data key id>:<base64 of nonce, tag, ciphertext>`.
//
// `rotateStoredSecrets` gives every organization a new data key wrapped by the
// current master key, seals every stored secret again with it, and deletes
// the old data keys, so a master key replaced before it is no longer needed.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Database, Timestamp } from "../database/schema.ts";
import { FairbillError } from "../errors.ts";
import { newId } from "../ids.ts";
import { currentKeyRing, type KeyRing } from "./key-ring.ts";

declare module "../database/schema.ts" {
  interface DatabaseSchema {
    organization_data_keys: {
      id: string;
      organization_id: string;
      /** The id of the master key that wraps it (see key-ring.ts). */
      master_key_id: string;
      /** base64 of nonce (12 bytes), tag (16 bytes) and the wrapped key. */
      wrapped_key: string;
      created_at: Timestamp;
    };
  }
}

const sealedPrefix = "fbenc1:";

/** Whether a stored value is sealed (not a secret written in plain text before encryption at rest). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(sealedPrefix);
}

// Unwrapped data keys by id: a data key never changes, it is only replaced.
const unwrappedDataKeys = new Map<string, Buffer>();

/** Drops the unwrapped data keys kept in memory, so the next use unwraps with the master keys of now. */
export function forgetUnwrappedDataKeys(): void {
  unwrappedDataKeys.clear();
}

/** Seals a secret with its organization's data key, creating the key on the organization's first secret. */
export async function sealSecret(
  database: Database,
  organizationId: string,
  plaintext: string,
): Promise<string> {
  const dataKey = await currentDataKey(database, organizationId);
  return sealWith(dataKey, organizationId, plaintext);
}

/** Seals a secret that may be absent. */
export async function sealOptionalSecret(
  database: Database,
  organizationId: string,
  plaintext: string | null,
): Promise<string | null> {
  return plaintext === null ? null : sealSecret(database, organizationId, plaintext);
}

/** The secret a stored value holds; a value stored before encryption at rest is returned as it is. */
export async function openSecret(
  database: Database,
  organizationId: string,
  stored: string,
): Promise<string> {
  if (!isSealed(stored)) return stored;
  const [dataKeyId, sealed] = stored.slice(sealedPrefix.length).split(":");
  if (dataKeyId === undefined || sealed === undefined)
    throw unreadableSecret(organizationId, "it is cut short");
  const key = await dataKeyById(database, organizationId, dataKeyId);
  return openWith(key, organizationId, sealed);
}

type DataKey = { id: string; key: Buffer };

function sealWith(dataKey: DataKey, organizationId: string, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, nonce);
  cipher.setAAD(Buffer.from(organizationId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64");
  return `${sealedPrefix}${dataKey.id}:${sealed}`;
}

function openWith(key: Buffer, organizationId: string, sealed: string): string {
  const bytes = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(organizationId));
  decipher.setAuthTag(bytes.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw unreadableSecret(
      organizationId,
      "it does not decrypt with its data key (changed, or moved between organizations)",
    );
  }
}

async function currentDataKey(database: Database, organizationId: string): Promise<DataKey> {
  const row = await database
    .selectFrom("organization_data_keys")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (row !== undefined) return { id: row.id, key: unwrapRow(row, currentKeyRing()) };
  return createDataKey(database, organizationId, currentKeyRing());
}

async function createDataKey(database: Database, organizationId: string, keyRing: KeyRing): Promise<DataKey> {
  const [masterKey] = keyRing.masterKeys;
  if (masterKey === undefined) throw unreadableSecret(organizationId, "no master key is configured");
  const id = newId("dataKey");
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey.key, nonce);
  cipher.setAAD(Buffer.from(`${id}:${organizationId}`));
  const encrypted = Buffer.concat([cipher.update(key), cipher.final()]);
  const wrappedKey = Buffer.concat([nonce, cipher.getAuthTag(), encrypted]).toString("base64");
  await database
    .insertInto("organization_data_keys")
    .values({
      id,
      organization_id: organizationId,
      master_key_id: masterKey.id,
      wrapped_key: wrappedKey,
      // The order of an organization's keys: the newest seals.
      created_at: new Date(),
    })
    .execute();
  unwrappedDataKeys.set(id, key);
  return { id, key };
}

async function dataKeyById(database: Database, organizationId: string, dataKeyId: string): Promise<Buffer> {
  const cached = unwrappedDataKeys.get(dataKeyId);
  if (cached !== undefined) return cached;
  const row = await database
    .selectFrom("organization_data_keys")
    .selectAll()
    .where("id", "=", dataKeyId)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  if (row === undefined) throw unreadableSecret(organizationId, `its data key ${dataKeyId} is gone`);
  return unwrapRow(row, currentKeyRing());
}

function unwrapRow(
  row: { id: string; organization_id: string; master_key_id: string; wrapped_key: string },
  keyRing: KeyRing,
): Buffer {
  const cached = unwrappedDataKeys.get(row.id);
  if (cached !== undefined) return cached;
  const masterKey = keyRing.masterKeys.find((candidate) => candidate.id === row.master_key_id);
  if (masterKey === undefined) {
    throw unreadableSecret(
      row.organization_id,
      `its data key is wrapped by master key ${row.master_key_id}, which this server does not have ` +
        "(set FAIRBILL_MASTER_KEY, or list it in FAIRBILL_PREVIOUS_MASTER_KEYS until fairbill secrets rotate)",
    );
  }
  const bytes = Buffer.from(row.wrapped_key, "base64");
  const decipher = createDecipheriv("aes-256-gcm", masterKey.key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${row.id}:${row.organization_id}`));
  decipher.setAuthTag(bytes.subarray(12, 28));
  let key: Buffer;
  try {
    key = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  } catch {
    throw unreadableSecret(row.organization_id, `its data key ${row.id} does not unwrap with its master key`);
  }
  unwrappedDataKeys.set(row.id, key);
  return key;
}

function unreadableSecret(organizationId: string, why: string): FairbillError {
  return new FairbillError({
    code: "secret_unreadable",
    status: 500,
    detail: `A stored secret of organization ${organizationId} cannot be read: ${why}.`,
  });
}

/** A column of a domain's table that holds sealed secrets, and the row's key and organization. */
export type SecretColumns = { table: string; idColumns: string[]; columns: string[] };

export type SecretRotation = { organizations: number; secrets: number; dataKeysDeleted: number };

/**
 * Gives each organization a new data key under the current master key, seals
 * every secret in `secretColumns` again with it (a secret still in plain text
 * is sealed for the first time), and deletes the organization's older data
 * keys, one organization per transaction.
 */
export async function rotateStoredSecrets(
  database: Database,
  secretColumns: SecretColumns[],
): Promise<SecretRotation> {
  const keyRing = currentKeyRing();
  const organizationIds = new Set<string>();
  for (const row of await database.selectFrom("organization_data_keys").select("organization_id").execute())
    organizationIds.add(row.organization_id);
  for (const { table } of secretColumns) {
    const rows = await sql<{
      organization_id: string;
    }>`select distinct organization_id from ${sql.table(table)}`.execute(database);
    for (const row of rows.rows) organizationIds.add(row.organization_id);
  }
  const rotation: SecretRotation = { organizations: 0, secrets: 0, dataKeysDeleted: 0 };
  for (const organizationId of [...organizationIds].sort()) {
    await database.transaction().execute(async (transaction) => {
      const newKey = await createDataKey(transaction, organizationId, keyRing);
      for (const { table, idColumns, columns } of secretColumns) {
        const rows = await sql<Record<string, string | null>>`select ${sql.join(
          [...idColumns, ...columns].map((column) => sql.ref(column)),
        )} from ${sql.table(table)} where organization_id = ${organizationId} for update`.execute(
          transaction,
        );
        for (const row of rows.rows) {
          const sets = [];
          for (const column of columns) {
            const stored = row[column];
            if (stored === null || stored === undefined) continue;
            const plaintext = await openSecret(transaction, organizationId, stored);
            sets.push(sql`${sql.ref(column)} = ${sealWith(newKey, organizationId, plaintext)}`);
            rotation.secrets += 1;
          }
          if (sets.length === 0) continue;
          const matches = idColumns.map((column) => sql`${sql.ref(column)} = ${row[column]}`);
          await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.join(matches, sql` and `)}`.execute(
            transaction,
          );
        }
      }
      const deleted = await transaction
        .deleteFrom("organization_data_keys")
        .where("organization_id", "=", organizationId)
        .where("id", "<>", newKey.id)
        .executeTakeFirst();
      rotation.dataKeysDeleted += Number(deleted.numDeletedRows);
      rotation.organizations += 1;
    });
  }
  return rotation;
}

/**
 * Seals every secret in `secretColumns` still stored readable (written before
 * its column was encrypted at rest) with its organization's current data key,
 * one organization per transaction; returns how many it sealed. The step that
 * follows the SQL migrations at every start (the master key is not in the
 * database, so SQL cannot do it); with nothing left to seal it only reads.
 */
export async function sealPlaintextSecrets(
  database: Database,
  secretColumns: SecretColumns[],
): Promise<number> {
  if (secretColumns.length === 0) return 0;
  const readableOf = (columns: string[]) =>
    sql.join(
      columns.map(
        (column) =>
          sql`(${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${sealedPrefix}%`})`,
      ),
      sql` or `,
    );
  // Which organizations have a readable secret in which table, for every table in one query: at
  // every start, where there is nothing to seal, one round trip rather than one a table.
  const found = await sql<{ table_name: string; organization_id: string }>`${sql.join(
    secretColumns.map(
      ({ table, columns }) =>
        sql`select distinct ${table}::text as table_name, organization_id from ${sql.table(table)} where ${readableOf(columns)}`,
    ),
    sql` union all `,
  )}`.execute(database);
  let sealedCount = 0;
  for (const { table, idColumns, columns } of secretColumns) {
    const readable = readableOf(columns);
    const organizations = found.rows.filter((row) => row.table_name === table);
    for (const { organization_id: organizationId } of organizations) {
      await database.transaction().execute(async (transaction) => {
        const rows = await sql<Record<string, string | null>>`select ${sql.join(
          [...idColumns, ...columns].map((column) => sql.ref(column)),
        )} from ${sql.table(table)} where organization_id = ${organizationId} and (${readable}) for update`.execute(
          transaction,
        );
        for (const row of rows.rows) {
          const sets = [];
          for (const column of columns) {
            const stored = row[column];
            if (stored === null || stored === undefined || isSealed(stored)) continue;
            sets.push(sql`${sql.ref(column)} = ${await sealSecret(transaction, organizationId, stored)}`);
            sealedCount += 1;
          }
          const matches = idColumns.map((column) => sql`${sql.ref(column)} = ${row[column]}`);
          await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.join(matches, sql` and `)}`.execute(
            transaction,
          );
        }
      });
    }
  }
  return sealedCount;
}
