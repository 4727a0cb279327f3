// The audit log: every change to configuration or money objects writes one
// entry, in the same transaction as the change, with who, when, what, the
// before and after state, the reason given and the request id. Entries form a
// hash chain per organization: each entry's hash covers its own content and
// the previous entry's hash, so editing or removing any entry breaks every
// hash after it, and `verifyAuditChain` names every broken one. The hash is
// an HMAC under a key kept outside the database (the server's audit key), so
// someone who can write SQL cannot recompute the chain after an edit; signed
// checkpoints (audit-checkpoints.ts) catch entries removed from the end.
import { createHash, createHmac } from "node:crypto";
import type { Selectable } from "kysely";
import { batchesOf } from "../platform/batches.ts";
import { canonicalJson } from "../platform/canonical-json.ts";
import type { Actor, Person, RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction, Json, Timestamp } from "../platform/database/schema.ts";
import { newId } from "../platform/ids.ts";
import { derivedAuditKey } from "../platform/secrets/key-ring.ts";
import {
  type AuditCheckpoint,
  type CheckpointFileOption,
  checkpointSignatureHolds,
  readAuditCheckpoints,
} from "./audit-checkpoints.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    audit_events: AuditEventTable;
    audit_chain_heads: { organization_id: string; last_sequence: number; last_hash: string };
  }
}

type JsonObject = Record<string, unknown>;

export type AuditEventTable = {
  id: string;
  organization_id: string;
  environment_id: string;
  sequence: number;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_person_id: string | null;
  actor_person_name: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before: Json<JsonObject | null> | null;
  after: Json<JsonObject | null> | null;
  reason: string | null;
  request_id: string | null;
  previous_hash: string;
  hash: string;
  /** The hash is an HMAC under the audit key; false for entries written before the chain was keyed. */
  keyed: boolean;
};

export type AuditChange = {
  /** What happened, as `<object>.<verb>`: `customer.created`, `plan_version.published`. */
  action: string;
  objectType: string;
  objectId: string;
  before: JsonObject | null;
  after: JsonObject | null;
};

const genesisHash = "0".repeat(64);

export type ActorDescription = {
  type: Actor["type"];
  /** The credential used: the API key id, the session id, the portal customer, or a system actor's name. */
  id: string;
  role: string | null;
  /** The person behind a key or a session. */
  person: Person | null;
};

/**
 * Who acts, as the audit log and the approvals trail record it: the key or
 * session used and the person behind it, the portal customer, the partner of a
 * statement link, or the name of a system actor such as `cli`.
 */
export function describeActor(actor: Actor): ActorDescription {
  switch (actor.type) {
    case "api_key":
      return { type: actor.type, id: actor.apiKeyId, role: actor.role, person: actor.person };
    case "session":
      return { type: actor.type, id: actor.sessionId, role: actor.role, person: actor.person };
    case "portal":
      return { type: actor.type, id: actor.customerId, role: null, person: null };
    case "partner":
      return { type: actor.type, id: actor.partnerId, role: null, person: null };
    case "system":
      return { type: actor.type, id: actor.name, role: null, person: actor.person ?? null };
  }
}

/** The columns of a row that records who acted: an audit entry, an approval step. */
type ActorColumns = {
  actor_type: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_person_id: string | null;
  actor_person_name: string | null;
};

/** Who acted, as a row recorded it; a person whose name the row lacks is named by their id. */
export function actorOfRow<Row extends ActorColumns>(row: Row) {
  return {
    type: row.actor_type,
    id: row.actor_id as Row["actor_id"],
    role: row.actor_role,
    person:
      row.actor_person_id === null
        ? null
        : { id: row.actor_person_id, name: row.actor_person_name ?? row.actor_person_id },
  };
}

/** Adds an entry to the audit log. Call it inside the transaction that makes the change. */
export async function recordAuditEvent(
  transaction: DatabaseTransaction,
  context: RequestContext,
  change: AuditChange,
): Promise<void> {
  await recordAuditEvents(transaction, context, [change]);
}

/**
 * Adds entries to the audit log in this order, chained as one entry after
 * another would be, with one lock of the chain's head and one insert: a bill
 * run's pass takes the head last, just before its commit.
 */
