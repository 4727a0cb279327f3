// One experiment: its arms with their versions and assignment counts, each
// metric per arm with its 95% interval (drawn and in figures), the test
// against the control and the sample size each arm needs; and the decisions
// that end it: promote a variant (for its cohort or everyone), or stop.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, type GetData, useApiMutation } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Detail } from "../../ui/detail.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { DetailsPanel, Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { IntervalChart, type IntervalRow } from "./interval-chart.tsx";

type Experiment = GetData<"/v1/experiments/{id}">;
type Metrics = GetData<"/v1/experiments/{id}/metrics">;
type ArmMetrics = Metrics["arms"][number];
type RateKey = "trial_to_paid" | "churn" | "payment_failure_rate" | "disputes";
type AmountKey = "average_invoice" | "expansion_revenue" | "contraction_revenue";

const rates: [RateKey, string][] = [
  ["trial_to_paid", "Trial-to-paid conversion"],
  ["churn", "Churn"],
  ["payment_failure_rate", "Payment failure rate"],
  ["disputes", "Customers with a dispute"],
];
const amounts: [AmountKey, string][] = [
  ["average_invoice", "Average invoice"],
  ["expansion_revenue", "Expansion revenue per customer"],
  ["contraction_revenue", "Contraction revenue per customer"],
];

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function comparison(metric: ArmMetrics[RateKey] | ArmMetrics[AmountKey]): string {
  if (metric.p_value === null) return "";
  const sample =
    metric.required_sample_size === null ? "" : `, ${metric.required_sample_size} per arm needed`;
  return ` (p = ${metric.p_value.toFixed(3)}${metric.significant ? ", significant" : ""}${sample})`;
}

export function ExperimentDetailPage({ experiment }: { experiment: Experiment }) {
  const session = useSignedInSession();
  const metrics = useQuery(
    apiQuery("/v1/experiments/{id}/metrics", { params: { path: { id: experiment.id } } }),
  );
  return (
    <>
      <PageHeader title={experiment.name} subtitle={`Experiment ${experiment.id}`} />
      <DetailsPanel title="Experiment">
        <Detail term="Status">{experiment.status}</Detail>
        <Detail term="Assignment">
          {experiment.assignment === "hash"
            ? `by hash of the customer id with salt ${experiment.salt}${experiment.segment_key ? `, stratified by ${experiment.segment_key}` : ""}`
            : "explicit lists"}
        </Detail>
        <Detail term="Audience">
          {experiment.audience === "new_signups"
            ? "new sign-ups"
            : "existing customers, at their next period"}
        </Detail>
        <Detail term="Runs">
          {formatDateTime(experiment.starts_at)} to {formatDateTime(experiment.ends_at)}
        </Detail>
      </DetailsPanel>
      <Panel title="Arms">
        <DataTable
          label="Arms table"
          rows={experiment.arms}
          rowKey={(arm) => arm.id}
          columns={[
            { header: "Arm", cell: (arm) => arm.name },
            { header: "Role", cell: (arm) => arm.role },
            { header: "Version", cell: (arm) => `v${arm.version}` },
            { header: "Customers assigned", cell: (arm) => String(arm.assigned) },
          ]}
        />
      </Panel>
      <Panel title="Metrics">
        <ResourceView resource={metrics} loadingLabel="Computing the metrics…">
          {(found) => <MetricCharts metrics={found} />}
        </ResourceView>
      </Panel>
      {experiment.status === "running" && can(session, "billing:write") && (
        <Decisions experiment={experiment} />
      )}
    </>
  );
}

/** An arm's point on a metric's chart: its value, the interval around it, and the text beside it with the comparison. */
function intervalRow(
  arm: ArmMetrics,
  value: number,
  metric: ArmMetrics[RateKey] | ArmMetrics[AmountKey],
  text: string,
): IntervalRow {
  return {
    arm: arm.name,
    value,
    lower: metric.lower,
    upper: metric.upper,
    text: `${text}${comparison(metric)}`,
  };
}

function MetricCharts({ metrics }: { metrics: Metrics }) {
  const currency = metrics.currency;
  const money = (amount: string) => (currency === null ? amount : formatMoney(amount, currency));
  return (
    <div className="interval-charts">
      {rates.map(([key, label]) => (
        <IntervalChart
          key={key}
          label={label}
          rows={metrics.arms.map((arm) =>
            intervalRow(arm, arm[key].rate, arm[key], `${percent(arm[key].rate)} of ${arm[key].trials}`),
          )}
        />
      ))}
      {amounts.map(([key, label]) => (
        <IntervalChart
          key={key}
          label={label}
          rows={metrics.arms.map((arm) =>
            intervalRow(
              arm,
              Number(arm[key].mean),
              arm[key],
              `${money(arm[key].mean)} over ${arm[key].count}`,
            ),
          )}
        />
      ))}
    </div>
  );
}

function Decisions({ experiment }: { experiment: Experiment }) {
  const [outcome, setOutcome] = useState("");
  const path = { params: { path: { id: experiment.id } } };
  const decide = useApiMutation({
    write: (decision: { armId: string; scope: "cohort" | "everyone" } | "stop") =>
      decision === "stop"
        ? answer(
            api.POST("/v1/experiments/{id}/stop", { ...path, body: { reason: "stopped from the console" } }),
          )
        : answer(
            api.POST("/v1/experiments/{id}/promote", {
              ...path,
              body: { arm_id: decision.armId, scope: decision.scope },
            }),
          ),
    invalidates: ["/v1/experiments", "/v1/subscriptions"],
    onSuccess: (result) => setOutcome(`The experiment is ${result.status}.`),
  });
  return (
    <Panel title="Decide">
      <OutcomeMessage message={outcome} />
      <div className="filters-actions">
        {experiment.arms
          .filter((arm) => arm.role === "variant")
          .flatMap((arm) =>
            (["cohort", "everyone"] as const).map((scope) => (
              <button
                key={`${arm.id}-${scope}`}
                type="button"
                className="button button-primary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ armId: arm.id, scope })}
              >
                {`Promote ${arm.name} for ${scope === "cohort" ? "its cohort" : "everyone"}`}
              </button>
            )),
          )}
        <button
          type="button"
          className="button"
          disabled={decide.isPending}
          onClick={() => decide.mutate("stop")}
        >
          Stop and return to control
        </button>
      </div>
      {decide.error && <ErrorState error={decide.error} />}
    </Panel>
  );
}
