// The cut-over from the old billing system: the checklist computed from the
// data (imports clean, parallel run matched or each difference accepted by a
// second person, payment methods, webhooks, emails), each item ok or missing
// with what is missing and a link to where it is fixed; the switch date form,
// which the API refuses until every item is ok; and, once set, the old
// system's subscriptions to cancel there.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { components } from "../../api/generated/openapi.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, subscriptionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";
import { StepForm } from "../../ui/step-form.tsx";

type CutOver = components["schemas"]["CutOver"];
type ChecklistItem = CutOver["checklist"][number];

/** Where each item is fixed in the console. */
const fixPaths: Record<ChecklistItem["item"], { path: string; label: string }> = {
  imports: { path: "/imports", label: "Imports" },
  parallel_run: { path: "/parallel-runs", label: "Parallel runs" },
  payment_methods: { path: "/customers", label: "Customers" },
  webhooks: { path: "/webhooks", label: "Webhooks" },
  emails: { path: "/customers", label: "Customers" },
};

/** The items whose missing ids are customers, linked to each customer's page. */
const customerItems = new Set<ChecklistItem["item"]>(["payment_methods", "emails"]);

export function CutOverPage() {
  const session = useSignedInSession();
  const cutOver = useQuery(apiQuery("/v1/cut-over", {}));
  return (
    <>
      <PageHeader
        title="Cut-over"
        subtitle="What must be in place before Fairbill issues the invoices, the switch date, and the old system's subscriptions to cancel."
      />
      <ResourceView resource={cutOver} loadingLabel="Loading the checklist…">
        {(found) => (
          <>
            <Panel title="Checklist">
              <p>
                {found.ready
                  ? "Every item is ok: the switch date may be set."
                  : `${found.checklist.filter((entry) => entry.status === "missing").length} of ${found.checklist.length} items missing.`}
              </p>
              <DataTable
                label="Cut-over checklist"
                rows={found.checklist}
                rowKey={(entry) => entry.item}
                columns={[
                  { header: "Item", cell: (entry) => entry.title },
                  {
                    header: "State",
                    cell: (entry) => (
                      <span className={entry.status === "ok" ? "badge badge-success" : "badge badge-warning"}>
                        {entry.status === "ok" ? "OK" : "Missing"}
                      </span>
                    ),
                  },
                  { header: "Detail", cell: (entry) => <MissingDetail entry={entry} /> },
                  {
                    header: "Fix it",
                    cell: (entry) =>
                      entry.status === "ok" ? (
                        "–"
                      ) : (
                        <Link to={fixPaths[entry.item].path}>{fixPaths[entry.item].label}</Link>
                      ),
                  },
                ]}
              />
            </Panel>
            {found.switch === null ? (
              can(session, "billing:write") && <SwitchDateForm ready={found.ready} />
            ) : (
              <Panel title="Switch date">
                <p>
                  Fairbill issues the invoices from {formatDateTime(found.switch.switch_at)}:{" "}
                  {found.switch.subscriptions_moved} imported subscriptions bill from then, not before. Set by{" "}
                  {found.switch.set_by} on {formatDateTime(found.switch.created_at)}.
                </p>
              </Panel>
            )}
            <OldSubscriptions cutOver={found} />
          </>
        )}
      </ResourceView>
    </>
  );
}

function MissingDetail({ entry }: { entry: ChecklistItem }) {
  const ids = entry.missing_ids.filter((id) => id !== "none" && id !== "SMTP_URL");
  return (
    <>
      {entry.detail}
      {ids.length > 0 && (
        <ul className="plain-list" aria-label={`Missing for ${entry.title}`}>
          {ids.map((id) => (
            <li key={id}>
              {customerItems.has(entry.item) ? (
                <Link to={customerPath(id)}>{id}</Link>
              ) : entry.item === "parallel_run" ? (
                `Difference ${id}`
              ) : (
                id
              )}
            </li>
          ))}
          {entry.missing_count > ids.length && <li>and {entry.missing_count - ids.length} more</li>}
        </ul>
      )}
    </>
  );
}

function SwitchDateForm({ ready }: { ready: boolean }) {
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  const set = useApiMutation({
    call: () =>
      api.POST("/v1/cut-over", {
        body: {
          switch_at: `${date}T00:00:00Z`,
          ...(reason.trim() === "" ? {} : { reason: reason.trim() }),
        },
      }),
    invalidates: ["/v1/cut-over"],
  });
  return (
    <Panel title="Switch date">
      <StepForm onSend={() => set.mutate()}>
        <TextField
          label="Date of the switch"
          type="date"
          value={date}
          onValueChange={setDate}
          required
          hint="From this date (00:00 UTC) Fairbill issues the invoices; the imported subscriptions bill from then, not before."
          error={fieldErrorMap(set.error?.fieldErrors ?? []).switch_at}
        />
        <TextField label="Reason" value={reason} onValueChange={setReason} hint="Kept in the audit log" />
        <div className="filters-actions">
          <SubmitButton
            busy={set.isPending}
            ready={date !== ""}
            label="Set the switch date"
            busyLabel="Setting…"
          />
        </div>
      </StepForm>
      {!ready && <p>The API refuses the switch date until every item of the checklist is ok.</p>}
      {set.error && <ErrorState error={set.error} />}
    </Panel>
  );
}

function OldSubscriptions({ cutOver }: { cutOver: CutOver }) {
  return (
    <Panel title="Old system's subscriptions to cancel">
      <p>
        {cutOver.switch === null
          ? "Once the switch date is set, cancel these subscriptions in the old system from that date."
          : `Cancel these subscriptions in the old system from ${formatDateTime(cutOver.switch.switch_at)}.`}
      </p>
      {cutOver.old_subscriptions_to_cancel.length === 0 ? (
        <EmptyState title="No subscription has been imported from the old system." />
      ) : (
        <DataTable
          label="Old subscriptions to cancel"
          rows={cutOver.old_subscriptions_to_cancel}
          rowKey={(entry) => `${entry.source} ${entry.external_id}`}
          columns={[
            { header: "Old system", cell: (entry) => entry.source },
            { header: "Id in the old system", cell: (entry) => entry.external_id },
            {
              header: "Fairbill subscription",
              cell: (entry) => (
                <Link to={subscriptionPath(entry.subscription_id)}>{entry.subscription_id}</Link>
              ),
            },
          ]}
        />
      )}
    </Panel>
  );
}
