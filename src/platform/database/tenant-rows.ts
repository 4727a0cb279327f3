// What every new row starts with: its own prefixed id, and the organization
// and environment it belongs to (every row carries both, and every query is
// scoped by them: tenant-scope.ts).
import type { TenantScope } from "../context.ts";
import { type IdKind, newId } from "../ids.ts";
import type { TenantRowColumns } from "./schema.ts";

/** The id, organization and environment columns of a new row of `kind`, made at `now`. */
export function newTenantRow(scope: TenantScope, kind: IdKind, now: Date): TenantRowColumns {
  return { id: newId(kind, now), organization_id: scope.organizationId, environment_id: scope.environmentId };
}
