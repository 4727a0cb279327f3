// Integrations: the environment's connections to accounting systems (with
// the consent page of one still waiting, a form that connects QuickBooks
// Online or NetSuite, and the return from a consent page), their mappings,
// the error queue (syncs that failed: retry after fixing a mapping, or skip)
// and the sync log of every object sent, with its id in the other system.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ListItem } from "../../api/queries.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { ConnectAccountingSystem, ConsentReturn, systemLabels } from "./connect-accounting-system.tsx";

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
        subtitle="Accounting systems Fairbill sends invoices, payments, refunds, credit notes and journals to."
      />
      <Connections />
      <ErrorQueue />
      <SyncLog />
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
        <EmptyState title="No accounting system connected.">
          {can(session, "settings:manage")
            ? "Connect QuickBooks Online or NetSuite below; Xero with POST /v1/integrations/connections."
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
          <Mappings connectionId={first.id} />
        </>
      )}
      {can(session, "settings:manage") && <ConnectAccountingSystem />}
    </Panel>
  );
}

function Mappings({ connectionId }: { connectionId: string }) {
  const mappings = useQuery(
    apiQuery("/v1/integrations/connections/{id}/mappings", { params: { path: { id: connectionId } } }),
  );
  if (mappings.status === "pending") return <LoadingState label="Loading mappings…" />;
  if (mappings.status === "error") return <ErrorState error={mappings.error} title="No mappings" />;
  return mappings.data.data.length === 0 ? (
    <EmptyState title="No mappings yet." />
  ) : (
    <DataTable
      label="Mappings table"
      rows={mappings.data.data}
      rowKey={(mapping) => mapping.id}
      columns={[
        { header: "Kind", cell: (mapping) => mapping.kind.replaceAll("_", " ") },
        { header: "In Fairbill", cell: (mapping) => mapping.fairbill_key },
        { header: "In the system", cell: (mapping) => mapping.external_key },
      ]}
    />
  );
}

function ErrorQueue() {
  const session = useSignedInSession();
  const acts = can(session, "finance:write");
  const list = usePagedList("/v1/integrations/syncs", { params: { query: { state: "failed", limit: 50 } } });
  const [outcome, setOutcome] = useState("");
  const retry = useApiMutation({
    write: (sync: Sync) =>
      answer(api.POST("/v1/integrations/syncs/{id}/retry", { params: { path: { id: sync.id } } })),
    invalidates: ["/v1/integrations/syncs"],
    onSuccess: (_result, sync) =>
      setOutcome(
        `${objectLabels[sync.object_type]} ${sync.object_id} queued again: refresh to see it synced.`,
      ),
  });
  const skip = useApiMutation({
    write: (sync: Sync) =>
      answer(api.POST("/v1/integrations/syncs/{id}/skip", { params: { path: { id: sync.id } } })),
    invalidates: ["/v1/integrations/syncs"],
    onSuccess: (_result, sync) => setOutcome(`${objectLabels[sync.object_type]} ${sync.object_id} skipped.`),
  });
  return (
    <Panel
      title="Error queue"
      actions={
        <button type="button" className="button button-small" onClick={list.refetch}>
          Refresh
        </button>
      }
    >
      <p className="outcome" role="status">
        {outcome}
      </p>
      {retry.error && <ErrorState error={retry.error} title="Not retried" />}
      {skip.error && <ErrorState error={skip.error} title="Not skipped" />}
      <PagedListView
        list={list}
        noun={["failed sync", "failed syncs"]}
        loadingLabel="Loading the error queue…"
        empty={<EmptyState title="Nothing waits in the error queue." />}
      >
        {(syncs) => (
          <DataTable
            label="Error queue table"
            rows={syncs}
            rowKey={(sync) => sync.id}
            columns={[
              {
                header: "Object",
                cell: (sync) => (
                  <>
                    {objectLabels[sync.object_type]}
                    <code className="actor-id">{sync.object_id}</code>
                  </>
                ),
              },
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
                      <button
                        type="button"
                        className="button button-small"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(sync)}
                        aria-label={`Retry ${objectLabels[sync.object_type]} ${sync.object_id}`}
                      >
                        Retry
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={skip.isPending}
                        onClick={() => skip.mutate(sync)}
                        aria-label={`Skip ${objectLabels[sync.object_type]} ${sync.object_id}`}
                      >
                        Skip
                      </button>
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

function SyncLog() {
  const list = usePagedList("/v1/integrations/syncs", { params: { query: { limit: 50 } } });
  return (
    <Panel
      title="Sync log"
      actions={
        <button type="button" className="button button-small" onClick={list.refetch}>
          Refresh
        </button>
      }
    >
      <PagedListView
        list={list}
        noun={["sync", "syncs"]}
        loadingLabel="Loading the sync log…"
        empty={<EmptyState title="Nothing synced yet." />}
      >
        {(syncs) => (
          <DataTable
            label="Sync log table"
            rows={syncs}
            rowKey={(sync) => sync.id}
            columns={[
              {
                header: "Object",
                cell: (sync) => (
                  <>
                    {objectLabels[sync.object_type]}
                    <code className="actor-id">{sync.object_id}</code>
                  </>
                ),
              },
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
