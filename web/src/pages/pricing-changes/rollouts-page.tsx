// Staged rollouts, each with its stages' timeline: the share of the
// population each stage moves, when it started and was judged, what its
// guardrails found, and how the rollout ended. A running rollout can be
// canceled here (with a reason for the audit log): no further stage starts
// and the watching stage's cohort goes back to the earlier version.

import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ListItem } from "../../api/queries.ts";
import { usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { type DialogClosing, ReasonDialog, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";

type Rollout = ListItem<"/v1/rollouts">;
type Stage = Rollout["stages"][number];

const startLabels: Record<Stage["start"], string> = {
  now: "at once",
  at: "at a date",
  after_previous_clean: "once the previous stage billed cleanly",
};

export function RolloutsPage() {
  const session = useSignedInSession();
  const writable = can(session, "billing:write");
  const rollouts = usePagedList("/v1/rollouts", { params: { query: { limit: 20 } } });
  const [canceling, setCanceling] = useState<Rollout | null>(null);
  const [outcome, setOutcome] = useState("");
  return (
    <>
      <PageHeader
        title="Rollouts"
        subtitle="Published versions rolled out in stages, each held back by guardrails until its drafts pass."
      />
      <OutcomeMessage message={outcome} />
      <PagedListView list={rollouts} noun={["rollout", "rollouts"]} empty="No rollouts yet.">
        {(rows) =>
          rows.map((rollout) => (
            <RolloutTimeline
              key={rollout.id}
              rollout={rollout}
              onCancel={
                writable && rollout.status === "running"
                  ? () => {
                      setOutcome("");
                      setCanceling(rollout);
                    }
                  : undefined
              }
            />
          ))
        }
      </PagedListView>
      {canceling && (
        <CancelRolloutDialog
          rollout={canceling}
          onDone={() => {
            setOutcome(
              `Rollout ${canceling.id} was canceled: no further stage starts, and its watching cohort is back on the earlier version.`,
            );
            setCanceling(null);
          }}
          onCancel={() => setCanceling(null)}
        />
      )}
    </>
  );
}

function CancelRolloutDialog({ rollout, ...closing }: { rollout: Rollout } & DialogClosing) {
  const cancel = useDialogStep(closing, {
    call: (reason: string) =>
      api.POST("/v1/rollouts/{id}/cancel", {
        params: { path: { id: rollout.id } },
        body: reason === "" ? {} : { reason },
      }),
    invalidates: ["/v1/rollouts", "/v1/invoice-holds"],
  });
  return (
    <ReasonDialog title={`Cancel rollout ${rollout.id}?`} confirmLabel="Cancel the rollout" {...cancel}>
      <p>
        Stages not yet started are skipped. The stage being watched is taken back: its customers return to the
        earlier version and their held drafts are recomputed and finalized on it.
      </p>
    </ReasonDialog>
  );
}

function RolloutTimeline({ rollout, onCancel }: { rollout: Rollout; onCancel: (() => void) | undefined }) {
  return (
    <Panel
      title={`Rollout ${rollout.id}: ${rollout.status.replace("_", " ")}`}
      actions={
        onCancel && (
          <button
            type="button"
            className="button button-danger"
            aria-label={`Cancel rollout ${rollout.id}`}
            onClick={onCancel}
          >
            Cancel rollout
          </button>
        )
      }
    >
      <ol className="stage-timeline" aria-label={`Stages of rollout ${rollout.id}`}>
        {rollout.stages.map((stage) => (
          <li key={stage.id} className={`stage stage-${stage.status}`}>
            <strong>
              Stage {stage.position}: {stage.percent}%
            </strong>{" "}
            <span className="badge">{stage.status}</span>
            <span className="actor-id">
              starts{" "}
              {stage.start === "at" && stage.starts_at
                ? formatDateTime(stage.starts_at)
                : startLabels[stage.start]}
              {stage.started_at && `; started ${formatDateTime(stage.started_at)}`}
              {stage.evaluated_at && `; judged ${formatDateTime(stage.evaluated_at)}`}
              {`; ${stage.customer_ids.length} customers`}
            </span>
            {stage.breaches.length > 0 && (
              <ul className="plain-list">
                {stage.breaches.map((breach) => (
                  <li key={`${breach.rule} ${breach.customer_id ?? ""}`}>{breach.message}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
