// Every webhook payload a test made Fairbill publish must be what its event
// type declares: the test app checks each event it stored when it closes, so
// every test of every domain checks the contract the OpenAPI document states.
import { webhookEvents } from "../../src/app.ts";
import { webhookPayloadErrors } from "../../src/notifications/index.ts";
import type { Database } from "../../src/platform/database/schema.ts";

/** A line per way an event stored in `database` differs from its type's declared payload. */
export async function webhookPayloadProblems(database: Database): Promise<string[]> {
  const events = await database.selectFrom("webhook_events").select(["id", "type", "data"]).execute();
  return events.flatMap((event) =>
    webhookPayloadErrors(webhookEvents, event.type, event.data).map(
      (error) => `${event.type} ${event.id}: ${error.path} ${error.message}`,
    ),
  );
}
