// A CRM's deals that were won, as the sync read them: each with its amount
// as the CRM states it, its state, and what it became: a draft contract
// (the approval request a billing operator approves), then the customer's
// contract. A finance key syncs the CRM now, rather than at the next hour.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatQuantity } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { PagedListView, RefreshButton } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";

const stateLabels = {
  awaiting_approval: "Draft contract, awaiting approval",
  approved: "Approved, contract being made",
  contracted: "Contracted",
  failed: "Not a contract yet",
} as const;

export function CrmDeals({ connectionId, label }: { connectionId: string; label: string }) {
  const session = useSignedInSession();
  const list = usePagedList("/v1/integrations/connections/{id}/crm-deals", {
    params: { path: { id: connectionId }, query: { limit: 50 } },
  });
  const [outcome, setOutcome] = useState("");
  const sync = useApiMutation({
    call: () =>
      api.POST("/v1/integrations/connections/{id}/crm-syncs", { params: { path: { id: connectionId } } }),
    invalidates: ["/v1/integrations/syncs", "/v1/integrations/connections/{id}/crm-deals"],
    onSuccess: () => setOutcome(`${label} sync queued: refresh to see what it read.`),
  });
  return (
    <Panel
      title={`${label} deals`}
      actions={
        <span className="page-actions">
          {can(session, "finance:write") && (
            <button
              type="button"
              className="button button-small"
              disabled={sync.isPending}
              onClick={() => sync.mutate()}
            >
              Sync now
            </button>
          )}
          <RefreshButton onRefresh={list.refetch} />
        </span>
      }
    >
      <StatusMessage>{outcome}</StatusMessage>
      {sync.error && <ErrorState error={sync.error} title="Not synced" />}
      <PagedListView list={list} noun={["deal", "deals"]} empty={`No won deal read from ${label} yet.`}>
        {(deals) => (
          <DataTable
            label={`${label} deals table`}
            rows={deals}
            rowKey={(deal) => deal.id}
            columns={[
              {
                header: "Deal",
                cell: (deal) => (
                  <>
                    {deal.name}
                    <code className="actor-id">{deal.external_id}</code>
                  </>
                ),
              },
              {
                header: "Amount",
                numeric: true,
                cell: (deal) => (deal.amount === null ? "—" : formatQuantity(deal.amount)),
              },
              {
                header: "State",
                cell: (deal) => (
                  <>
                    {stateLabels[deal.state]}
                    {deal.last_error && <span className="actor-id">{deal.last_error}</span>}
                  </>
                ),
              },
              {
                header: "Draft contract",
                cell: (deal) =>
                  deal.draft_contract === null ? (
                    "—"
                  ) : (
                    <>
                      Plan <code>{deal.draft_contract.plan}</code>,{" "}
                      {formatDateTime(deal.draft_contract.start)} – {formatDateTime(deal.draft_contract.end)}
                      {deal.approval_request_id && (
                        <span className="actor-id">
                          <Link to="/approvals">Approval request {deal.approval_request_id}</Link>
                        </span>
                      )}
                    </>
                  ),
              },
              {
                header: "Contract",
                cell: (deal) =>
                  deal.contract_id === null || deal.customer_id === null ? (
                    "—"
                  ) : (
                    <Link to={customerPath(deal.customer_id)}>{deal.contract_id}</Link>
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
