// An object's links in the connected systems (a customer's contact or
// company, an invoice, a payment): the system, the object's id there, the
// state of its sync, and the vendor's own page for it where it has one.
// Shown to those who read the sync log (finance:read).
import { useQueries, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { apiQuery, type GetData } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { systemLabels } from "./connect-system.tsx";

type LinkedObject = QueryOf<"/v1/integrations/external-links">;
type ExternalLink = GetData<"/v1/integrations/external-links">["data"][number];
/** The server's limit on object_ids. */
const externalLinkIdsPerRequest = 100;

function useExternalLinks(object: LinkedObject) {
  return useQuery(apiQuery("/v1/integrations/external-links", { params: { query: object } }));
}

function Links({ links }: { links: ExternalLink[] }) {
  if (links.length === 0) return <span className="muted">Not in a connected system</span>;
  return (
    <ul className="plain-list">
      {links.map((link) => {
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

function LinkList({ object }: { object: LinkedObject }) {
  const links = useExternalLinks(object);
  if (links.status === "pending") return <LoadingState label="Loading links…" />;
  if (links.status === "error") return <ErrorState error={links.error} title="No links" />;
  return <Links links={links.data.data} />;
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

/**
 * The links of a list's rows, read a hundred ids per request: a cell for each
 * row's object, or undefined (no column) for those who may not read them.
 */
export function useExternalLinkCells(
  objectType: LinkedObject["object_type"],
  objectIds: string[],
): ((objectId: string) => ReactNode) | undefined {
  const session = useSignedInSession();
  const allowed = can(session, "finance:read");
  const batches: string[][] = [];
  for (let start = 0; start < objectIds.length; start += externalLinkIdsPerRequest) {
    batches.push(objectIds.slice(start, start + externalLinkIdsPerRequest));
  }
  const answers = useQueries({
    queries: batches.map((batch) => ({
      ...apiQuery("/v1/integrations/external-links", {
        params: { query: { object_type: objectType, object_ids: batch.join(",") } },
      }),
      enabled: allowed,
    })),
  });
  if (!allowed) return undefined;
  const linksByObject = new Map<string, ExternalLink[]>();
  for (const answer of answers) {
    for (const link of answer.data?.data ?? []) {
      linksByObject.set(link.object_id, [...(linksByObject.get(link.object_id) ?? []), link]);
    }
  }
  return (objectId) => {
    const batch = answers[Math.floor(objectIds.indexOf(objectId) / externalLinkIdsPerRequest)];
    if (batch === undefined || batch.status === "pending") return <span className="muted">…</span>;
    if (batch.status === "error") return <span className="muted">Links could not be read</span>;
    return <Links links={linksByObject.get(objectId) ?? []} />;
  };
}
