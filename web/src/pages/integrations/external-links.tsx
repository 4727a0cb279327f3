// An object's links in the connected systems (a customer's contact or
// company, an invoice, a payment): the system, the object's id there, the
// state of its sync, and the vendor's own page for it where it has one.
// Shown to those who read the sync log (finance:read).
import { useQuery } from "@tanstack/react-query";
import { apiQuery } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { systemLabels } from "./connect-system.tsx";

type LinkedObject = QueryOf<"/v1/integrations/external-links">;

function useExternalLinks(object: LinkedObject) {
  return useQuery(apiQuery("/v1/integrations/external-links", { params: { query: object } }));
}

function LinkList({ object }: { object: LinkedObject }) {
  const links = useExternalLinks(object);
  if (links.status === "pending") return <LoadingState label="Loading links…" />;
  if (links.status === "error") return <ErrorState error={links.error} title="No links" />;
  if (links.data.data.length === 0) return <span className="muted">Not in a connected system</span>;
  return (
    <ul className="plain-list">
      {links.data.data.map((link) => {
        const system = systemLabels[link.system] ?? link.system;
        return (
          <li key={link.sync_id}>
            {link.url !== null && link.external_id !== null ? (
              <a href={link.url} target="_blank" rel="noreferrer">
                {system} <code>{link.external_id}</code>
              </a>
            ) : (
              <>
                {system} {link.external_id !== null && <code>{link.external_id}</code>}
              </>
            )}{" "}
            <span className="muted">({link.state})</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A panel of the object's links, on its page (a customer, an invoice). */
export function ExternalLinksPanel({ object }: { object: LinkedObject }) {
  const session = useSignedInSession();
  if (!can(session, "finance:read")) return null;
  return (
    <Panel title="In connected systems">
      <LinkList object={object} />
    </Panel>
  );
}

/** The object's links in a table cell (a payment among an invoice's payments). */
export function ExternalLinksCell({ object }: { object: LinkedObject }) {
  const session = useSignedInSession();
  if (!can(session, "finance:read")) return <>—</>;
  return <LinkList object={object} />;
}
