// A customer's audit history: every change to it, who made it, when and why,
// from GET /v1/audit-events?object_id=. A server without the audit log route,
// or a key without audit:read, gets a sentence instead of the table.
import type { AuditEvent } from "../../api/api-types.ts";
import { usePagedList } from "../../api/use-api.ts";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { AuditEventTable } from "../audit/audit-event-table.tsx";

export function CustomerAuditHistory({ customerId }: { customerId: string }) {
  const list = usePagedList<AuditEvent>(
    `/v1/audit-events?object_id=${encodeURIComponent(customerId)}&limit=20`,
  );

  return (
    <section className="panel" aria-labelledby="audit-history-title">
      <h2 id="audit-history-title">Audit history</h2>
      {list.state.status === "loading" && <LoadingState label="Loading the audit history…" />}
      {list.state.status === "error" &&
        (list.state.error.code === "route_not_found" ? (
          <p className="state state-empty">Audit history is not available on this server yet.</p>
        ) : list.state.error.status === 403 ? (
          <p className="state state-empty">Your key's role cannot read the audit log.</p>
        ) : (
          <ErrorState error={list.state.error} onRetry={list.reload} />
        ))}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No recorded changes." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <AuditEventTable events={list.state.data} label="Audit history table" showObject={false} />
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
