// Emails to the people of an organization go through the notifications
// outbox like any other, queued in the change's transaction, in the
// organization's live environment (an account belongs to no one environment).
import { queueEmail } from "../notifications/index.ts";
import { loadOrganization } from "../organizations/index.ts";
import { fixedClock } from "../platform/clock.ts";
import { systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";

type AccountEmail = Parameters<typeof queueEmail>[2];

export async function queueAccountEmail(
  database: Database,
  organizationId: string,
  now: Date,
  email: AccountEmail,
): Promise<void> {
  const organization = await loadOrganization(database, organizationId);
  const context = systemContext({
    organizationId,
    environmentId: organization.environments.live,
    database,
    clock: fixedClock(now),
    actorName: "people",
  });
  await queueEmail(database, context, email);
}
