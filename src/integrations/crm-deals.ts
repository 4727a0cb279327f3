// The deals a CRM connection's sync read as won, newest first, each with
// its amount, its state, and what it became: the approval request that is
// its draft contract, then the subscription and contract once approved.
import type { Selectable } from "kysely";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { findConnection } from "./connections.ts";
import type { CrmDealListFilters, CrmDealView } from "./integration-schemas.ts";
import type { CrmDealTable } from "./tables.ts";

type CrmDealRow = Selectable<CrmDealTable>;

export async function listCrmDeals(
  context: RequestContext,
  connectionId: string,
  filters: CrmDealListFilters,
  page: PageRequest,
): Promise<CrmDealRow[]> {
  await findConnection(context.database, context, connectionId);
  let query = selectInTenant(context.database, context, "crm_deals").where(
    "connection_id",
    "=",
    connectionId,
  );
  if (filters.state !== undefined) query = query.where("state", "=", filters.state);
  return newestFirstPage(query, page).execute();
}

export function presentCrmDeal(row: CrmDealRow): CrmDealView {
  return {
    id: row.id,
    connection_id: row.connection_id,
    external_id: row.external_id,
    name: row.name,
    amount: row.amount,
    state: row.state,
    customer_id: row.customer_id,
    draft_contract:
      row.proposal === null
        ? null
        : {
            plan: row.proposal.plan,
            start: row.proposal.start,
            end: row.proposal.end,
            rate_card_entries: row.proposal.rate_card.length,
          },
    approval_request_id: row.approval_request_id,
    subscription_id: row.subscription_id,
    contract_id: row.contract_id,
    last_error: row.last_error,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