export async function recordAuditEvents(
  transaction: DatabaseTransaction,
  context: RequestContext,
  changes: readonly AuditChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await transaction
    .insertInto("audit_chain_heads")
    .values({ organization_id: context.organizationId, last_sequence: 0, last_hash: genesisHash })
    .onConflict((conflicting) => conflicting.column("organization_id").doNothing())
    .execute();
  const head = await transaction
    .selectFrom("audit_chain_heads")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .forUpdate()
    .executeTakeFirstOrThrow();

  const actor = describeActor(context.actor);
  const occurredAt = context.clock.now().toISOString();
  let sequence = Number(head.last_sequence);
  let previousHash = head.last_hash;
  const rows = changes.map((change) => {
    sequence += 1;
    const content: AuditEntryContent = {
      id: newId("auditEvent"),
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      sequence,
      occurred_at: occurredAt,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_role: actor.role,
      ...personFields(actor.person?.id ?? null, actor.person?.name ?? null),
      action: change.action,
      object_type: change.objectType,
      object_id: change.objectId,
      before: toPlainJson(change.before),
      after: toPlainJson(change.after),
      // The database stores text well-formed (a lone surrogate becomes U+FFFD): hash it as stored.
      reason: context.reason?.toWellFormed() ?? null,
      request_id: context.requestId ?? null,
    };
    const hash = hashEntry(previousHash, content, true);
    const row = {
      ...content,
      before: JSON.stringify(content.before),
      after: JSON.stringify(content.after),
      previous_hash: previousHash,
      hash,
      keyed: true,
    };
    previousHash = hash;
    return row;
  });
  // A few hundred entries a statement keeps each under PostgreSQL's limit of parameters.
  for (const batch of batchesOf(rows, 500)) {
    await transaction.insertInto("audit_events").values(batch).execute();
  }
  await transaction
    .updateTable("audit_chain_heads")
    .set({ last_sequence: sequence, last_hash: previousHash })
    .where("organization_id", "=", context.organizationId)
    .execute();
}

export type BrokenAuditEntry = {
  /** null when the entry is missing (removed from the end, or its head is gone). */
  id: string | null;
  sequence: number;
  problem: string;
};

export type AuditChainVerification =
  | { ok: true; entriesChecked: number; brokenEntries: [] }
  | {
      ok: false;
      entriesChecked: number;
      /** The first entry that does not match; its id is null when entries at the end were removed. */
      firstBrokenEntry: BrokenAuditEntry;
      /** Every entry that does not match, in order: tampering after a first break is reported too. */
      brokenEntries: BrokenAuditEntry[];
    };

// Entries are read in batches so that verifying a long chain holds only one
// batch in memory.
const verificationBatchSize = 1000;
// A chain rewritten from end to end names its first thousand breaks; the count says the rest.
const maximumBrokenEntriesListed = 1000;

/** Where a stretch of the chain starts: the genesis, or a checkpoint already checked. */
type ChainPoint = { sequence: number; hash: string };

type SegmentCheck = {
  entriesChecked: number;
  /** The last entry read, and its hash. */
  lastChecked: number;
  lastHash: string;
  lastEntryId: string | null;
};

/**
 * Checks the entries after `from` up to sequence `to`, in batches: each must
 * follow the one before, carry its hash as previous_hash, and hash (keyed) to
 * what it stores; an entry at a checkpoint's sequence must have the
 * checkpoint's hash. After a break the check goes on from the entry as
 * stored, so later changes are reported too.
 */
async function checkChainSegment(
  database: Database,
  organizationId: string,
  from: ChainPoint,
  to: number,
  checkpointHashes: Map<number, AuditCheckpoint[]>,
  report: (entry: BrokenAuditEntry) => void,
): Promise<SegmentCheck> {
  let previousHash = from.hash;
  let expectedSequence = from.sequence + 1;
  let entriesChecked = 0;
  let lastEntryId: string | null = null;
  let keyedSeen = false;
  for (;;) {
    const rows = await database
      .selectFrom("audit_events")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where("sequence", ">=", expectedSequence)
      .where("sequence", "<=", to)
      .orderBy("sequence", "asc")
      .limit(verificationBatchSize)
      .execute();
    for (const row of rows) {
      const sequence = Number(row.sequence);
      const broken = (problem: string) => report({ id: row.id, sequence, problem });
      if (sequence !== expectedSequence) {
        broken(`sequence ${sequence} follows ${expectedSequence - 1}: an entry is missing`);
      } else if (row.previous_hash !== previousHash) {
        broken("its previous_hash does not match the entry before it");
      }
      const keyed = row.keyed === true;
      if (keyedSeen && !keyed) {
        broken(
          "its hash is not keyed while an entry before it is: it was rewritten without the server's key",
        );
      }
      keyedSeen ||= keyed;
      const recomputed = hashEntry(row.previous_hash, entryContentOfRow(row), keyed);
      if (recomputed !== row.hash) broken("its content does not match its hash: the entry was changed");
      for (const checkpoint of checkpointHashes.get(sequence) ?? []) {
        if (checkpoint.hash !== row.hash) {
          broken(
            `its hash differs from the signed checkpoint of ${checkpoint.signed_at}: ` +
              "the chain was rewritten up to here",
          );
        }
      }
      previousHash = row.hash;
      lastEntryId = row.id;
      expectedSequence = sequence + 1;
      entriesChecked += 1;
    }
    if (rows.length < verificationBatchSize) break;
  }
  return { entriesChecked, lastChecked: expectedSequence - 1, lastHash: previousHash, lastEntryId };
}

