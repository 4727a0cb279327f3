// Backtests: price a plan version on the stored usage of a population over
// past periods and see what would change. The form picks the version, the
// population (everyone billed on the plan, a country, a metadata value or a
// list of customers) and the periods; each backtest runs as a job, and the
// chosen one shows its distribution of changes, its largest movers with the
// line that drives each, and its CSV.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, type ListItem, useApiMutation, usePagedList } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { BarChart, quantityTicks } from "../../ui/bar-chart.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DownloadButton } from "../../ui/download-button.tsx";
import { DateTimeField, SelectField, TextField } from "../../ui/form-field.tsx";
import { JobListPage, JobReport, JobStartPanel } from "../../ui/job-list-page.tsx";

type Backtest = ListItem<"/v1/backtests">;
type PopulationKind = "everyone" | "country" | "metadata" | "customers";

const populationKinds: { value: PopulationKind; label: string }[] = [
  { value: "everyone", label: "Everyone billed on the plan" },
  { value: "country", label: "Customers in a country" },
  { value: "metadata", label: "Customers with a metadata value (key=value)" },
  { value: "customers", label: "A list of customers" },
];

function populationOf(kind: PopulationKind, value: string) {
  const text = value.trim();
  if (kind === "country") return { country: text };
  if (kind === "metadata") {
    const [key = "", ...rest] = text.split("=");
    return { metadata: { [key.trim()]: rest.join("=").trim() } };
  }
  if (kind === "customers") return { customer_ids: text.split(/[\s,]+/).filter((id) => id !== "") };
  return {};
}

export function BacktestsPage() {
  const session = useSignedInSession();
  const backtests = usePagedList("/v1/backtests", { params: { query: { limit: 20 } } });
  return (
    <JobListPage
      title="Backtests"
      subtitle="A plan version priced on the stored usage of past periods, beside what was billed."
      list={backtests}
      noun={["backtest", "backtests"]}
      idHeader="Backtest"
      start={can(session, "catalog:write") ? (onStarted) => <NewBacktest onCreated={onStarted} /> : undefined}
      columns={[
        { header: "Status", cell: (backtest) => <span className="badge">{backtest.status}</span> },
        {
          header: "Progress",
          cell: (backtest) => `${backtest.customers_done} of ${backtest.customers_total} customers`,
        },
        {
          header: "Periods",
          cell: (backtest) => `${formatDateTime(backtest.from)} to ${formatDateTime(backtest.to)}`,
        },
      ]}
      report={(id) => <BacktestResult id={id} />}
    />
  );
}

function NewBacktest({ onCreated }: { onCreated: (id: string) => void }) {
  const [version, setVersion] = useState("");
  const [kind, setKind] = useState<PopulationKind>("everyone");
  const [value, setValue] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const create = useApiMutation({
    call: () =>
      api.POST("/v1/backtests", {
        body: {
          plan_version_id: version.trim(),
          population: populationOf(kind, value),
          from: instantFromLocal(from),
          to: instantFromLocal(to),
        },
      }),
    invalidates: ["/v1/backtests"],
    onSuccess: (created: Backtest) => onCreated(created.id),
  });
  const errors = fieldErrorMap(create.error?.fieldErrors ?? []);
  return (
    <JobStartPanel
      title="New backtest"
      start={create}
      submit={["Run the backtest", "Starting…"]}
      fieldsShowErrors
    >
      <TextField
        label="Plan version id"
        value={version}
        onValueChange={setVersion}
        hint="A draft, pending or published version"
        error={errors.plan_version_id}
      />
      <SelectField
        label="Population"
        value={kind}
        onValueChange={(chosen) => setKind(chosen as PopulationKind)}
        options={populationKinds}
      />
      {kind !== "everyone" && (
        <TextField
          label={kind === "country" ? "Country" : kind === "metadata" ? "Metadata" : "Customer ids"}
          value={value}
          onValueChange={setValue}
          error={errors.population ?? errors.country ?? errors.customer_ids ?? errors.metadata}
        />
      )}
      <DateTimeField label="From" value={from} onValueChange={setFrom} error={errors.from} />
      <DateTimeField label="To" value={to} onValueChange={setTo} error={errors.to} />
    </JobStartPanel>
  );
}

function BacktestResult({ id }: { id: string }) {
  return (
    <JobReport
      title={`Backtest ${id}`}
      query={apiQuery("/v1/backtests/{id}", { params: { path: { id } } })}
      loadingLabel="Loading the backtest…"
    >
      {(found) =>
        found.summary === null ? (
          <p>
            {found.status}: {found.customers_done} of {found.customers_total} customers compared
            {found.failure ? ` (${found.failure})` : ""}.
          </p>
        ) : (
          <BacktestSummary backtest={found} summary={found.summary} />
        )
      }
    </JobReport>
  );
}

function BacktestSummary({
  backtest,
  summary,
}: {
  backtest: Backtest;
  summary: NonNullable<Backtest["summary"]>;
}) {
  return (
    <>
      <p>
        {summary.customers} customers, {summary.invoices} invoices compared.
      </p>
      <DownloadButton
        download={() =>
          answer(
            api.GET("/v1/backtests/{id}/csv", { params: { path: { id: backtest.id } }, parseAs: "blob" }),
          )
        }
        fileName={`backtest-${backtest.id}.csv`}
        label="Download CSV"
      />
      <BarChart
        label="Customers by the change of what they pay"
        describeValues
        series={[{ key: "customers", name: "Customers" }]}
        points={summary.histogram.map((bucket) => ({
          label: bucket.label,
          values: { customers: String(bucket.customers) },
        }))}
        formatValue={(count) => `${count} customers`}
        formatTick={quantityTicks()}
      />
      {summary.currencies.map((totals) => (
        <section key={totals.currency} aria-label={`Movers in ${totals.currency}`}>
          <h3>
            {totals.currency}: {formatMoney(totals.billed, totals.currency)} billed,{" "}
            {formatMoney(totals.would_be, totals.currency)} would be ({totals.change_percent ?? "–"}%)
          </h3>
          <p>
            {totals.customers_paying_more} paying more, {totals.customers_paying_less} paying less,{" "}
            {totals.customers_unchanged} unchanged.
          </p>
          <DataTable
            label={`Largest movers in ${totals.currency}`}
            rows={[...totals.largest_increases, ...totals.largest_decreases]}
            rowKey={(mover) => mover.customer_id}
            columns={[
              {
                header: "Customer",
                cell: (mover) => <Link to={customerPath(mover.customer_id)}>{mover.customer_id}</Link>,
              },
              { header: "Billed", cell: (mover) => formatMoney(mover.billed, totals.currency) },
              { header: "Would be", cell: (mover) => formatMoney(mover.would_be, totals.currency) },
              {
                header: "Change",
                cell: (mover) =>
                  `${formatMoney(mover.change, totals.currency)} (${mover.change_percent ?? "–"}%)`,
              },
              {
                header: "Driving line",
                cell: (mover) =>
                  mover.driving_line === null
                    ? "–"
                    : `${mover.driving_line.charge_id ?? mover.driving_line.kind}: ${formatMoney(mover.driving_line.difference, totals.currency)}`,
              },
            ]}
          />
        </section>
      ))}
    </>
  );
}
