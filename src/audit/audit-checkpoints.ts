// Signed checkpoints of the audit chain: now and then, the sequence and hash
// of each organization's last entry, signed with a key derived from the
// server's audit key. They are kept in the database and appended to a file
// outside it (audit-checkpoints.jsonl in the data folder, or wherever an
// operator copies it), and `verifyAuditChain` checks the chain against every
// one: a chain cut short (entries deleted from the end, the head moved back,
// everything deleted) or recomputed no longer reaches a checkpoint's hash.
import { createHmac, timingSafeEqual } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { canonicalJson } from "../platform/canonical-json.ts";
import type { Database, DatabaseTransaction, Timestamp } from "../platform/database/schema.ts";
import { derivedAuditKey } from "../platform/secrets/key-ring.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    audit_checkpoints: {
      organization_id: string;
      sequence: number;
      hash: string;
      signed_at: Timestamp;
      signature: string;
    };
  }
}

export type AuditCheckpoint = {
  organization_id: string;
  sequence: number;
  hash: string;
  /** ISO time of signing. */
  signed_at: string;
  /** HMAC-SHA-256 of the other fields (canonical JSON), hex. */
  signature: string;
};

/** Where the checkpoints are read from besides the database, and written to. */
export type CheckpointFileOption = { checkpointFile?: string | undefined };

export function signedCheckpoint(fields: Omit<AuditCheckpoint, "signature">): AuditCheckpoint {
  return { ...fields, signature: checkpointSignature(fields) };
}

/** Whether a checkpoint was signed with this server's audit key and not altered since. */
export function checkpointSignatureHolds(checkpoint: AuditCheckpoint): boolean {
  const { signature, ...fields } = checkpoint;
  const expected = Buffer.from(checkpointSignature(fields), "hex");
  const given = Buffer.from(typeof signature === "string" ? signature : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function checkpointSignature(fields: Omit<AuditCheckpoint, "signature">): string {
  return createHmac("sha256", derivedAuditKey("audit checkpoint"))
    .update(
      canonicalJson({
        organization_id: fields.organization_id,
        sequence: fields.sequence,
        hash: fields.hash,
        signed_at: fields.signed_at,
      }),
    )
    .digest("hex");
}

/** Stores a checkpoint in the database and appends it to the file as one JSON line. */
export async function storeCheckpoint(
  transaction: DatabaseTransaction,
  checkpoint: AuditCheckpoint,
  options: CheckpointFileOption,
): Promise<void> {
  await transaction
    .insertInto("audit_checkpoints")
    .values(checkpoint)
    .onConflict((conflicting) => conflicting.columns(["organization_id", "sequence"]).doNothing())
    .execute();
  if (options.checkpointFile !== undefined) {
    mkdirSync(dirname(options.checkpointFile), { recursive: true });
    appendFileSync(options.checkpointFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }
}

/**
 * Every checkpoint of one organization (or of all, when none is named), from
 * the database and from the file, by sequence; the same checkpoint in both
 * counts once.
 */
export async function readAuditCheckpoints(
  database: Database,
  organizationId: string | undefined,
  options: CheckpointFileOption,
): Promise<AuditCheckpoint[]> {
  let query = database.selectFrom("audit_checkpoints").selectAll();
  if (organizationId !== undefined) query = query.where("organization_id", "=", organizationId);
  const rows = await query.execute();
  const checkpoints = rows.map((row) => ({
    organization_id: row.organization_id,
    sequence: Number(row.sequence),
    hash: row.hash,
    signed_at: new Date(row.signed_at).toISOString(),
    signature: row.signature,
  }));
  const seen = new Set(checkpoints.map((checkpoint) => JSON.stringify(checkpoint)));
  for (const checkpoint of checkpointsInFile(options.checkpointFile)) {
    if (organizationId !== undefined && checkpoint.organization_id !== organizationId) continue;
    const key = JSON.stringify(checkpoint);
    if (!seen.has(key)) checkpoints.push(checkpoint);
    seen.add(key);
  }
  return checkpoints.sort((left, right) => left.sequence - right.sequence);
}

function checkpointsInFile(file: string | undefined): AuditCheckpoint[] {
  if (file === undefined || !existsSync(file)) return [];
  const checkpoints: AuditCheckpoint[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      const parsed = JSON.parse(line) as Partial<AuditCheckpoint>;
      checkpoints.push({
        organization_id: String(parsed.organization_id),
        sequence: Number(parsed.sequence),
        hash: String(parsed.hash),
        signed_at: String(parsed.signed_at),
        signature: String(parsed.signature),
      });
    } catch {
      // A line cut short by a crash while appending: the checkpoints around it still count.
    }
  }
  return checkpoints;
}
