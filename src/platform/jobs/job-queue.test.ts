// The job queue against the real database: unique keys, retries after the
// handler's delays, a dead worker's job claimed again after its lease, and
// concurrent workers that each claim a job once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/test-database.ts";
import { createOrganization, type Organization } from "../../organizations/index.ts";
import { systemClock } from "../clock.ts";
import type { Logger } from "../context.ts";
import type { DatabaseHandle } from "../database/database.ts";
import { claimDueJobs, enqueueJob, finishJobAttempt, type QueuedJob } from "./job-queue.ts";
import { createJobWorker, inLane, type JobHandler } from "./job-worker.ts";

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const start = new Date("2031-03-01T00:00:00Z");
const secondsAfterStart = (seconds: number) => new Date(start.getTime() + seconds * 1000);

let handle: DatabaseHandle;
let organization: Organization;
let kindCounter = 0;
/** A job kind of this test alone, so that tests never run each other's jobs. */
const newKind = () => `test.kind_${++kindCounter}`;

beforeAll(async () => {
  handle = await openTestDatabase();
  organization = await createOrganization(handle.database, "Job queue tests", systemClock);
});
afterAll(async () => handle?.close());

function workerWith(handlers: Record<string, JobHandler>, concurrency?: number) {
  return createJobWorker({
    database: handle.database,
    clock: { now: () => start },
    logger: quietLogger,
    handlers,
    ...(concurrency ? { concurrency } : {}),
  });
}

