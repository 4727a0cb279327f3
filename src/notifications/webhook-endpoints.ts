// Webhook endpoints: where an environment's events go. Each has its own
// signing secret, shown once when made and once when rotated. Disabling or
// deleting an endpoint cancels its deliveries still waiting for a retry. An
// endpoint's URL may not point inside Fairbill's own network (saved-target.ts).
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound } from "../platform/errors.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import type { WebhookEndpointTable } from "./tables.ts";
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookEndpoint,
} from "./webhook-schemas.ts";
import { generateSigningSecret } from "./webhook-signing.ts";

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;

export type NewWebhookSecret = { endpoint: WebhookEndpoint; secret: string };

export async function createWebhookEndpoint(
  context: RequestContext,
  input: CreateWebhookEndpointInput,
): Promise<NewWebhookSecret> {
  await checkTargetUrl(input.url, "$.url");
  const now = context.clock.now();
  const secret = generateSigningSecret();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "webhook_endpoints", "webhookEndpoint", now, {
      url: input.url,
      description: input.description ?? null,
      event_types: JSON.stringify(input.event_types),
      enabled: input.enabled ?? true,
      // Sealed with the organization's data key: the database never holds it readable.
      secret: await sealSecret(transaction, context.organizationId, secret),
      created_at: now,
      updated_at: now,
    });
    const endpoint = presentWebhookEndpoint(row);
    await recordCreation(transaction, context, "webhook_endpoint", endpoint);
    return { endpoint, secret };
  });
}

export async function listWebhookEndpoints(
  context: RequestContext,
  page: PageRequest,
): Promise<WebhookEndpoint[]> {
  const query = newestFirstPage(selectEndpoints(context.database, context), page);
  const rows = await query.execute();
  return rows.map(presentWebhookEndpoint);
}

/** The ids of the environment's endpoints that receive events (enabled, not deleted). */
export async function enabledWebhookEndpointIds(database: Database, scope: TenantScope): Promise<string[]> {
  const rows = await selectEndpoints(database, scope).where("enabled", "=", true).select("id").execute();
  return rows.map((row) => row.id);
}

export async function getWebhookEndpoint(context: RequestContext, id: string): Promise<WebhookEndpoint> {
  return presentWebhookEndpoint(await endpointRow(context.database, context, id));
}

export async function updateWebhookEndpoint(
  context: RequestContext,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpoint> {
  if (input.url !== undefined) await checkTargetUrl(input.url, "$.url");
  return context.database.transaction().execute(async (transaction) => {
    const before = presentWebhookEndpoint(await endpointRow(transaction, context, id, { forUpdate: true }));
    const now = context.clock.now();
    const row = await updateTenantRow(transaction, context, "webhook_endpoints", id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.event_types !== undefined ? { event_types: JSON.stringify(input.event_types) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updated_at: now,
    });
    if (!row.enabled) await cancelPendingDeliveries(transaction, context, { endpointId: id }, now);
    const after = presentWebhookEndpoint(row);
    await recordObjectChange(transaction, context, "webhook_endpoint", "updated", before, after);
    return after;
  });
}

/** Deletes an endpoint: it receives nothing more, and its delivery log stays readable through its events. */
export async function deleteWebhookEndpoint(context: RequestContext, id: string): Promise<WebhookEndpoint> {
  return context.database.transaction().execute(async (transaction) => {
    const before = presentWebhookEndpoint(await endpointRow(transaction, context, id, { forUpdate: true }));
    const now = context.clock.now();
    const row = await updateTenantRow(transaction, context, "webhook_endpoints", id, {
      deleted_at: now,
      enabled: false,
      updated_at: now,
    });
    await cancelPendingDeliveries(transaction, context, { endpointId: id }, now);
    const after = presentWebhookEndpoint(row);
    await recordObjectChange(transaction, context, "webhook_endpoint", "deleted", before, after);
    return after;
  });
}

/**
 * Gives the endpoint a new signing secret. For `previousSecretValidForSeconds`
 * the old one signs too (a second signature in `webhook-signature`), so a
 * receiver can switch without refusing events in between.
 */
export async function rotateWebhookEndpointSecret(
  context: RequestContext,
  id: string,
  options: { previousSecretValidForSeconds: number },
): Promise<NewWebhookSecret> {
  const secret = generateSigningSecret();
  return context.database.transaction().execute(async (transaction) => {
    const beforeRow = await endpointRow(transaction, context, id, { forUpdate: true });
    const now = context.clock.now();
    const keepPrevious = options.previousSecretValidForSeconds > 0;
    const row = await updateTenantRow(transaction, context, "webhook_endpoints", id, {
      secret: await sealSecret(transaction, context.organizationId, secret),
      previous_secret: keepPrevious ? beforeRow.secret : null,
      previous_secret_expires_at: keepPrevious
        ? new Date(now.getTime() + options.previousSecretValidForSeconds * 1000)
        : null,
      updated_at: now,
    });
    const endpoint = presentWebhookEndpoint(row);
    await recordObjectChange(
      transaction,
      context,
      "webhook_endpoint",
      "secret_rotated",
      presentWebhookEndpoint(beforeRow),
      endpoint,
    );
    return { endpoint, secret };
  });
}

/** The endpoints of the scope that are live (not deleted), for publishing and delivering. */
export function selectEndpoints(database: Database | DatabaseTransaction, scope: TenantScope) {
  return selectInTenant(database, scope, "webhook_endpoints").where("deleted_at", "is", null);
}

export async function endpointRow(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookEndpointRow> {
  let query = selectEndpoints(database, scope).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("webhook endpoint", id);
  return row;
}

/** The secrets that sign a message sent at `now`: the current one, and the previous one while it is honoured. */
export async function signingSecretsOf(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  endpoint: Pick<WebhookEndpointRow, "secret" | "previous_secret" | "previous_secret_expires_at">,
  now: Date,
): Promise<string[]> {
  const previousHonoured =
    endpoint.previous_secret !== null &&
    endpoint.previous_secret_expires_at !== null &&
    endpoint.previous_secret_expires_at > now;
  const stored =
    previousHonoured && endpoint.previous_secret
      ? [endpoint.secret, endpoint.previous_secret]
      : [endpoint.secret];
  return Promise.all(stored.map((secret) => openSecret(database, scope.organizationId, secret)));
}

/** The endpoints' signing secrets are stored sealed (envelope encryption); `fairbill secrets rotate` seals them anew. */
export const webhookSecretColumns: SecretColumns = {
  table: "webhook_endpoints",
  idColumns: ["id"],
  columns: ["secret", "previous_secret"],
};

/** Cancels what is still pending of one delivery, or of every delivery to one endpoint. */
export async function cancelPendingDeliveries(
  database: Database,
  scope: TenantScope,
  which: { deliveryId: string } | { endpointId: string },
  now: Date,
): Promise<void> {
  const pending = database
    .updateTable("webhook_deliveries")
    .set({ status: "canceled", next_attempt_at: null, updated_at: now })
    .where(inTenant(scope))
    .where("status", "=", "pending");
  const chosen =
    "deliveryId" in which
      ? pending.where("id", "=", which.deliveryId)
      : pending.where("endpoint_id", "=", which.endpointId);
  await chosen.execute();
}

function presentWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    enabled: row.enabled,
    previous_secret_expires_at: row.previous_secret_expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
