// A queued run (an import, a backtest, a parallel run: run-jobs.ts queues the
// job of each) as its job runs it: the run is locked and marked running, its
// work is done, and an error the work throws ends the run as failed. A run
// already finished is left as it is; one still marked running (its worker
// died, or another took over its lease) starts over, with what the earlier
// attempt stored dropped first. How a run ends, with its audit entry, is each
// domain's own.
import type { Selectable, UpdateObject } from "kysely";
import { sql } from "kysely";
import type { RequestContext } from "../context.ts";
import type {
  DatabaseSchema,
  DatabaseTransaction,
  QueuedRunColumns,
  TenantRowColumns,
} from "../database/schema.ts";
import { updateTenantRow } from "../database/tenant-rows.ts";
import { selectInTenant } from "../database/tenant-scope.ts";

/** The tables of queued runs: a tenant's rows with a status and the columns of QueuedRunColumns. */
type QueuedRunTable = {
  [Table in keyof DatabaseSchema]: DatabaseSchema[Table] extends TenantRowColumns &
    QueuedRunColumns & { status: unknown }
    ? Table
    : never;
}[keyof DatabaseSchema];

type RunRow<Table extends QueuedRunTable> = Selectable<DatabaseSchema[Table]>;

export type QueuedRun<Table extends QueuedRunTable, View> = {
  table: Table;
  id: string;
  /** What the run is called in errors and in the log, where its id is `<what>_id` ("parallel run": parallel_run_id). */
  what: string;
  /** The columns a run starting (over) begins with besides its status and start: its progress at zero. */
  startColumns: UpdateObject<DatabaseSchema, Table>;
  /** Drops what an earlier attempt stored, in the transaction that starts the run over. */
  dropEarlierAttempt?: (transaction: DatabaseTransaction) => Promise<unknown>;
  present: (row: RunRow<Table>) => View;
  /** The run's work, to its end: answers the run as it ended. */
  work: (started: RunRow<Table>) => Promise<View>;
  /** Ends the run as failed with the error the work threw, and answers it. */
  fail: (error: unknown) => Promise<View>;
};

/** Runs a queued run to its end and answers it as it ended (or as it was, when it had already ended). */
export async function runQueuedRun<Table extends QueuedRunTable, View>(
  context: RequestContext,
  run: QueuedRun<Table, View>,
): Promise<View> {
  const started = await start(context, run);
  if ((started as { status: unknown }).status !== "running") return run.present(started);
  try {
    return await run.work(started);
  } catch (error) {
    const logged = { err: error, [`${run.what.replaceAll(" ", "_")}_id`]: run.id };
    context.logger.error(logged, `${run.what} failed`);
    return run.fail(error);
  }
}

/** Marks a queued (or, after a crash, running) run as running; a finished one is answered as it is. */
async function start<Table extends QueuedRunTable, View>(
  context: RequestContext,
  run: QueuedRun<Table, View>,
): Promise<RunRow<Table>> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await selectInTenant(transaction, context, run.table)
      .where((builder) => builder(sql.ref("id"), "=", run.id))
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw new Error(`No ${run.what} ${run.id} to run.`);
    const { status } = row as { status: unknown };
    if (status !== "queued" && status !== "running") return row as RunRow<Table>;
    await run.dropEarlierAttempt?.(transaction);
    const now = context.clock.now();
    const columns = { ...run.startColumns, status: "running", started_at: now, updated_at: now };
    return updateTenantRow(
      transaction,
      context,
      run.table,
      run.id,
      columns as UpdateObject<DatabaseSchema, Table>,
    );
  });
}