async function jobRow(id: string) {
  return handle.database.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function attemptsOf(id: string) {
  return handle.database
    .selectFrom("job_attempts")
    .selectAll()
    .where("job_id", "=", id)
    .orderBy("attempt")
    .execute();
}

describe("enqueueJob", () => {
  it("makes one job per unique key, however often it is asked", async () => {
    const kind = newKind();
    const first = await enqueueJob(handle.database, { kind, payload: { n: 1 }, uniqueKey: `${kind}:once` });
    const second = await enqueueJob(handle.database, { kind, payload: { n: 2 }, uniqueKey: `${kind}:once` });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect((await jobRow(first.id)).payload).toEqual({ n: 1 });
    const withoutKey = await enqueueJob(handle.database, { kind, payload: {} });
    const alsoWithoutKey = await enqueueJob(handle.database, { kind, payload: {} });
    expect(withoutKey.id).not.toBe(alsoWithoutKey.id);
  });

  it("keeps a unique key taken after the job has finished", async () => {
    const kind = newKind();
    const uniqueKey = `${kind}:finished`;
    const { id } = await enqueueJob(handle.database, { kind, payload: {}, runAt: start, uniqueKey });
    await workerWith({ [kind]: { handle: async () => {} } }).runDueJobs(start);
    expect((await jobRow(id)).status).toBe("succeeded");
    expect(await enqueueJob(handle.database, { kind, payload: {}, uniqueKey })).toEqual({
      id,
      created: false,
    });
  });

  it("inside a transaction, exists only if the transaction commits", async () => {
    const kind = newKind();
    await expect(
      handle.database.transaction().execute(async (transaction) => {
        await enqueueJob(transaction, { kind, payload: {}, uniqueKey: `${kind}:rolled-back` });
        throw new Error("the change that asked for the job failed");
      }),
    ).rejects.toThrow("failed");
    const rows = await handle.database.selectFrom("jobs").select("id").where("kind", "=", kind).execute();
    expect(rows).toEqual([]);
  });
});

describe("the worker", () => {
  it("runs a due job once with its payload and scope, and records the attempt", async () => {
    const kind = newKind();
    const scope = { organizationId: organization.id, environmentId: organization.environments.test };
    const { id } = await enqueueJob(handle.database, {
      kind,
      payload: { invoice: "inv_1" },
      scope,
      runAt: start,
    });
    const later = await enqueueJob(handle.database, { kind, payload: {}, runAt: secondsAfterStart(60) });
    const seen: QueuedJob[] = [];
    const worker = workerWith({ [kind]: { handle: async (job) => void seen.push(job) } });

    expect(await worker.runDueJobs(start)).toBe(1);
    expect(seen).toEqual([
      {
        id,
        kind,
        payload: { invoice: "inv_1" },
        scope,
        runAt: start,
        attempt: 1,
        uniqueKey: null,
      },
    ]);
    expect(await worker.runDueJobs(start)).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: "succeeded", attempts: 1, lease_until: null });
    expect(await attemptsOf(id)).toMatchObject([{ attempt: 1, outcome: "succeeded", error: null }]);
    expect((await jobRow(later.id)).status).toBe("queued");
  });

  it("retries a failing job after each of its delays, then fails it", async () => {
    const kind = newKind();
    const { id } = await enqueueJob(handle.database, { kind, payload: {}, runAt: start });
    let calls = 0;
    const worker = workerWith({
      [kind]: {
        retryDelaysSeconds: [10, 20],
        handle: async () => {
          calls += 1;
          throw new Error(`the endpoint answered 503 (call ${calls})`);
        },
      },
    });

    expect(await worker.runDueJobs(start)).toBe(1);
    expect(await jobRow(id)).toMatchObject({
      status: "queued",
      attempts: 1,
      run_at: secondsAfterStart(10),
      last_error: "Error: the endpoint answered 503 (call 1)",
    });
    expect(await worker.runDueJobs(secondsAfterStart(9))).toBe(0);
    expect(await worker.runDueJobs(secondsAfterStart(10))).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 2, run_at: secondsAfterStart(30) });
    expect(await worker.runDueJobs(secondsAfterStart(29))).toBe(0);
    expect(await worker.runDueJobs(secondsAfterStart(30))).toBe(1);
    expect(await jobRow(id)).toMatchObject({
      status: "failed",
      attempts: 3,
      finished_at: secondsAfterStart(30),
      last_error: "Error: the endpoint answered 503 (call 3)",
    });
    expect(await worker.runDueJobs(secondsAfterStart(10_000))).toBe(0);
    expect(calls).toBe(3);
    const attempts = await attemptsOf(id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.error])).toEqual([
      [1, "failed", "Error: the endpoint answered 503 (call 1)"],
      [2, "failed", "Error: the endpoint answered 503 (call 2)"],
      [3, "failed", "Error: the endpoint answered 503 (call 3)"],
    ]);
    expect(attempts.map((attempt) => attempt.started_at)).toEqual([
      start,
      secondsAfterStart(10),
      secondsAfterStart(30),
    ]);
  });

  it("claims a dead worker's job again once its lease has run out", async () => {
    const kind = newKind();
    const { id } = await enqueueJob(handle.database, { kind, payload: {}, runAt: start });
    // A worker claims the job and dies without a word: no heartbeat, no outcome.
    const [dead] = await claimDueJobs(handle.database, {
      kinds: [kind],
      now: start,
      limit: 1,
      leaseSecondsByKind: { [kind]: 60 },
    });
    expect(dead?.attempt).toBe(1);
    let runs = 0;
    const worker = workerWith({ [kind]: { leaseSeconds: 60, handle: async () => void runs++ } });

    expect(await worker.runDueJobs(secondsAfterStart(59))).toBe(0);
    expect(await worker.runDueJobs(secondsAfterStart(60))).toBe(1);
    expect(runs).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "succeeded", attempts: 2 });
    const attempts = await attemptsOf(id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, "abandoned"],
      [2, "succeeded"],
    ]);
    expect(attempts[0]?.finished_at).toEqual(secondsAfterStart(60));
    // The first worker, had it come back, cannot overwrite the outcome of the second.
    if (!dead) throw new Error("no job claimed");
    expect(
      await finishJobAttempt(handle.database, dead, { now: secondsAfterStart(61), succeeded: true }),
    ).toBe(false);
  });

  it("leaves jobs of kinds it has no handler for", async () => {
    const kind = newKind();
    const { id } = await enqueueJob(handle.database, { kind, payload: {}, runAt: start });
    expect(await workerWith({ [newKind()]: { handle: async () => {} } }).runDueJobs(start)).toBe(0);
    expect((await jobRow(id)).status).toBe("queued");
  });

  it("claims each job once with several workers polling at the same time", async () => {
    const kind = newKind();
    const jobCount = 40;
    const ids = new Set<string>();
    for (let index = 0; index < jobCount; index++) {
      ids.add((await enqueueJob(handle.database, { kind, payload: { index }, runAt: start })).id);
    }
    const runsById = new Map<string, number>();
    const handler: JobHandler = {
      handle: async (job) => {
        runsById.set(job.id, (runsById.get(job.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    };
    const workers = [1, 2, 3].map(() => workerWith({ [kind]: handler }, 3));
    const ran = await Promise.all(workers.map((worker) => worker.runDueJobs(start)));

    expect(ran.reduce((sum, count) => sum + count, 0)).toBe(jobCount);
    expect(new Set(runsById.keys())).toEqual(ids);
    expect([...runsById.values()].every((runs) => runs === 1)).toBe(true);
    const statuses = await handle.database
      .selectFrom("jobs")
      .select(["status", "attempts"])
      .where("kind", "=", kind)
      .execute();
    expect(statuses.every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);
  });

  it("polls once started and finishes the job in hand when stopped", async () => {
    const kind = newKind();
    const { id } = await enqueueJob(handle.database, { kind, payload: {} });
    const { promise: started, resolve: handlerStarted } = Promise.withResolvers<void>();
    const { promise: released, resolve: releaseHandler } = Promise.withResolvers<void>();
    const worker = createJobWorker({
      database: handle.database,
      clock: systemClock,
      logger: quietLogger,
      pollIntervalMilliseconds: 10,
      handlers: {
        [kind]: {
          handle: async () => {
            handlerStarted();
            await released;
          },
        },
      },
    });
    worker.start();
    await started;
    const stopping = worker.stop();
    releaseHandler();
    await stopping;
    expect((await jobRow(id)).status).toBe("succeeded");
  });
});

describe("fairness", () => {
  it("takes environments in turn: one environment's backlog does not stand before another's next job", async () => {
    const kind = newKind();
    const other = await createOrganization(handle.database, "Job queue fairness", systemClock);
    const flooding = { organizationId: organization.id, environmentId: organization.environments.test };
    const waiting = { organizationId: other.id, environmentId: other.environments.test };
    for (let index = 0; index < 30; index++) {
      await enqueueJob(handle.database, { kind, payload: { index }, scope: flooding, runAt: start });
    }
    await enqueueJob(handle.database, { kind, payload: {}, scope: waiting, runAt: secondsAfterStart(1) });
    const order: string[] = [];
    const worker = workerWith(
      { [kind]: { handle: async (job) => void order.push(job.scope?.environmentId ?? "") } },
      2,
    );

    expect(await worker.runDueJobs(secondsAfterStart(1))).toBe(31);
    // Two slots: the flooding environment's first job runs beside the waiting one's, not 30 before it.
    expect(order.indexOf(waiting.environmentId)).toBeLessThanOrEqual(1);
  });

  it("runs each lane in slots of its own and claims again as soon as a slot frees", async () => {
    const billingKind = newKind();
    const deliveryKind = newKind();
    await enqueueJob(handle.database, { kind: billingKind, payload: {}, runAt: start });
    for (let index = 0; index < 5; index++) {
      await enqueueJob(handle.database, { kind: deliveryKind, payload: { index }, runAt: start });
    }
    const { promise: billingReleased, resolve: releaseBilling } = Promise.withResolvers<void>();
    const { promise: allDelivered, resolve: deliveriesDone } = Promise.withResolvers<void>();
    let delivered = 0;
    const worker = createJobWorker({
      database: handle.database,
      clock: { now: () => start },
      logger: quietLogger,
      handlers: {
        ...inLane("billing", { [billingKind]: { handle: () => billingReleased } }),
        ...inLane("delivery", {
          [deliveryKind]: {
            handle: async () => {
              delivered += 1;
              if (delivered === 5) deliveriesDone();
            },
          },
        }),
      },
      lanes: { billing: 1, delivery: 1 },
    });
    const running = worker.runDueJobs(start);
    // The five deliveries go one after another in their one slot while the bill run holds its own.
    await allDelivered;
    expect(delivered).toBe(5);
    releaseBilling();
    expect(await running).toBe(6);
  });
});
