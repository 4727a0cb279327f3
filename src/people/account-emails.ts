// Emails to the people of an organization go through the notifications
// outbox like any other, queued in the change's transaction, in the
// organization's live environment (an account belongs to no one environment);
// among them, the single-use links of email verification and password reset.
import { queueEmail } from "../notifications/index.ts";
import { loadOrganization } from "../organizations/index.ts";
import { fixedClock } from "../platform/clock.ts";
import { systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { issueAccountToken } from "./account-tokens.ts";
import type { UserRow } from "./users.ts";

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

/**
 * Emails the person a single-use link (`<pageUrl>?token=…`, a fresh account
 * token of the purpose): to confirm their address, or to set a new password,
 * whose email also says when the link stops working.
 */
export async function emailAccountLink(
  database: Database,
  now: Date,
  user: UserRow,
  purpose: "email_verification" | "password_reset",
  pageUrl: string,
): Promise<void> {
  const { token, expiresAt } = await issueAccountToken(
    database,
    { organizationId: user.organization_id, userId: user.id, purpose },
    now,
  );
  const to = user.email ?? "";
  const data = { person: { name: user.display_name, email: to }, link: `${pageUrl}?token=${token}` };
  await queueAccountEmail(
    database,
    user.organization_id,
    now,
    purpose === "password_reset"
      ? {
          template: purpose,
          to,
          data: { ...data, expires_at: `${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` },
        }
      : { template: purpose, to, data },
  );
}
