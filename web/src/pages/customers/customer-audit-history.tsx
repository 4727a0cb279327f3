// A customer's audit history: every change to it, who made it, when and why,
// from GET /v1/audit-events?object_id=. A server without the audit log route,
// or a key without audit:read, gets a sentence instead of the table.
import type { AuditEvent } from "../../api/api-types.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const longestValueShown = 80;

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > longestValueShown ? `${text.slice(0, longestValueShown - 1)}…` : text;
}

function describeChange(change: AuditEvent["changes"][number]): string {
  // A change at the root is the whole object appearing or disappearing.
  if (change.path === "$")
    return change.change === "added" ? "created" : change.change === "removed" ? "deleted" : "replaced";
  if (change.change === "added") return `set to ${describeValue(change.after)}`;
  if (change.change === "removed") return `cleared (was ${describeValue(change.before)})`;
  return `${describeValue(change.before)} → ${describeValue(change.after)}`;
}

function Actor({ actor }: { actor: AuditEvent["actor"] }) {
  if (actor.type === "api_key") {
    return (
      <>
        {actor.role ? `${roleLabels[actor.role] ?? actor.role} key` : "API key"}
        <code className="actor-id">{actor.id}</code>
      </>
    );
  }
  return <>{actor.type === "system" ? (actor.id ?? "system") : `${actor.type} ${actor.id ?? ""}`}</>;
}

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
        <TableScroll label="Audit history table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Changes</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((event) => (
                <tr key={event.id}>
                  <td data-label="When" className="nowrap">
                    {formatDateTime(event.occurred_at)}
                  </td>
                  <th scope="row">{event.action}</th>
                  <td data-label="By">
                    <Actor actor={event.actor} />
                  </td>
                  <td data-label="Changes">
                    {event.changes.length === 0 ? (
                      "—"
                    ) : (
                      <ul className="change-list">
                        {event.changes.slice(0, 8).map((change) => (
                          <li key={change.path}>
                            {change.path !== "$" && (
                              <>
                                <code>{change.path}</code>{" "}
                              </>
                            )}
                            {describeChange(change)}
                          </li>
                        ))}
                        {event.changes.length > 8 && <li>and {event.changes.length - 8} more</li>}
                      </ul>
                    )}
                  </td>
                  <td data-label="Reason">{event.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
