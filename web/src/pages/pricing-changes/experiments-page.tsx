// Pricing experiments: each with its plan, its arms and how many customers
// each holds, and its status; a click opens the experiment.
import { usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { experimentPath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";

export function ExperimentsPage() {
  const experiments = usePagedList("/v1/experiments", { params: { query: { limit: 20 } } });
  return (
    <>
      <PageHeader
        title="Experiments"
        subtitle="A control version and variant versions of a plan, compared on the customers assigned to each."
      />
      <Panel title="All experiments">
        <PagedListView list={experiments} noun={["experiment", "experiments"]} empty="No experiments yet.">
          {(rows) => (
            <DataTable
              label="Experiments table"
              rows={rows}
              rowKey={(experiment) => experiment.id}
              columns={[
                {
                  header: "Name",
                  cell: (experiment) => <Link to={experimentPath(experiment.id)}>{experiment.name}</Link>,
                },
                {
                  header: "Status",
                  cell: (experiment) => <span className="badge">{experiment.status}</span>,
                },
                {
                  header: "Arms",
                  cell: (experiment) =>
                    experiment.arms.map((arm) => `${arm.name} (v${arm.version}): ${arm.assigned}`).join(", "),
                },
                {
                  header: "Runs",
                  cell: (experiment) =>
                    `${formatDateTime(experiment.starts_at)} to ${formatDateTime(experiment.ends_at)}`,
                },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}
