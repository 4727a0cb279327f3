// A customer's audit history: every change to it, who made it, when and why,
// from GET /v1/audit-events?object_id=. A server without the audit log route,
// or a key without audit:read, gets a sentence instead of the table.
import { usePagedList } from "../../api/queries.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { AuditEventTable } from "../audit/audit-event-table.tsx";

export function CustomerAuditHistory({ customerId }: { customerId: string }) {
  const list = usePagedList("/v1/audit-events", {
    params: { query: { object_id: customerId, limit: 20 } },
  });
  const error = list.status === "error" ? list.error : null;
  return (
    <Panel title="Audit history">
      {error?.code === "route_not_found" ? (
        <p className="state state-empty">Audit history is not available on this server yet.</p>
      ) : error?.status === 403 ? (
        <p className="state state-empty">Your key's role cannot read the audit log.</p>
      ) : (
        <PagedListView
          list={list}
          noun={["change", "changes"]}
          loadingLabel="Loading the audit history…"
          empty="No recorded changes."
        >
          {(events) => <AuditEventTable events={events} label="Audit history table" showObject={false} />}
        </PagedListView>
      )}
    </Panel>
  );
}
