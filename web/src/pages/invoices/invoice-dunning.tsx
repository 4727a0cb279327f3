// An invoice's dunning on its page: not in dunning (no payment has failed),
// or its campaign's state, the next step, and every step planned with what it
// did (reminders, retries, the final action).
import { useQuery } from "@tanstack/react-query";
import { apiQuery, type GetData } from "../../api/queries.ts";
import type { Invoice } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { Detail } from "../../ui/detail.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";

type Dunning = GetData<"/v1/invoices/{id}/dunning">;

const statusTexts: Record<Dunning["status"], string> = {
  none: "Not in dunning: no payment of this invoice has failed.",
  active: "In dunning: the campaign's reminders and retries are under way.",
  recovered: "Recovered: the invoice was paid during dunning.",
  ended: "Ended: every step ran and the final action was taken.",
  stopped: "Stopped before its end.",
};

const stepKinds: Record<Dunning["steps"][number]["kind"], string> = {
  reminder_before_due: "Reminder before the due date",
  reminder_after_due: "Reminder after the due date",
  retry: "Payment retry",
  final_action: "Final action",
};

export function InvoiceDunning({ invoice }: { invoice: Invoice }) {
  const dunning = useQuery(apiQuery("/v1/invoices/{id}/dunning", { params: { path: { id: invoice.id } } }));
  const when = (instant: string) => formatDateTime(instant, invoice.locale, invoice.timezone);
  return (
    <Panel title="Dunning">
      <ResourceView resource={dunning} loadingLabel="Loading the dunning…">
        {(loaded) => (
          <>
            <p>{statusTexts[loaded.status]}</p>
            {loaded.status !== "none" && (
              <dl className="details">
                <Detail term="First failure">{loaded.first_failed_at && when(loaded.first_failed_at)}</Detail>
                <Detail term="Next step">{loaded.next_step_at && when(loaded.next_step_at)}</Detail>
                <Detail term="Final action">{loaded.final_action?.replaceAll("_", " ")}</Detail>
                <Detail term="Card declined for good">{loaded.hard_declined ? "Yes" : "No"}</Detail>
                <Detail term="Entitlements blocked">{loaded.entitlements_blocked ? "Yes" : "No"}</Detail>
                {loaded.ended_reason && <Detail term="Why it ended">{loaded.ended_reason}</Detail>}
              </dl>
            )}
            {loaded.steps.length > 0 && (
              <DataTable
                label="Dunning steps table"
                rows={loaded.steps}
                rowKey={(step) => `${step.kind} ${step.due_at}`}
                columns={[
                  { header: "Step", cell: (step) => `${stepKinds[step.kind]} (day ${step.day_number})` },
                  { header: "Due", cell: (step) => when(step.due_at) },
                  { header: "Status", cell: (step) => step.status },
                  { header: "Outcome", cell: (step) => step.outcome },
                ]}
              />
            )}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}
