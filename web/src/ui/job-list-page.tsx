// A page of jobs that run in the background (imports, parallel runs,
// backtests): the form that starts one, where the key may; the jobs with
// their progress, each opened by its id; and under them the report of the
// one opened. A job just started is opened at once, and its report is read
// again every second until the job has ended.
import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { ApiError } from "../api/api-error.ts";
import type { PagedList } from "../api/queries.ts";
import { type Column, DataTable } from "./data-table.tsx";
import { SubmitButton } from "./form-frame.tsx";
import { PageHeader } from "./page-header.tsx";
import { PagedListView } from "./paged-list-view.tsx";
import { Panel } from "./panel.tsx";
import { ResourceView } from "./resource-view.tsx";
import { ErrorState } from "./states.tsx";
import { StepForm } from "./step-form.tsx";

export function JobListPage<Job extends { id: string }>({
  title,
  subtitle,
  list,
  noun,
  idHeader,
  start,
  columns,
  report,
}: {
  /** The page's heading, its list panel's and its table's: "Imports". */
  title: string;
  subtitle: string;
  list: PagedList<Job>;
  /** ["import", "imports"]. */
  noun: [string, string];
  /** The heading of the column of ids, each a button that opens its job: "Import". */
  idHeader: string;
  /** The form that starts a job, told how to open the one it started; none where the key may not. */
  start: ((onStarted: (id: string) => void) => ReactNode) | undefined;
  /** The columns after the id. */
  columns: Column<Job>[];
  /** The report of the job opened. */
  report: (id: string) => ReactNode;
}) {
  const [chosen, setChosen] = useState<string | undefined>();
  const idColumn: Column<Job> = {
    header: idHeader,
    cell: (job) => (
      <button type="button" className="button" onClick={() => setChosen(job.id)}>
        {job.id}
      </button>
    ),
  };
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      {start?.(setChosen)}
      <Panel title={title}>
        <PagedListView list={list} noun={noun} empty={`No ${noun[1]} yet.`}>
          {(rows) => (
            <DataTable
              label={`${title} table`}
              rows={rows}
              rowKey={(job) => job.id}
              columns={[idColumn, ...columns]}
            />
          )}
        </PagedListView>
      </Panel>
      {chosen && report(chosen)}
    </>
  );
}

/**
 * The panel of the form that starts a job ("New import"): its fields in a
 * row, the submit button at the end, and under them why the API refused.
 */
export function JobStartPanel({
  title,
  start,
  submit: [label, busyLabel],
  fieldsShowErrors = false,
  children,
}: {
  title: string;
  /** The write that starts the job. */
  start: { mutate: () => void; isPending: boolean; error: ApiError | null };
  /** The submit button's label, and its label while the API is asked: ["Start the import", "Starting…"]. */
  submit: [string, string];
  /** The fields show the API's errors about them: under them, only a refusal about none. */
  fieldsShowErrors?: boolean;
  children: ReactNode;
}) {
  const refusal = start.error;
  return (
    <Panel title={title}>
      <StepForm onSend={() => start.mutate()}>
        {children}
        <div className="filters-actions">
          <SubmitButton busy={start.isPending} label={label} busyLabel={busyLabel} />
        </div>
      </StepForm>
      {refusal && !(fieldsShowErrors && refusal.fieldErrors.length > 0) && <ErrorState error={refusal} />}
    </Panel>
  );
}

/**
 * The report of the job opened, in its panel ("Import imp_…"): the job read
 * with `query`, again every second while it is queued or running.
 */
export function JobReport<Job extends { status: string }, Key extends QueryKey>({
  title,
  query,
  loadingLabel,
  children,
}: {
  title: string;
  query: UseQueryOptions<Job, ApiError, Job, Key>;
  loadingLabel: string;
  children: (job: Job) => ReactNode;
}) {
  const job = useQuery({
    ...query,
    refetchInterval: (read) => (isUnderWay(read.state.data) ? 1000 : false),
  });
  return (
    <Panel title={title}>
      <ResourceView resource={job} loadingLabel={loadingLabel}>
        {children}
      </ResourceView>
    </Panel>
  );
}

function isUnderWay(job: { status: string } | undefined): boolean {
  return job?.status === "queued" || job?.status === "running";
}
