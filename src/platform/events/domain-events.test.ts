// Domain events: published with the change that they report, delivered to
// each subscriber once in effect, retried for the subscribers that failed,
// and still delivered once when the worker is killed in the middle of a
// subscriber or right after one (a worker process killed with SIGKILL).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { Type } from "typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrashTestEvent } from "../../../test/support/domain-event-crash-event.ts";
import { testAppForFile } from "../../../test/support/test-app.ts";
import { createSeparateDatabase, type SeparateDatabase } from "../../../test/support/test-database.ts";
import { openMigratedDatabase } from "../../app.ts";
import { recordAuditEvent } from "../../audit/index.ts";
import { createOrganization } from "../../organizations/index.ts";
import { systemClock } from "../clock.ts";
import { silentLogger, type TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { createJobWorker } from "../jobs/job-worker.ts";
import { domainEventJobHandlers } from "./domain-event-dispatch.ts";
import { defineDomainEvent, publishDomainEvent, subscribe } from "./domain-events.ts";

const NoteWritten = defineDomainEvent(
  "test.note_written",
  Type.Object({ text: Type.String() }),
  "A note for the tests of the outbox.",
);

describe("delivery", () => {
  const suite = testAppForFile({ tenantName: "Outbox" });
  let scope: TenantScope;
  const seen: { subscriber: string; text: string }[] = [];
  let failuresLeft = 0;

  // The memory trace counts attempts; the audit entry, written in the subscriber's transaction, its effects.
  const recorder = subscribe(NoteWritten, "test.recorder", async (context, event) => {
    seen.push({ subscriber: "recorder", text: event.data.text });
    await recordAuditEvent(context.database, context, {
      action: "test_note.recorded",
      objectType: "test_note",
      objectId: event.id,
      before: null,
      after: event.data,
    });
  });
  const flaky = subscribe(NoteWritten, "test.flaky", async (_context, event) => {
    seen.push({ subscriber: "flaky", text: event.data.text });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error("the flaky subscriber failed on purpose");
    }
  });

  function worker(database: Database) {
    return createJobWorker({
      database,
      clock: systemClock,
      logger: silentLogger,
      handlers: domainEventJobHandlers({
        database,
        clockFor: async () => systemClock,
        logger: silentLogger,
        subscribers: [recorder, flaky],
      }),
    });
  }

  beforeAll(async () => {
    const context = suite.tenant.context();
    scope = { organizationId: context.organizationId, environmentId: context.environmentId };
  });

  async function effects(): Promise<number> {
    const rows = await suite.testApp.handle.database
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "test_note.recorded")
      .execute();
    return rows.length;
  }

  it("exists only when the change that publishes it commits", async () => {
    const database = suite.testApp.handle.database;
    await expect(
      database.transaction().execute(async (transaction) => {
        await publishDomainEvent(transaction, scope, NoteWritten, { text: "rolled back" }, new Date());
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await worker(database).runDueJobs()).toBe(0);
    expect(seen).toEqual([]);
  });

  it("runs each subscriber once, retries only the one that failed, and ignores a second delivery", async () => {
    const database = suite.testApp.handle.database;
    failuresLeft = 1;
    const eventId = await database
      .transaction()
      .execute((transaction) =>
        publishDomainEvent(transaction, scope, NoteWritten, { text: "hello" }, new Date()),
      );
    expect(await worker(database).runDueJobs()).toBe(1);
    expect(seen).toEqual([
      { subscriber: "recorder", text: "hello" },
      { subscriber: "flaky", text: "hello" },
    ]);
    const job = await database
      .selectFrom("jobs")
      .select(["status", "last_error"])
      .where("kind", "=", "domain_events.dispatch")
      .where("payload", "=", JSON.stringify({ eventId }))
      .executeTakeFirstOrThrow();
    expect(job.status).toBe("queued");
    expect(job.last_error).toMatch(/test\.flaky: the flaky subscriber failed on purpose/);

    // The retry (after the queue's first delay) runs the flaky subscriber alone.
    expect(await worker(database).runDueJobs(new Date(Date.now() + 60_000))).toBe(1);
    expect(seen.map((entry) => entry.subscriber)).toEqual(["recorder", "flaky", "flaky"]);
    expect(await effects()).toBe(1);

    // The same event delivered again: every subscriber has its receipt, nothing runs.
    await database
      .insertInto("jobs")
      .values({ id: "job_redelivery", kind: "domain_events.dispatch", payload: JSON.stringify({ eventId }) })
      .execute();
    // The job's run_at is the database's now(), in microseconds; a JavaScript
    // Date of the same millisecond can read as earlier, so the worker looks a second ahead.
    expect(await worker(database).runDueJobs(new Date(Date.now() + 1_000))).toBe(1);
    expect(seen).toHaveLength(3);
    expect(await effects()).toBe(1);
  });
});

describe("a worker killed with SIGKILL", () => {
  const workerScript = join(
    import.meta.dirname,
    "..",
    "..",
    "..",
    "test",
    "support",
    "domain-event-worker-process.ts",
  );
  let database: SeparateDatabase;
  let scope: TenantScope;

  beforeAll(async () => {
    database = await createSeparateDatabase("outbox");
    const handle = await openMigratedDatabase(database.location);
    try {
      const organization = await createOrganization(handle.database, "Crash test", systemClock);
      scope = { organizationId: organization.id, environmentId: organization.environments.test };
    } finally {
      await handle.close();
    }
  }, 120_000);
  afterAll(async () => database?.remove());

  async function publishNote(noteId: string): Promise<void> {
    const handle = await openMigratedDatabase(database.location);
    try {
      await handle.database
        .transaction()
        .execute((transaction) =>
          publishDomainEvent(transaction, scope, CrashTestEvent, { note_id: noteId }, new Date()),
        );
    } finally {
      await handle.close();
    }
  }

  async function handledEntries(noteId: string): Promise<number> {
    const handle = await openMigratedDatabase(database.location);
    try {
      const rows = await handle.database
        .selectFrom("audit_events")
        .select("id")
        .where("action", "=", "crash_test.handled")
        .where("object_id", "=", noteId)
        .execute();
      return rows.length;
    } finally {
      await handle.close();
    }
  }

  function startWorker(hangAt: string | undefined): { child: ChildProcess; output: Promise<string> } {
    const child = spawn(process.execPath, [workerScript], {
      env: {
        ...process.env,
        ...database.childEnvironment,
        // The restarted worker runs after the killed one's lease (two minutes) has run out.
        ...(hangAt ? { FAIRBILL_HANG_AT: hangAt } : { FAIRBILL_WORKER_MINUTES_AHEAD: "10" }),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    const output = new Promise<string>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("hanging")) resolve(text);
      });
      child.on("exit", () => resolve(text));
    });
    return { child, output };
  }

  for (const hangAt of ["inside_handler", "after_handler"]) {
    it(`hands the event on exactly once when killed ${hangAt.replace("_", " ")}`, async () => {
      const noteId = `note_${hangAt}`;
      await publishNote(noteId);

      const first = startWorker(hangAt);
      expect(await first.output).toContain("hanging");
      const exited = new Promise((resolve) => first.child.on("exit", resolve));
      first.child.kill("SIGKILL");
      await exited;
      // Killed inside the subscriber, its transaction rolled back; killed after, it committed.
      expect(await handledEntries(noteId)).toBe(hangAt === "inside_handler" ? 0 : 1);

      // Restarted: the killed attempt's lease has run out, the job runs again.
      const second = startWorker(undefined);
      expect(await second.output).toContain("ran 1");
      expect(await handledEntries(noteId)).toBe(1);
    }, 120_000);
  }
});
