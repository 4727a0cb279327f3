// Meters: what usage billing counts from events, each with its definition in
// effect now and how many versions it has had.

import type { Meter } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const filterFields: FilterField[] = [
  { name: "code", label: "Code" },
  { name: "event_name", label: "Event name" },
];

function describeFilters(filters: Meter["filters"]): string {
  const entries = Object.entries(filters);
  if (entries.length === 0) return "every event";
  return entries.map(([property, values]) => `${property} in ${values.map(String).join(", ")}`).join("; ");
}

export function MeterListPage() {
  const session = useSignedInSession();
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "50");
  const list = usePagedList<Meter>(`/v1/meters?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

  return (
    <>
      <PageHeader
        title="Meters"
        subtitle="What usage billing counts from events, and how."
        actions={
          can(session, "meters:write") && (
            <Link to="/meters/new" className="button button-primary">
              New meter
            </Link>
          )
        }
      />
      <FilterForm
        key={query.toString()}
        basePath="/meters"
        fields={filterFields}
        label="Filter meters"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading meters…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No meter matches these filters." : "No meters yet."}>
          {!filtered && <p>Create one with “New meter”, or through the API (POST /v1/meters).</p>}
        </EmptyState>
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Meters table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Meter</th>
                <th scope="col">Event name</th>
                <th scope="col">Aggregation</th>
                <th scope="col">Counts</th>
                <th scope="col">Grouped by</th>
                <th scope="col">Version</th>
                <th scope="col">Events</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((meter) => (
                <tr key={meter.id}>
                  <th scope="row">
                    {meter.name}
                    <code className="actor-id">{meter.code}</code>
                  </th>
                  <td data-label="Event name">
                    <code>{meter.event_name}</code>
                  </td>
                  <td data-label="Aggregation">
                    {meter.aggregation}
                    {meter.property && (
                      <>
                        {" of "}
                        <code>{meter.property}</code>
                      </>
                    )}
                  </td>
                  <td data-label="Counts">{describeFilters(meter.filters)}</td>
                  <td data-label="Grouped by">
                    {meter.group_by.length > 0 ? meter.group_by.join(", ") : "—"}
                  </td>
                  <td data-label="Version">
                    {meter.version} of {meter.versions.length}
                    <span className="actor-id">since {formatDateTime(meter.effective_from)}</span>
                  </td>
                  <td data-label="Events">
                    <Link to={`/events?name=${encodeURIComponent(meter.event_name)}`}>
                      Show events<span className="visually-hidden"> of {meter.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["meter", "meters"]} />
    </>
  );
}
