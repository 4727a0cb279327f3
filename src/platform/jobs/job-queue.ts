// The job queue's storage: putting a job in, claiming due jobs, and recording
// how an attempt ended. A claim is one statement (`FOR UPDATE SKIP LOCKED`
// plus a lease), so no transaction is ever held open while a handler runs:
// on PGlite the one connection stays free for the handler's own queries, and
// on PostgreSQL concurrent workers each take different jobs. Leases are
// short and renewed while the handler runs: a worker that dies mid-job stops
// renewing, and within seconds the next claim takes the job again and
// records the dead attempt as abandoned.
import { sql } from "kysely";
import { batchesOf } from "../batches.ts";
import type { TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { newId } from "../ids.ts";
import "./tables.ts";

/** A job as its handler sees it. */
export type QueuedJob = {
  id: string;
  kind: string;
  payload: unknown;
  /** The environment the job works on, or null for the platform's own jobs. */
  scope: TenantScope | null;
  runAt: Date;
  /** 1 on the first attempt, 2 on the first retry, … */
  attempt: number;
  uniqueKey: string | null;
};

export type NewJob = {
  kind: string;
  payload: unknown;
  scope?: TenantScope;
  /** When the job may run first; now (the database's clock) when omitted. */
  runAt?: Date;
  /** Asking again with a key already in the queue returns that job (`created: false`) instead of a second one. */
  uniqueKey?: string;
};

/**
 * Puts a job in the queue. Pass a transaction handle to make the job part of
 * the change that asks for it: it exists if and only if that change commits.
 */
export async function enqueueJob(database: Database, job: NewJob): Promise<{ id: string; created: boolean }> {
  const id = newId("job");
  const inserted = await database
    .insertInto("jobs")
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      organization_id: job.scope?.organizationId ?? null,
      environment_id: job.scope?.environmentId ?? null,
      ...(job.runAt ? { run_at: job.runAt } : {}),
      unique_key: job.uniqueKey ?? null,
    })
    .onConflict((conflicting) => conflicting.column("unique_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await database
    .selectFrom("jobs")
    .select("id")
    .where("unique_key", "=", job.uniqueKey ?? null)
    .executeTakeFirst();
  // The clashing job was purged between the two statements: its key is free again.
  if (!existing) return enqueueJob(database, job);
  return { id: existing.id, created: false };
}

/**
 * Puts many jobs in the queue with one statement (a job whose unique key is
 * already queued is left out), as part of the caller's transaction.
 */
export async function enqueueJobs(database: Database, jobs: readonly NewJob[]): Promise<void> {
  // A few thousand jobs a statement keeps each under PostgreSQL's limit of parameters.
  for (const batch of batchesOf(jobs, 5000)) {
    await database
      .insertInto("jobs")
      .values(
        batch.map((job) => ({
          id: newId("job"),
          kind: job.kind,
          payload: JSON.stringify(job.payload ?? null),
          organization_id: job.scope?.organizationId ?? null,
          environment_id: job.scope?.environmentId ?? null,
          run_at: job.runAt ?? sql<Date>`now()`,
          unique_key: job.uniqueKey ?? null,
        })),
      )
      .onConflict((conflicting) => conflicting.column("unique_key").doNothing())
      .execute();
  }
}

type ClaimedRow = {
  id: string;
  kind: string;
  payload: unknown;
  organization_id: string | null;
  environment_id: string | null;
  run_at: Date;
  attempts: number;
  unique_key: string | null;
};

/**
 * Claims up to `limit` due jobs of the given kinds: queued jobs whose time has
 * come, and running jobs whose lease ran out before their worker finished.
 * Each claimed job's attempt count goes up and a new attempt row is opened.
 *
 * Environments take turns: a job's place in line is its position among its
 * environment's due jobs plus the jobs of those kinds that environment has
 * running already, so one environment's backlog of thousands never stands in
 * front of another environment's next job (ties go to the job due first).
 */
export async function claimDueJobs(
  database: Database,
  input: {
    kinds: readonly string[];
    now: Date;
    limit: number;
    leaseSecondsByKind: Record<string, number>;
    /** Who claims, recorded on the attempt (host and process id). */
    worker?: string;
  },
): Promise<QueuedJob[]> {
  if (input.kinds.length === 0 || input.limit < 1) return [];
  const { now } = input;
  const kinds = sql.join(input.kinds);
  const leases = JSON.stringify(input.leaseSecondsByKind);
  const isDue = sql`((status = 'queued' and run_at <= ${now}) or (status = 'running' and lease_until <= ${now}))`;
  const result = await sql<ClaimedRow>`
    with running as (
      select environment_id, count(*) as jobs from jobs
      where kind in (${kinds}) and status = 'running' and lease_until > ${now}
      group by environment_id
    ), due as (
      select id, environment_id, run_at,
             row_number() over (partition by environment_id order by run_at, id) as position
      from jobs
      where kind in (${kinds}) and ${isDue}
    ), in_turn as (
      select due.id from due
      left join running on running.environment_id is not distinct from due.environment_id
      order by due.position + coalesce(running.jobs, 0), due.run_at, due.id
      limit ${input.limit}
    ), candidates as (
      select id from jobs
      where id in (select id from in_turn) and ${isDue}
      for update skip locked
    ), claimed as (
      update jobs
      set status = 'running',
          attempts = jobs.attempts + 1,
          lease_until = ${now}::timestamptz
            + make_interval(secs => coalesce((${leases}::jsonb ->> jobs.kind)::double precision, 300)),
          updated_at = ${now}
      from candidates
      where jobs.id = candidates.id
      returning jobs.id, jobs.kind, jobs.payload, jobs.organization_id, jobs.environment_id,
                jobs.run_at, jobs.attempts, jobs.unique_key
    ), abandoned as (
      update job_attempts
      set finished_at = ${now}, outcome = 'abandoned',
          error = 'The worker running this attempt stopped answering before it finished (its lease ran out).'
      where finished_at is null and job_id in (select id from claimed)
    ), started as (
      insert into job_attempts (job_id, attempt, started_at, worker)
      select id, attempts, ${now}, ${input.worker ?? null} from claimed
    )
    select * from claimed order by run_at, id
  `.execute(database);
  return result.rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    scope:
      row.organization_id !== null && row.environment_id !== null
        ? { organizationId: row.organization_id, environmentId: row.environment_id }
        : null,
    runAt: new Date(row.run_at),
    attempt: row.attempts,
    uniqueKey: row.unique_key,
  }));
}

