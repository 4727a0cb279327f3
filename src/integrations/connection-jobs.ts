// What the integrations' jobs about one connection share: each runs in the
// context of the job's environment, reads its payload against its schema,
// and does nothing once the connection is no longer connected (or when it
// reaches a system of the other family: a CRM, or an accounting system).
import type { Static, TObject, TString } from "typebox";
import type { RequestContext } from "../platform/context.ts";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";
import type { QueuedJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { type ConnectionRow, findConnection } from "./connections.ts";

/** The context of the job's environment: a job that names none is refused. */
export type JobContextOf = (job: QueuedJob) => Promise<RequestContext>;

/** The handler of a `kind` job about the connection its payload names, when it is connected and of the family. */
export function connectionJobHandler<
  Schema extends TObject<{ connection_id: TString }>,
  Connection extends ConnectionRow,
>(
  contextOf: JobContextOf,
  kind: string,
  payloadSchema: Schema,
  ofFamily: (connection: ConnectionRow) => connection is Connection,
  work: (context: RequestContext, connection: Connection, payload: Static<Schema>) => Promise<void>,
): JobHandler {
  const readPayload = jobPayloadReader(kind, payloadSchema);
  return {
    handle: async (job) => {
      const context = await contextOf(job);
      const payload = readPayload(job.payload);
      const connection = await findConnection(context.database, context, payload.connection_id);
      if (connection.status !== "connected" || !ofFamily(connection)) return;
      await work(context, connection, payload);
    },
  };
}
