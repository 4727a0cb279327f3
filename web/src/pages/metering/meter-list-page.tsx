// Meters: what usage billing counts from events, each with its definition in
// effect now and how many versions it has had.

import type { Meter, QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import { FilteredListPage, useFilteredList } from "../../ui/filtered-list-page.tsx";

type MeterQuery = QueryOf<"/v1/meters">;

const filterFields: FilterField<keyof MeterQuery>[] = [
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
  const filteredList = useFilteredList("/v1/meters", filterFields, 50);

  return (
    <FilteredListPage
      title="Meters"
      subtitle="What usage billing counts from events, and how."
      create={can(session, "meters:write") && { to: "/meters/new", label: "New meter" }}
      basePath="/meters"
      filteredList={filteredList}
      noun={["meter", "meters"]}
      empty={{
        hint: <p>Create one with “New meter”, or through the API (POST /v1/meters).</p>,
      }}
    >
      {(meters) => (
        <DataTable
          label="Meters table"
          rows={meters}
          rowKey={(meter) => meter.id}
          columns={[
            {
              header: "Meter",
              cell: (meter) => (
                <>
                  {meter.name}
                  <code className="actor-id">{meter.code}</code>
                </>
              ),
            },
            { header: "Event name", cell: (meter) => <code>{meter.event_name}</code> },
            {
              header: "Aggregation",
              cell: (meter) => (
                <>
                  {meter.aggregation}
                  {meter.property && (
                    <>
                      {" of "}
                      <code>{meter.property}</code>
                    </>
                  )}
                </>
              ),
            },
            { header: "Counts", cell: (meter) => describeFilters(meter.filters) },
            {
              header: "Grouped by",
              cell: (meter) => (meter.group_by.length > 0 ? meter.group_by.join(", ") : "—"),
            },
            {
              header: "Version",
              cell: (meter) => (
                <>
                  {meter.version} of {meter.versions.length}
                  <span className="actor-id">since {formatDateTime(meter.effective_from)}</span>
                </>
              ),
            },
            {
              header: "Events",
              cell: (meter) => (
                <Link to={`/events?name=${encodeURIComponent(meter.event_name)}`}>
                  Show events<span className="visually-hidden"> of {meter.name}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </FilteredListPage>
  );
}
