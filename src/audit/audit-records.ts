// The usual audit entries for one object: its creation, and a change that
// names the object by its type and verb; and the change of an environment's
// settings. Most writes of configuration and money objects record one of
// these, in the transaction that made the change, with the object as the API
// presents it before and after.
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { recordAuditEvent } from "./audit-log.ts";

/** An object as presented to the API: it has an id, and the audit log keeps it as JSON. */
type AuditedObject = { id: string };

/**
 * Records `<objectType>.<verb>` on one object (`product.updated`,
 * `coupon.archived`), named by the id of `after`, or of `before` when the
 * object is gone.
 */
export async function recordObjectChange(
  transaction: DatabaseTransaction,
  context: RequestContext,
  objectType: string,
  verb: string,
  before: AuditedObject | null,
  after: AuditedObject | null,
): Promise<void> {
  const objectId = after?.id ?? before?.id;
  if (objectId === undefined) throw new Error(`An audited ${objectType}.${verb} names no object.`);
  await recordAuditEvent(transaction, context, {
    action: `${objectType}.${verb}`,
    objectType,
    objectId,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
  });
}

/** Records `<objectType>.created` with nothing before and `created` after; returns `created`. */
export async function recordCreation<Created extends AuditedObject>(
  transaction: DatabaseTransaction,
  context: RequestContext,
  objectType: string,
  created: Created,
): Promise<Created> {
  await recordObjectChange(transaction, context, objectType, "created", null, created);
  return created;
}

/**
 * Records `<settings>.updated` on one of the environment's settings
 * (`tax_settings`, `metering_settings`: the object's type too), named by the
 * environment's id, with the settings as the API presents them before and after.
 */
export async function recordSettingsUpdate(
  transaction: DatabaseTransaction,
  context: RequestContext,
  settings: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(transaction, context, {
    action: `${settings}.updated`,
    objectType: settings,
    objectId: context.environmentId,
    before,
    after,
  });
}