/**
 * Pushes the lease of a running attempt further out. False when the attempt
 * no longer holds the job (its lease ran out and another worker claimed it).
 */
export async function extendJobLease(
  database: Database,
  job: Pick<QueuedJob, "id" | "attempt">,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await database
    .updateTable("jobs")
    .set({ lease_until: leaseUntil })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("attempts", "=", job.attempt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records how an attempt ended: `succeeded`, or failed with an error and
 * either a retry at `retryAt` or (with none) the job failed for good. False
 * when the attempt had lost the job to another worker, whose outcome counts.
 */
export async function finishJobAttempt(
  database: Database,
  job: Pick<QueuedJob, "id" | "attempt">,
  outcome: { now: Date } & ({ succeeded: true } | { succeeded: false; error: string; retryAt: Date | null }),
): Promise<boolean> {
  return database.transaction().execute(async (transaction) => {
    const { now } = outcome;
    const jobUpdate = transaction
      .updateTable("jobs")
      .where("id", "=", job.id)
      .where("status", "=", "running")
      .where("attempts", "=", job.attempt);
    const updated = await (outcome.succeeded
      ? jobUpdate.set({ status: "succeeded", lease_until: null, updated_at: now, finished_at: now })
      : outcome.retryAt
        ? jobUpdate.set({
            status: "queued",
            lease_until: null,
            run_at: outcome.retryAt,
            last_error: outcome.error,
            updated_at: now,
          })
        : jobUpdate.set({
            status: "failed",
            lease_until: null,
            last_error: outcome.error,
            updated_at: now,
            finished_at: now,
          })
    ).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await transaction
      .updateTable("job_attempts")
      .set({
        finished_at: now,
        outcome: outcome.succeeded ? "succeeded" : "failed",
        error: outcome.succeeded ? null : outcome.error,
      })
      .where("job_id", "=", job.id)
      .where("attempt", "=", job.attempt)
      .execute();
    return true;
  });
}

/** Deletes finished jobs (and their attempts): succeeded ones finished before `succeededBefore`, failed ones before `failedBefore`. */
export async function purgeFinishedJobs(
  database: Database,
  input: { succeededBefore: Date; failedBefore: Date },
): Promise<number> {
  const result = await database
    .deleteFrom("jobs")
    .where((where) =>
      where.or([
        where.and([where("status", "=", "succeeded"), where("finished_at", "<", input.succeededBefore)]),
        where.and([where("status", "=", "failed"), where("finished_at", "<", input.failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
