// Integrations: the environment's connections to accounting systems and
// CRMs (with the consent page of one still waiting, one form that connects
// any of them, and the return from a consent page), their mappings; each
// CRM's deals that became draft contracts and its own sync log; the error
// queue (syncs that failed: retry after fixing a mapping, or skip) and the
// sync log of every object sent, with its id in the other system.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ListItem } from "../../api/queries.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView, RefreshButton } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { ConnectSystem, ConsentReturn, systemForms, systemLabels } from "./connect-system.tsx";
import { CrmDeals } from "./crm-deals.tsx";

type Sync = ListItem<"/v1/integrations/syncs">;

const objectLabels: Record<Sync["object_type"], string> = {
  customer: "Customer",
  invoice: "Invoice",
  payment: "Payment",
  refund: "Refund",
  credit_note: "Credit note",
  journal_entry: "Journal entry",
};

export function IntegrationsPage() {
  return (
    <>
      <PageHeader
        title="Integrations"
        subtitle="Accounting systems Fairbill sends invoices, payments, refunds, credit notes and journals to, and CRMs whose won deals become draft contracts."
      />
      <Connections />
      <CrmConnections />
      <ErrorQueue />
      <SyncLog title="Sync log" />
    </>
  );
}

function Connections() {
  const session = useSignedInSession();
  const connections = useQuery(apiQuery("/v1/integrations/connections"));
  if (connections.status === "pending") return <LoadingState label="Loading connections…" />;
  if (connections.status === "error") return <ErrorState error={connections.error} title="No connections" />;
  const [first] = connections.data.data;
  return (
    <Panel title="Connections">
      <ConsentReturn />
      {first === undefined ? (
        <EmptyState title="No system connected.">
          {can(session, "settings:manage")
            ? "Connect an accounting system or a CRM below."
            : "An admin connects one."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Connections table"
            rows={connections.data.data}
            rowKey={(connection) => connection.id}
            columns={[
              {
                header: "System",
                cell: (connection) => systemLabels[connection.system] ?? connection.system,
              },
              {
                header: "Status",
                cell: (connection) =>
                  connection.consent_url === null ? (
                    connection.status.replaceAll("_", " ")
                  ) : (
                    <a href={connection.consent_url}>Waiting for consent: open the consent page</a>
                  ),
              },
              { header: "Organisation", cell: (connection) => connection.external_tenant_id ?? "—" },
              { header: "Since", cell: (connection) => formatDateTime(connection.created_at) },
            ]}
          />
          {connections.data.data.map((connection) => (
            <Mappings
              key={connection.id}
              connectionId={connection.id}
              label={`${systemLabels[connection.system] ?? connection.system} mappings`}
            />
          ))}
        </>
      )}
      {can(session, "settings:manage") && <ConnectSystem />}
    </Panel>
  );
}

function Mappings({ connectionId, label }: { connectionId: string; label: string }) {
  const mappings = useQuery(
    apiQuery("/v1/integrations/connections/{id}/mappings", { params: { path: { id: connectionId } } }),
  );
  if (mappings.status === "pending") return <LoadingState label="Loading mappings…" />;
  if (mappings.status === "error") return <ErrorState error={mappings.error} title="No mappings" />;
  return (
    <>
      <h3>{label}</h3>
      {mappings.data.data.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <DataTable
          label={label}
          rows={mappings.data.data}
          rowKey={(mapping) => mapping.id}
          columns={[
            { header: "Kind", cell: (mapping) => mapping.kind.replaceAll("_", " ") },
            { header: "In Fairbill", cell: (mapping) => mapping.fairbill_key },
            { header: "In the system", cell: (mapping) => mapping.external_key },
          ]}
        />
      )}
    </>
  );
}

