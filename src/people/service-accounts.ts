// Service accounts: holders of API keys for programs (a deployment, the CLI,
// a test). A service account is owned by the person who answers for it, and
// its keys act as that person for four-eyes; one that no person owns (the
// keys made on the command line or at the first start) answers for itself.
import { createApiKey, type NewApiKey } from "../organizations/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { RequestContext } from "../platform/context.ts";
import { insertServiceAccount } from "./users.ts";

export type ServiceAccountKeyInput = {
  name: string;
  role: Role;
  /** The person who answers for the service account; none: it answers for itself. */
  ownerUserId?: string | undefined;
  expiresAt?: Date | undefined;
};

/**
 * A new service account with one API key: what the CLI, the first start and
 * tests make when no person is signed in.
 */
export async function createServiceAccountKey(
  context: RequestContext,
  input: ServiceAccountKeyInput,
): Promise<NewApiKey> {
  const account = await insertServiceAccount(
    context.database,
    context.organizationId,
    { name: input.name, ownerUserId: input.ownerUserId ?? null },
    context.clock.now(),
  );
  return createApiKey(context, {
    name: input.name,
    role: input.role,
    userId: account.id,
    expiresAt: input.expiresAt,
  });
}
