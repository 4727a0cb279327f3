// Staged rollouts, each with its stages' timeline: the share of the
// population each stage moves, when it started and was judged, what its
// guardrails found, and how the rollout ended.

import type { ListItem } from "../../api/queries.ts";
import { usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { EmptyState } from "../../ui/states.tsx";

type Rollout = ListItem<"/v1/rollouts">;
type Stage = Rollout["stages"][number];

const startLabels: Record<Stage["start"], string> = {
  now: "at once",
  at: "at a date",
  after_previous_clean: "once the previous stage billed cleanly",
};

export function RolloutsPage() {
  const rollouts = usePagedList("/v1/rollouts", { params: { query: { limit: 20 } } });
  return (
    <>
      <PageHeader
        title="Rollouts"
        subtitle="Published versions rolled out in stages, each held back by guardrails until its drafts pass."
      />
      <PagedListView
        list={rollouts}
        noun={["rollout", "rollouts"]}
        loadingLabel="Loading rollouts…"
        empty={<EmptyState title="No rollouts yet." />}
      >
        {(rows) => rows.map((rollout) => <RolloutTimeline key={rollout.id} rollout={rollout} />)}
      </PagedListView>
    </>
  );
}

function RolloutTimeline({ rollout }: { rollout: Rollout }) {
  return (
    <Panel title={`Rollout ${rollout.id}: ${rollout.status.replace("_", " ")}`}>
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
