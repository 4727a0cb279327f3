// The audit log of this environment: every recorded change, newest first,
// filtered by object, actor, action and time.
import type { QueryOf } from "../../api/resources.ts";
import type { FilterField } from "../../ui/filter-form.tsx";
import { FilteredListPage, useFilteredList } from "../../ui/filtered-list-page.tsx";
import { AuditEventTable } from "./audit-event-table.tsx";

type AuditQuery = QueryOf<"/v1/audit-events">;

const filterFields: FilterField<keyof AuditQuery>[] = [
  { name: "object_type", label: "Object type", hint: "Such as customer, plan_version or api_key." },
  { name: "object_id", label: "Object id" },
  { name: "person_id", label: "Person", hint: "A person's id (usr_…): whatever key or session they used." },
  {
    name: "actor_id",
    label: "Key or session",
    hint: "An API key (key_…), a session (ses_…) or a system actor.",
  },
  { name: "action", label: "Action", hint: "Such as customer.updated." },
  { name: "occurred_after", label: "From", kind: "instant", hint: "In your time zone." },
  { name: "occurred_before", label: "Before", kind: "instant" },
];

export function AuditLogPage() {
  const filteredList = useFilteredList("/v1/audit-events", filterFields, 50);

  return (
    <FilteredListPage
      title="Audit log"
      subtitle="Every change to configuration and money in this environment: who, when, what and why."
      basePath="/audit-log"
      filteredList={filteredList}
      filterLabel="Filter the audit log"
      noun={["entry", "entries"]}
      loadingLabel="Loading the audit log…"
      empty={{
        noMatch: "No entry matches these filters.",
        none: "No changes recorded yet.",
        clearShows: "every entry",
      }}
    >
      {(events) => <AuditEventTable events={events} label="Audit log table" showObject />}
    </FilteredListPage>
  );
}
