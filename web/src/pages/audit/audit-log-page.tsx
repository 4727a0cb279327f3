// The audit log of this environment: every recorded change, newest first,
// filtered by object, actor, action and time.
import type { AuditEvent } from "../../api/api-types.ts";
import { usePagedList } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { AuditEventTable } from "./audit-event-table.tsx";

const filterFields: FilterField[] = [
  { name: "object_type", label: "Object type", hint: "Such as customer, plan_version or api_key." },
  { name: "object_id", label: "Object id" },
  { name: "actor_id", label: "Actor", hint: "An API key id (key_…) or a system actor." },
  { name: "action", label: "Action", hint: "Such as customer.updated." },
  { name: "occurred_after", label: "From", kind: "instant", hint: "In your time zone." },
  { name: "occurred_before", label: "Before", kind: "instant" },
];

export function AuditLogPage() {
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "50");
  const list = usePagedList<AuditEvent>(`/v1/audit-events?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change to configuration and money in this environment: who, when, what and why."
      />
      <FilterForm
        key={query.toString()}
        basePath="/audit-log"
        fields={filterFields}
        label="Filter the audit log"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading the audit log…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No entry matches these filters." : "No changes recorded yet."}>
          {filtered && (
            <p>
              <Link to="/audit-log">Clear the filters</Link> to see every entry.
            </p>
          )}
        </EmptyState>
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <AuditEventTable events={list.state.data} label="Audit log table" showObject />
      )}
      <ListFooter list={list} noun={["entry", "entries"]} />
    </>
  );
}
