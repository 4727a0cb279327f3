// The event explorer: raw usage events, newest first, with the meters each
// matched, filtered by customer, name and time; and the events of customer
// external ids that no customer has yet. Months past the environment's event
// retention are archived, and the page says from when events are listed.

import { useQuery } from "@tanstack/react-query";
import { apiQuery, usePagedList } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import { FilteredListPage, useFilteredList } from "../../ui/filtered-list-page.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";

type EventQuery = QueryOf<"/v1/events">;

const filterFields: FilterField<keyof EventQuery>[] = [
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
  const filteredList = useFilteredList("/v1/events", filterFields, 50);

  return (
    <>
      <FilteredListPage
        title="Events"
        subtitle="Usage events as they arrived, with the meters that count them."
        beforeFilters={<ArchivedEventsNotice />}
        basePath="/events"
        filteredList={filteredList}
        noun={["event", "events"]}
        empty={{
          hint: <p>Send usage through the API (POST /v1/events).</p>,
        }}
      >
        {(events) => (
          <DataTable
            label="Events table"
            rows={events}
            rowKey={(event) => event.id}
            columns={[
              {
                header: "Event",
                cell: (event) => (
                  <>
                    {event.name}
                    <code className="actor-id">{event.id}</code>
                    {event.voided_at && <span className="badge badge-muted">Voided</span>}
                    {event.revision > 0 && !event.voided_at && (
                      <span className="badge">Amended {event.revision}×</span>
                    )}
                  </>
                ),
              },
              { header: "When", className: "nowrap", cell: (event) => formatDateTime(event.timestamp) },
              {
                header: "Customer",
                cell: (event) => <Link to={eventsOf(event.customer)}>{event.customer}</Link>,
              },
              {
                header: "Properties",
                cell: (event) => <code className="properties">{describeProperties(event.properties)}</code>,
              },
              {
                header: "Counted by",
                cell: (event) =>
                  event.matched_meters.length === 0
                    ? "No meter"
                    : event.matched_meters.map((meter) => `${meter.code} v${meter.version}`).join(", "),
              },
            ]}
          />
        )}
      </FilteredListPage>
      <UnattributedCustomers />
    </>
  );
}

/** Months past the environment's event retention are archived to files and no longer listed. */
function ArchivedEventsNotice() {
  const page = useQuery(apiQuery("/v1/events", { params: { query: { limit: 1 } } }));
  const archivedBefore = page.data?.archived_before;
  if (!archivedBefore) return null;
  return (
    <p className="muted" role="note">
      Events before {formatDateTime(archivedBefore)} are archived (the environment's event retention) and not
      listed here; their usage still counts on invoices.
    </p>
  );
}

function UnattributedCustomers() {
  const list = usePagedList("/v1/events/unattributed", { params: { query: { limit: 20 } } });
  return (
    <Panel title="Events of customers not created yet" className="panel section-gap">
      <p className="muted">
        Events are kept under their external id until a customer with that id exists; creating it attributes
        them.
      </p>
      <PagedListView
        list={list}
        noun={["customer", "customers"]}
        loadingLabel="Loading…"
        empty="Every event belongs to a known customer."
      >
        {(customers) => (
          <DataTable
            label="Unattributed events table"
            rows={customers}
            rowKey={(unattributed) => unattributed.customer}
            columns={[
              {
                header: "External id",
                cell: (unattributed) => (
                  <Link to={eventsOf(unattributed.customer)}>{unattributed.customer}</Link>
                ),
              },
              { header: "Events", numeric: true, cell: (unattributed) => unattributed.event_count },
              { header: "First", cell: (unattributed) => formatDateTime(unattributed.first_timestamp) },
              { header: "Last", cell: (unattributed) => formatDateTime(unattributed.last_timestamp) },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
