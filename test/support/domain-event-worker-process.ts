// A job worker in a process of its own, for the domain events crash test: it
// opens the database named by its environment (FAIRBILL_DATA_DIR or
// DATABASE_URL), delivers the queued domain events to one subscriber that
// writes an audit entry, and stops where FAIRBILL_HANG_AT says, printing
// `hanging` so that the test can kill it there with SIGKILL:
//   - `inside_handler`: the subscriber has written its entry but its
//     transaction has not committed;
//   - `after_handler`: the subscriber's transaction committed, and the worker
//     has not yet recorded that the job succeeded.
// FAIRBILL_WORKER_MINUTES_AHEAD runs the worker that many minutes past real
// time, as a worker started after a dead one's lease ran out would.
import { openMigratedDatabase } from "../../src/app.ts";
import { recordAuditEvent } from "../../src/audit/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import { silentLogger } from "../../src/platform/context.ts";
import { domainEventJobHandlers } from "../../src/platform/events/domain-event-dispatch.ts";
import { subscribe } from "../../src/platform/events/domain-events.ts";
import { createJobWorker } from "../../src/platform/jobs/job-worker.ts";
import { CrashTestEvent, crashTestSubscriberName } from "./domain-event-crash-event.ts";

const hangAt = process.env.FAIRBILL_HANG_AT;
const forever = () => new Promise<never>(() => {});

function hang(): Promise<never> {
  process.stdout.write("hanging\n");
  return forever();
}

const handle = await openMigratedDatabase(
  process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", dataDirectory: process.env.FAIRBILL_DATA_DIR ?? "" },
);
const subscriber = subscribe(CrashTestEvent, crashTestSubscriberName, async (context, event) => {
  await recordAuditEvent(context.database, context, {
    action: "crash_test.handled",
    objectType: "crash_test",
    objectId: event.data.note_id,
    before: null,
    after: { event_id: event.id },
  });
  if (hangAt === "inside_handler") await hang();
});
const [kind, dispatch] =
  Object.entries(
    domainEventJobHandlers({
      database: handle.database,
      clockFor: async () => systemClock,
      logger: silentLogger,
      subscribers: [subscriber],
    }),
  )[0] ?? [];
if (kind === undefined || dispatch === undefined) throw new Error("No domain event job handler.");
const worker = createJobWorker({
  database: handle.database,
  clock: systemClock,
  logger: silentLogger,
  handlers: {
    [kind]: {
      ...dispatch,
      handle: async (job) => {
        await dispatch.handle(job);
        if (hangAt === "after_handler") await hang();
      },
    },
  },
});
const minutesAhead = Number(process.env.FAIRBILL_WORKER_MINUTES_AHEAD ?? "0");
const ran = await worker.runDueJobs(new Date(Date.now() + minutesAhead * 60 * 1000));
process.stdout.write(`ran ${ran}\n`);
await handle.close();
