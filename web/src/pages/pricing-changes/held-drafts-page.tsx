// The queue of held drafts: each draft invoice that the standing guard or a
// rollout's guardrails keep from being finalized, with why, and what billing
// operations do with it: release it (it is finalized as the bill run would),
// recompute it from the latest usage and prices, or discard it.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ListItem } from "../../api/queries.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";

type Hold = ListItem<"/v1/invoice-holds">;
type HoldAction = "release" | "recompute" | "discard";

const sourceLabels: Record<Hold["source"], string> = {
  anomaly_guard: "Standing guard",
  rollout: "Rollout guardrails",
};

const actionDone: Record<HoldAction, string> = {
  release: "released: the draft is finalized as the bill run would",
  recompute: "recomputed from the latest usage and prices; it stays held",
  discard: "discarded: its period is not invoiced",
};

export function HeldDraftsPage() {
  const session = useSignedInSession();
  const writable = can(session, "billing:write");
  const holds = usePagedList("/v1/invoice-holds", { params: { query: { status: "active", limit: 50 } } });
  const [outcome, setOutcome] = useState("");
  const act = useApiMutation({
    write: ({ hold, action }: { hold: Hold; action: HoldAction }) => {
      const path = { params: { path: { id: hold.id } } };
      const reason = `${action} from the held drafts queue`;
      if (action === "release")
        return answer(api.POST("/v1/invoice-holds/{id}/release", { ...path, body: { reason } }));
      if (action === "recompute")
        return answer(api.POST("/v1/invoice-holds/{id}/recompute", { ...path, body: {} }));
      return answer(api.POST("/v1/invoice-holds/{id}/discard", { ...path, body: { reason } }));
    },
    invalidates: ["/v1/invoice-holds", "/v1/invoices"],
    onSuccess: (_result, { hold, action }) =>
      setOutcome(`The draft of ${hold.customer_id} was ${actionDone[action]}.`),
  });
  return (
    <>
      <PageHeader
        title="Held drafts"
        subtitle="Draft invoices kept from being finalized until someone looks at them."
      />
      <OutcomeMessage message={outcome} />
      {act.error && <ErrorState error={act.error} />}
      <Panel title="Waiting for review">
        <PagedListView list={holds} noun={["held draft", "held drafts"]} empty="No draft is held.">
          {(rows) => (
            <DataTable
              label="Held drafts table"
              rows={rows}
              rowKey={(hold) => hold.id}
              columns={[
                {
                  header: "Customer",
                  cell: (hold) => <Link to={customerPath(hold.customer_id)}>{hold.customer_id}</Link>,
                },
                {
                  header: "Draft",
                  cell: (hold) =>
                    hold.invoice === null ? (
                      "Waiting for the next draft"
                    ) : (
                      <>
                        <Link to={invoicePath(hold.invoice.id)}>
                          {formatMoney(hold.invoice.total, hold.invoice.currency)}
                        </Link>
                        <span className="actor-id">issued {formatDateTime(hold.invoice.issued_at)}</span>
                      </>
                    ),
                },
                {
                  header: "Held by",
                  cell: (hold) => (
                    <>
                      {sourceLabels[hold.source]}
                      {hold.held_at && <span className="actor-id">{formatDateTime(hold.held_at)}</span>}
                    </>
                  ),
                },
                { header: "Why", cell: (hold) => hold.reason },
                {
                  header: "Actions",
                  cell: (hold) =>
                    writable && hold.invoice !== null ? (
                      <div className="filters-actions">
                        {(["release", "recompute", "discard"] as const).map((action) => (
                          <button
                            key={action}
                            type="button"
                            className={action === "release" ? "button button-primary" : "button"}
                            disabled={act.isPending}
                            aria-label={`${action[0]?.toUpperCase()}${action.slice(1)} the draft of ${hold.customer_id}`}
                            onClick={() => {
                              setOutcome("");
                              act.mutate({ hold, action });
                            }}
                          >
                            {`${action[0]?.toUpperCase()}${action.slice(1)}`}
                          </button>
                        ))}
                      </div>
                    ) : null,
                },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}