function entryContentOfRow(row: Selectable<AuditEventTable>): AuditEntryContent {
  return {
    id: row.id,
    organization_id: row.organization_id,
    environment_id: row.environment_id,
    sequence: Number(row.sequence),
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    ...personFields(row.actor_person_id, row.actor_person_name),
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    before: row.before as JsonObject | null,
    after: row.after as JsonObject | null,
    reason: row.reason,
    request_id: row.request_id,
  };
}

/**
 * Recomputes an organization's chain from the first entry and names every
 * entry that does not match: after a break the check goes on from the entry
 * as stored, so a later change is reported too. The signed checkpoints (from
 * the database and the checkpoint file) are read first, then the chain's head
 * (kept apart, and updated with every entry): the chain must reach both, so
 * that removing entries from the end is found too, and entries written while
 * the check runs are left for the next one. A chain with entries and no head
 * is broken, and so is a checkpoint not signed with this server's key.
 */
export async function verifyAuditChain(
  database: Database,
  organizationId: string,
  options: CheckpointFileOption = {},
): Promise<AuditChainVerification> {
  const brokenEntries: BrokenAuditEntry[] = [];
  const report = (entry: BrokenAuditEntry) => {
    if (brokenEntries.length < maximumBrokenEntriesListed) brokenEntries.push(entry);
  };
  const checkpoints = await readAuditCheckpoints(database, organizationId, options);
  const signed = checkpoints.filter((checkpoint) => {
    if (checkpointSignatureHolds(checkpoint)) return true;
    report({
      id: null,
      sequence: checkpoint.sequence,
      problem:
        `the checkpoint at sequence ${checkpoint.sequence} is not signed with this server's audit key: ` +
        "it was forged or altered",
    });
    return false;
  });
  const head = await database
    .selectFrom("audit_chain_heads")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  const lastSequence = head ? Number(head.last_sequence) : Number.MAX_SAFE_INTEGER;
  const checkpointHashes = new Map<number, AuditCheckpoint[]>();
  for (const checkpoint of signed) {
    checkpointHashes.set(checkpoint.sequence, [
      ...(checkpointHashes.get(checkpoint.sequence) ?? []),
      checkpoint,
    ]);
  }
  const { entriesChecked, lastChecked, lastHash, lastEntryId } = await checkChainSegment(
    database,
    organizationId,
    { sequence: 0, hash: genesisHash },
    lastSequence,
    checkpointHashes,
    report,
  );
  if (head === undefined && (entriesChecked > 0 || signed.length > 0)) {
    report({
      id: null,
      sequence: lastChecked + 1,
      problem: "the chain's head is missing: it was deleted, so entries removed from the end go unseen",
    });
  } else if (head && lastChecked === lastSequence && head.last_hash !== lastHash) {
    report({
      id: lastEntryId,
      sequence: lastChecked,
      problem: "its hash does not match the chain's head: the last entry was rewritten",
    });
  } else if (head && lastChecked !== lastSequence) {
    report({
      id: null,
      sequence: lastChecked + 1,
      problem:
        `the chain ends at sequence ${lastChecked} but its head records ${lastSequence}: ` +
        "entries at the end were removed",
    });
  }
  const furthest = signed.at(-1);
  if (furthest !== undefined && furthest.sequence > lastChecked) {
    report({
      id: null,
      sequence: lastChecked + 1,
      problem:
        `the chain ends at sequence ${lastChecked} but the signed checkpoint of ${furthest.signed_at} ` +
        `records sequence ${furthest.sequence}: entries at the end were removed`,
    });
  }
  const [firstBrokenEntry] = brokenEntries;
  return firstBrokenEntry === undefined
    ? { ok: true, entriesChecked, brokenEntries: [] }
    : { ok: false, entriesChecked, firstBrokenEntry, brokenEntries };
}

