// An object's links in the systems it was synced to (a customer's contact
// or company, an invoice, a payment): one per connection that holds it, with
// its id there, the state of its sync and the vendor's page for it, read
// from the sync log.
import { getCustomer } from "../customers/index.ts";
import { getInvoice } from "../invoicing/index.ts";
import { getPayment } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { externalLinkUrl } from "./external-link-urls.ts";
import type { ExternalLinkQueryInput, ExternalLinkView } from "./integration-schemas.ts";

/** Each kind of object read through its domain: an object of another tenant, or none, is not found (404). */
const objectReaders: Record<
  ExternalLinkQueryInput["object_type"],
  (context: RequestContext, id: string) => Promise<unknown>
> = {
  customer: getCustomer,
  invoice: getInvoice,
  payment: getPayment,
};

/** The ids a query names: one object (which must exist here), or a list of them (a page of a list). */
async function objectIdsOf(context: RequestContext, query: ExternalLinkQueryInput): Promise<string[]> {
  if ((query.object_id === undefined) === (query.object_ids === undefined)) {
    throw validationFailed([
      { path: "query.object_id", message: "or query.object_ids is required, and not both" },
    ]);
  }
  if (query.object_id !== undefined) {
    await objectReaders[query.object_type](context, query.object_id);
    return [query.object_id];
  }
  return [...new Set((query.object_ids ?? "").split(","))];
}

export async function listExternalLinks(
  context: RequestContext,
  query: ExternalLinkQueryInput,
): Promise<{ data: ExternalLinkView[] }> {
  const objectIds = await objectIdsOf(context, query);
  const rows = await context.database
    .selectFrom("integration_syncs")
    .innerJoin("integration_connections", "integration_connections.id", "integration_syncs.connection_id")
    .select([
      "integration_syncs.id",
      "integration_syncs.connection_id",
      "integration_syncs.state",
      "integration_syncs.object_id",
      "integration_syncs.external_id",
      "integration_syncs.updated_at",
      "integration_connections.system",
      "integration_connections.api_base_url",
      "integration_connections.external_tenant_id",
    ])
    .where(inTenant(context, "integration_syncs"))
    .where(inTenant(context, "integration_connections"))
    .where("integration_syncs.object_type", "=", query.object_type)
    .where("integration_syncs.object_id", "in", objectIds)
    .orderBy("integration_syncs.object_id")
    .orderBy("integration_syncs.id")
    .execute();
  return {
    data: rows.map((row) => ({
      sync_id: row.id,
      connection_id: row.connection_id,
      system: row.system,
      object_type: query.object_type,
      object_id: row.object_id,
      external_id: row.external_id,
      state: row.state,
      url:
        row.external_id === null
          ? null
          : externalLinkUrl(
              {
                system: row.system,
                apiBaseUrl: row.api_base_url,
                externalTenantId: row.external_tenant_id,
              },
              query.object_type,
              row.external_id,
            ),
      updated_at: row.updated_at.toISOString(),
    })),
  };
}