function ErrorQueue() {
  const session = useSignedInSession();
  const acts = can(session, "finance:write");
  const list = usePagedList("/v1/integrations/syncs", { params: { query: { state: "failed", limit: 50 } } });
  const [outcome, setOutcome] = useState("");
  const retry = useApiMutation({
    call: (sync: Sync) =>
      api.POST("/v1/integrations/syncs/{id}/retry", { params: { path: { id: sync.id } } }),
    invalidates: ["/v1/integrations/syncs"],
    onSuccess: (_result, sync) =>
      setOutcome(
        `${objectLabels[sync.object_type]} ${sync.object_id} queued again: refresh to see it synced.`,
      ),
  });
  const skip = useApiMutation({
    call: (sync: Sync) => api.POST("/v1/integrations/syncs/{id}/skip", { params: { path: { id: sync.id } } }),
    invalidates: ["/v1/integrations/syncs"],
    onSuccess: (_result, sync) => setOutcome(`${objectLabels[sync.object_type]} ${sync.object_id} skipped.`),
  });
  return (
    <Panel title="Error queue" actions={<RefreshButton onRefresh={list.refetch} />}>
      <StatusMessage>{outcome}</StatusMessage>
      {retry.error && <ErrorState error={retry.error} title="Not retried" />}
      {skip.error && <ErrorState error={skip.error} title="Not skipped" />}
      <PagedListView
        list={list}
        noun={["failed sync", "failed syncs"]}
        loadingLabel="Loading the error queue…"
        empty="Nothing waits in the error queue."
      >
        {(syncs) => (
          <DataTable
            label="Error queue table"
            rows={syncs}
            rowKey={(sync) => sync.id}
            columns={[
              syncObjectColumn,
              {
                header: "Why",
                cell: (sync) => (
                  <>
                    {sync.last_error ?? sync.last_error_code}
                    <span className="actor-id">
                      {sync.attempts} attempts
                      {sync.failed_at === null ? "" : `, ${formatDateTime(sync.failed_at)}`}
                    </span>
                  </>
                ),
              },
              {
                header: "Action",
                cell: (sync) =>
                  acts ? (
                    <span className="page-actions">
                      <RowButton
                        label="Retry"
                        of={`${objectLabels[sync.object_type]} ${sync.object_id}`}
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(sync)}
                      />
                      <RowButton
                        label="Skip"
                        of={`${objectLabels[sync.object_type]} ${sync.object_id}`}
                        disabled={skip.isPending}
                        onClick={() => skip.mutate(sync)}
                      />
                    </span>
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}

/** The CRMs connected: each with the deals it read as won and its own sync log. */
function CrmConnections() {
  const connections = useQuery(apiQuery("/v1/integrations/connections"));
  const crms = (connections.data?.data ?? []).filter(
    (connection) => systemForms[connection.system].kind === "crm" && connection.status === "connected",
  );
  return crms.map((connection) => {
    const label = systemLabels[connection.system] ?? connection.system;
    return (
      <div key={connection.id}>
        <CrmDeals connectionId={connection.id} label={label} />
        <SyncLog title={`${label} sync log`} connectionId={connection.id} />
      </div>
    );
  });
}

/** What a sync is about, in the error queue and the sync logs: the kind of object and its id. */
const syncObjectColumn = {
  header: "Object",
  cell: (sync: Sync) => (
    <>
      {objectLabels[sync.object_type]}
      <code className="actor-id">{sync.object_id}</code>
    </>
  ),
};

function SyncLog({ title, connectionId }: { title: string; connectionId?: string }) {
  const list = usePagedList("/v1/integrations/syncs", {
    params: { query: { limit: 50, ...(connectionId === undefined ? {} : { connection_id: connectionId }) } },
  });
  return (
    <Panel title={title} actions={<RefreshButton onRefresh={list.refetch} />}>
      <PagedListView
        list={list}
        noun={["sync", "syncs"]}
        loadingLabel="Loading the sync log…"
        empty="Nothing synced yet."
      >
        {(syncs) => (
          <DataTable
            label={`${title} table`}
            rows={syncs}
            rowKey={(sync) => sync.id}
            columns={[
              syncObjectColumn,
              { header: "State", cell: (sync) => sync.state },
              { header: "In the system", cell: (sync) => sync.external_id ?? "—" },
              { header: "Attempts", numeric: true, cell: (sync) => String(sync.attempts) },
              { header: "Updated", cell: (sync) => formatDateTime(sync.updated_at) },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
