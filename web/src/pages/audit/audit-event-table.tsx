// Audit entries as a table: when (with the zone), what, on which object, by
// whom, each field it changed in words (before → after, shortened; more than
// three behind a disclosure, so an object's creation takes one line) and the
// reason given.

import type { AuditEvent } from "../../api/resources.ts";
import { formatDateTimeWithZone } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { fieldName } from "./audit-change-text.ts";

const longestValueShown = 80;
const changesShown = 8;
const changesOpen = 3;

// Every write moves updated_at, and a new object lists its empty fields as
// added: neither says anything a reader needs.
function meaningfulChanges(event: AuditEvent): AuditEvent["changes"] {
  return event.changes.filter(
    (change) =>
      change.path !== "$.updated_at" &&
      !(change.change === "added" && (change.after === null || change.after === undefined)),
  );
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > longestValueShown ? `${text.slice(0, longestValueShown - 1)}…` : text;
}

function describeChange(change: AuditEvent["changes"][number]): string {
  // A change at the root is the whole object appearing or disappearing.
  if (change.path === "$") {
    return change.change === "added" ? "created" : change.change === "removed" ? "deleted" : "replaced";
  }
  if (change.change === "added") return `set to ${describeValue(change.after)}`;
  if (change.change === "removed") return `cleared (was ${describeValue(change.before)})`;
  return `${describeValue(change.before)} → ${describeValue(change.after)}`;
}

/** The person who acted, by name, and the key or session they used. */
function Actor({ actor }: { actor: AuditEvent["actor"] }) {
  const credential =
    actor.type === "api_key"
      ? actor.role
        ? `${roleLabels[actor.role] ?? actor.role} key`
        : "API key"
      : actor.type === "session"
        ? "session"
        : actor.type === "system"
          ? (actor.id ?? "system")
          : actor.type;
  return (
    <>
      {actor.person ? <span className="actor-person">{actor.person.name}</span> : null}
      {actor.person ? <span className="muted"> · {credential}</span> : credential}
      {actor.type !== "system" && <code className="actor-id">{actor.id}</code>}
    </>
  );
}

function AuditObject({ event }: { event: AuditEvent }) {
  return (
    <>
      {event.object_type}
      <code className="actor-id">
        {event.object_type === "customer" ? (
          <Link to={customerPath(event.object_id)}>{event.object_id}</Link>
        ) : (
          event.object_id
        )}
      </code>
    </>
  );
}

function Changes({ event }: { event: AuditEvent }) {
  const changes = meaningfulChanges(event);
  if (changes.length === 0) return <>—</>;
  const list = (
    <ul className="change-list">
      {changes.slice(0, changesShown).map((change) => (
        <li key={change.path} title={change.path}>
          {change.path !== "$" && <span className="change-field">{fieldName(change.path)}</span>}{" "}
          {describeChange(change)}
        </li>
      ))}
      {changes.length > changesShown && <li>and {changes.length - changesShown} more</li>}
    </ul>
  );
  if (changes.length <= changesOpen) return list;
  return (
    <details>
      <summary>{changes.length} fields changed</summary>
      {list}
    </details>
  );
}

export function AuditEventTable({
  events,
  label,
  showObject,
}: {
  events: AuditEvent[];
  label: string;
  showObject: boolean;
}) {
  return (
    <DataTable
      label={label}
      rows={events}
      rowKey={(event) => event.id}
      columns={[
        { header: "When", className: "nowrap", cell: (event) => formatDateTimeWithZone(event.occurred_at) },
        { header: "Action", rowHeader: true, cell: (event) => event.action },
        showObject && { header: "Object", cell: (event) => <AuditObject event={event} /> },
        { header: "By", cell: (event) => <Actor actor={event.actor} /> },
        { header: "Changes", cell: (event) => <Changes event={event} /> },
        { header: "Reason", cell: (event) => event.reason ?? "—" },
      ]}
    />
  );
}