/**
 * Checks the entries written since an organization's last checkpoint (from
 * the genesis when it has none) up to its head; returns the head to sign
 * when they hold, or the broken entries, so a checkpoint never vouches for a
 * chain that was already tampered with.
 */
export async function chainHeadToSign(
  database: Database,
  organizationId: string,
  lastCheckpoint: AuditCheckpoint | undefined,
): Promise<{ head: ChainPoint | undefined; brokenEntries: BrokenAuditEntry[] }> {
  const head = await database
    .selectFrom("audit_chain_heads")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  if (head === undefined || Number(head.last_sequence) <= (lastCheckpoint?.sequence ?? 0)) {
    return { head: undefined, brokenEntries: [] };
  }
  const brokenEntries: BrokenAuditEntry[] = [];
  const from = lastCheckpoint ?? { sequence: 0, hash: genesisHash };
  const segment = await checkChainSegment(
    database,
    organizationId,
    from,
    Number(head.last_sequence),
    new Map(),
    (entry) => brokenEntries.push(entry),
  );
  if (segment.lastChecked !== Number(head.last_sequence) || segment.lastHash !== head.last_hash) {
    brokenEntries.push({
      id: segment.lastEntryId,
      sequence: segment.lastChecked,
      problem: "the chain does not reach its head",
    });
  }
  return {
    head: brokenEntries.length === 0 ? { sequence: segment.lastChecked, hash: segment.lastHash } : undefined,
    brokenEntries,
  };
}

export type OrganizationChainVerification = { organizationId: string; verification: AuditChainVerification };

/**
 * Verifies the chain of every organization that has audit entries, a chain
 * head or a checkpoint (in the database or the file), in the order of their
 * ids: deleting a head, or every entry, does not take its organization out
 * of the check.
 */
export async function verifyEveryAuditChain(
  database: Database,
  options: CheckpointFileOption = {},
): Promise<OrganizationChainVerification[]> {
  const organizations = await database
    .selectFrom("audit_chain_heads")
    .select("organization_id")
    .union(database.selectFrom("audit_events").select("organization_id").distinct())
    .execute();
  const checkpoints = await readAuditCheckpoints(database, undefined, options);
  const organizationIds = [
    ...new Set([
      ...organizations.map((row) => row.organization_id),
      ...checkpoints.map((checkpoint) => checkpoint.organization_id),
    ]),
  ].sort();
  const results: OrganizationChainVerification[] = [];
  for (const organizationId of organizationIds) {
    results.push({ organizationId, verification: await verifyAuditChain(database, organizationId, options) });
  }
  return results;
}

type AuditEntryContent = {
  id: string;
  organization_id: string;
  environment_id: string;
  sequence: number;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_person_id?: string;
  actor_person_name?: string;
  action: string;
  object_type: string;
  object_id: string;
  before: JsonObject | null;
  after: JsonObject | null;
  reason: string | null;
  request_id: string | null;
};

// Entries written before people existed have no person, and hashed without
// these fields; leaving them out when unset keeps those hashes as they were.
function personFields(
  id: string | null,
  name: string | null,
): { actor_person_id?: string; actor_person_name?: string } {
  return id === null ? {} : { actor_person_id: id, ...(name === null ? {} : { actor_person_name: name }) };
}

// Keyed entries hash under the audit chain key; entries written before the
// chain was keyed keep their plain SHA-256, and the first checkpoint covers them.
function hashEntry(previousHash: string, content: AuditEntryContent, keyed: boolean): string {
  const hash = keyed ? createHmac("sha256", derivedAuditKey("audit chain")) : createHash("sha256");
  return hash.update(previousHash).update(canonicalJson(content)).digest("hex");
}

// What jsonb gives back must hash the same as what was written: dates become
// ISO strings and undefined fields disappear before hashing, as they would.
function toPlainJson(value: JsonObject | null): JsonObject | null {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as JsonObject);
}
