// The test clock: a `test` environment's own "now", frozen at an instant that
// billing operations move forward to watch subscriptions bill through months
// in seconds (as Stripe's and Kill Bill's test clocks do). Every request, job
// and CLI command of the environment reads its time through
// `clockForEnvironment`, so they all agree. Live environments always run on
// real time. The clock only moves forward once set, because invoices already
// issued at a later instant cannot be taken back; resetting returns the
// environment to real time.
import { sql } from "kysely";
import { recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import { type Clock, fixedClock } from "../platform/clock.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { environmentKindOf } from "./organizations.ts";
import "./tables.ts";

export type TestClock = {
  /** Null when the environment runs on real time. */
  id: string | null;
  frozenAt: Date | null;
};

/** A clock that always reads `instant`. */
export const frozenClock = fixedClock;

const testClocksTopic = "test_clocks";

/**
 * Each environment's frozen instant (null: real time), cached in the process
 * because every request reads it; setting, moving or resetting the clock
 * announces itself and every process drops the environment's entry.
 */
const frozenInstantCache = new ChangeCache<string | null>(testClocksTopic);

/** The clock of an environment: its test clock when one is set, `realClock` otherwise. One indexed read, cached. */
export async function clockForEnvironment(
  database: Database,
  scope: TenantScope,
  realClock: Clock,
): Promise<Clock> {
  const frozenAt = await frozenInstantCache.read(database, scope.environmentId, "frozen_at", async () => {
    const row = await database
      .selectFrom("test_clocks")
      .select("frozen_at")
      .where(inTenant(scope))
      .executeTakeFirst();
    return row ? new Date(row.frozen_at).toISOString() : null;
  });
  // Billing reads the frozen instant; expiry of links and keys still reads real time.
  return frozenAt !== null ? { now: frozenClock(new Date(frozenAt)).now, realTime: realClock } : realClock;
}

function announceTestClockChanged(transaction: DatabaseTransaction, context: RequestContext): Promise<void> {
  return announceChange(transaction, context.database, {
    topic: testClocksTopic,
    scope: context.environmentId,
  });
}

export async function readTestClock(context: RequestContext): Promise<TestClock> {
  await refuseLiveEnvironment(context.database, context);
  const row = await selectTestClock(context.database, context).executeTakeFirst();
  return row ? { id: row.id, frozenAt: new Date(row.frozen_at) } : { id: null, frozenAt: null };
}

/** Freezes the environment's clock at `frozenAt`; once set, only a later instant (or a reset) is accepted. */
export async function setTestClock(context: RequestContext, frozenAt: Date): Promise<TestClock> {
  return freezeAt(context, frozenAt, { action: "test_clock.set", path: "$.frozen_at", notBefore: null });
}

/**
 * Moves the environment's clock forward to `to`, which may not be earlier
 * than the environment's current time (its test clock, or real time when none
 * is set). The caller then bills up to `to`.
 */
export async function moveTestClockForward(context: RequestContext, to: Date): Promise<TestClock> {
  return freezeAt(context, to, {
    action: "test_clock.advanced",
    path: "$.to",
    notBefore: context.clock.now(),
  });
}

/** Returns the environment to real time. */
export async function resetTestClock(context: RequestContext): Promise<TestClock> {
  return context.database.transaction().execute(async (transaction) => {
    await refuseLiveEnvironment(transaction, context);
    const before = await selectTestClock(transaction, context).forUpdate().executeTakeFirst();
    if (before) {
      await transaction.deleteFrom("test_clocks").where("id", "=", before.id).execute();
      await announceTestClockChanged(transaction, context);
      await recordObjectChange(transaction, context, "test_clock", "reset", presentForAudit(before), null);
    }
    return { id: null, frozenAt: null };
  });
}

async function freezeAt(
  context: RequestContext,
  instant: Date,
  rule: { action: string; path: string; notBefore: Date | null },
): Promise<TestClock> {
  return context.database.transaction().execute(async (transaction) => {
    await refuseLiveEnvironment(transaction, context);
    const before = await selectTestClock(transaction, context).forUpdate().executeTakeFirst();
    const earliest = before ? new Date(before.frozen_at) : rule.notBefore;
    if (earliest && instant.getTime() < earliest.getTime()) {
      throw conflict(
        "test_clock_backwards",
        `The test clock can only move forward: it reads ${earliest.toISOString()}, later than ${instant.toISOString()}. ` +
          "Reset it (DELETE /v1/test-clock) to start again from real time.",
        [{ path: rule.path, message: `must not be earlier than ${earliest.toISOString()}` }],
      );
    }
    await announceTestClockChanged(transaction, context);
    // The row's own timestamps are the database's real time, not the test clock's.
    const after = before
      ? await updateTenantRow(transaction, context, "test_clocks", before.id, {
          frozen_at: instant,
          updated_at: sql<Date>`now()`,
        })
      : await transaction
          .insertInto("test_clocks")
          .values({
            id: newId("testClock"),
            organization_id: context.organizationId,
            environment_id: context.environmentId,
            frozen_at: instant,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await recordAuditEvent(transaction, context, {
      action: rule.action,
      objectType: "test_clock",
      objectId: after.id,
      before: before ? presentForAudit(before) : null,
      after: presentForAudit(after),
    });
    return { id: after.id, frozenAt: new Date(after.frozen_at) };
  });
}

function selectTestClock(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "test_clocks");
}

async function refuseLiveEnvironment(database: Database, scope: TenantScope): Promise<void> {
  if ((await environmentKindOf(database, scope)) !== "test") {
    throw conflict(
      "test_clock_live_environment",
      "Test clocks exist only in the test environment: the live environment always bills on real time.",
    );
  }
}

function presentForAudit(row: { id: string; frozen_at: Date | string }) {
  return { id: row.id, frozen_at: new Date(row.frozen_at).toISOString() };
}
