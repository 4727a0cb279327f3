// Audit entries as a table: when, what, on which object, by whom, each field
// it changed (before → after, shortened) and the reason given.
import type { AuditEvent } from "../../api/api-types.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { TableScroll } from "../../ui/table-scroll.tsx";

const longestValueShown = 80;
const changesShown = 8;

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
    <TableScroll label={label}>
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            {showObject && <th scope="col">Object</th>}
            <th scope="col">By</th>
            <th scope="col">Changes</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const changes = meaningfulChanges(event);
            return (
              <tr key={event.id}>
                <td data-label="When" className="nowrap">
                  {formatDateTime(event.occurred_at)}
                </td>
                <th scope="row">{event.action}</th>
                {showObject && (
                  <td data-label="Object">
                    <AuditObject event={event} />
                  </td>
                )}
                <td data-label="By">
                  <Actor actor={event.actor} />
                </td>
                <td data-label="Changes">
                  {changes.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="change-list">
                      {changes.slice(0, changesShown).map((change) => (
                        <li key={change.path}>
                          {change.path !== "$" && (
                            <>
                              <code>{change.path}</code>{" "}
                            </>
                          )}
                          {describeChange(change)}
                        </li>
                      ))}
                      {changes.length > changesShown && <li>and {changes.length - changesShown} more</li>}
                    </ul>
                  )}
                </td>
                <td data-label="Reason">{event.reason ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
