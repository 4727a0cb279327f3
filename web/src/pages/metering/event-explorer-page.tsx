// The event explorer: raw usage events, newest first, with the meters each
// matched, filtered by customer, name and time; and the events of customer
// external ids that no customer has yet.

import type { UnattributedCustomer, UsageEvent } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const filterFields: FilterField[] = [
  { name: "customer", label: "Customer", hint: "The customer's external id." },
  { name: "name", label: "Event name" },
  { name: "from", label: "From", kind: "instant", hint: "In your time zone." },
  { name: "to", label: "Before", kind: "instant" },
];

const longestPropertiesShown = 120;

function describeProperties(properties: Record<string, unknown>): string {
  const text = JSON.stringify(properties);
  return text.length > longestPropertiesShown ? `${text.slice(0, longestPropertiesShown - 1)}…` : text;
}

function eventsOf(customer: string): string {
  return `/events?customer=${encodeURIComponent(customer)}`;
}

export function EventExplorerPage() {
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "50");
  const list = usePagedList<UsageEvent>(`/v1/events?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

  return (
    <>
      <PageHeader title="Events" subtitle="Usage events as they arrived, with the meters that count them." />
      <FilterForm
        key={query.toString()}
        basePath="/events"
        fields={filterFields}
        label="Filter events"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading events…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No event matches these filters." : "No events yet."}>
          {!filtered && <p>Send usage through the API (POST /v1/events).</p>}
        </EmptyState>
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Events table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When</th>
                <th scope="col">Customer</th>
                <th scope="col">Properties</th>
                <th scope="col">Counted by</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    {event.name}
                    <code className="actor-id">{event.id}</code>
                    {event.voided_at && <span className="badge badge-muted">Voided</span>}
                    {event.revision > 0 && !event.voided_at && (
                      <span className="badge">Amended {event.revision}×</span>
                    )}
                  </th>
                  <td data-label="When" className="nowrap">
                    {formatDateTime(event.timestamp)}
                  </td>
                  <td data-label="Customer">
                    <Link to={eventsOf(event.customer)}>{event.customer}</Link>
                  </td>
                  <td data-label="Properties">
                    <code className="properties">{describeProperties(event.properties)}</code>
                  </td>
                  <td data-label="Counted by">
                    {event.matched_meters.length === 0
                      ? "No meter"
                      : event.matched_meters.map((meter) => `${meter.code} v${meter.version}`).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["event", "events"]} />
      <UnattributedCustomers />
    </>
  );
}

function UnattributedCustomers() {
  const list = usePagedList<UnattributedCustomer>("/v1/events/unattributed?limit=20");
  return (
    <section className="panel section-gap" aria-labelledby="unattributed-title">
      <h2 id="unattributed-title">Events of customers not created yet</h2>
      <p className="muted">
        Events are kept under their external id until a customer with that id exists; creating it attributes
        them.
      </p>
      {list.state.status === "loading" && <LoadingState label="Loading…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="Every event belongs to a known customer." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Unattributed events table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">External id</th>
                <th scope="col" className="numeric">
                  Events
                </th>
                <th scope="col">First</th>
                <th scope="col">Last</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((unattributed) => (
                <tr key={unattributed.customer}>
                  <th scope="row">
                    <Link to={eventsOf(unattributed.customer)}>{unattributed.customer}</Link>
                  </th>
                  <td data-label="Events" className="numeric">
                    {unattributed.event_count}
                  </td>
                  <td data-label="First">{formatDateTime(unattributed.first_timestamp)}</td>
                  <td data-label="Last">{formatDateTime(unattributed.last_timestamp)}</td>
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
