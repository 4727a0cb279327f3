// The audit trail of sign-ins: a sign-in, a failed attempt and a lockout on a
// person's account each write an entry that names the person, in the
// environment their sessions open in, so that an admin reading the log sees
// who signed in and who was being guessed at. Attempts on addresses that have
// no account name nobody and are not recorded.
import { recordAuditEvent } from "../audit/index.ts";
import { systemContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { homeEnvironment } from "./memberships.ts";
import type { UserRow } from "./users.ts";

export type SignInOutcome =
  | { action: "user.signed_in"; sessionId: string; method: "password" | "single_sign_on" }
  | { action: "user.sign_in_failed"; failedSignIns: number; failedCheck: "password" | "second_factor" }
  | { action: "user.locked"; lockedUntil: Date; failedCheck: "password" | "second_factor" };

/** Writes the entry of a sign-in attempt on `user`'s account; call it in the transaction that records the attempt. */
export async function recordSignInOutcome(
  transaction: DatabaseTransaction,
  user: UserRow,
  now: Date,
  outcome: SignInOutcome,
): Promise<void> {
  const context = systemContext({
    organizationId: user.organization_id,
    environmentId: await homeEnvironment(transaction, user.organization_id, user.id),
    database: transaction,
    clock: { now: () => now },
    actorName: "sign-in",
  });
  await recordAuditEvent(
    transaction,
    {
      ...context,
      actor: { type: "system", name: "sign-in", person: { id: user.id, name: user.display_name } },
    },
    {
      action: outcome.action,
      objectType: "user",
      objectId: user.id,
      before: null,
      after: { email: user.email, ...outcomeDetails(outcome) },
    },
  );
}

function outcomeDetails(outcome: SignInOutcome): Record<string, unknown> {
  switch (outcome.action) {
    case "user.signed_in":
      return { session_id: outcome.sessionId, method: outcome.method };
    case "user.sign_in_failed":
      return { failed_sign_ins: outcome.failedSignIns, failed_check: outcome.failedCheck };
    case "user.locked":
      return { locked_until: outcome.lockedUntil.toISOString(), failed_check: outcome.failedCheck };
  }
}
