// A customer's usage of one meter over a recent range, as a chart and, for
// those who would rather read, as a table. Usage is looked up by the
// customer's external id, in windows of the customer's time zone.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { apiQuery } from "../../api/queries.ts";
import type { Customer, Meter, UsageReport, UsageWindow } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatQuantity } from "../../format/decimal-format.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";
import { BarChart, quantityTicks } from "../../ui/bar-chart.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { openingMeterOf, rangeBounds, usageRanges } from "./usage-ranges.ts";

function windowFormatter(window: string, timeZone: string): (usageWindow: UsageWindow) => string {
  const options: Intl.DateTimeFormatOptions =
    window === "hour"
      ? { hour: "2-digit", minute: "2-digit", timeZone }
      : window === "month"
        ? { month: "short", year: "numeric", timeZone }
        : { month: "short", day: "numeric", timeZone };
  const format = new Intl.DateTimeFormat(undefined, options);
  return (usageWindow) => format.format(new Date(usageWindow.start));
}

export function CustomerUsage({ customer }: { customer: Customer }) {
  const meters = useQuery(apiQuery("/v1/meters", { params: { query: { limit: 100 } } }));
  return (
    <Panel title="Usage">
      <ResourceView
        resource={meters}
        loadingLabel="Loading meters…"
        empty="No meters yet: usage is counted by meters."
      >
        {({ data }) => <UsageExplorer customer={customer} meters={data} />}
      </ResourceView>
    </Panel>
  );
}

/**
 * The meter the chart opens on: the first one the customer's upcoming invoice
 * prices (a meter the customer is billed for), else the first meter.
 */
function useOpeningMeter(customer: Customer, meters: Meter[]): string {
  const upcoming = useQuery({
    ...apiQuery("/v1/customers/{id}/upcoming-invoice", { params: { path: { id: customer.id } } }),
    retry: false,
  });
  return openingMeterOf(upcoming.data?.lines ?? [], meters);
}

function UsageExplorer({ customer, meters }: { customer: Customer; meters: Meter[] }) {
  const openingMeter = useOpeningMeter(customer, meters);
  const [chosenMeter, setMeterCode] = useState<string | undefined>(undefined);
  const meterCode = chosenMeter ?? openingMeter;
  const [rangeId, setRangeId] = useState("30d");
  const range = usageRanges.find((candidate) => candidate.id === rangeId) ?? usageRanges[1]!;
  // The range is fixed when it is chosen, not on every render.
  const bounds = useMemo(() => rangeBounds(range, new Date()), [range]);
  const report = useQuery(
    apiQuery("/v1/usage", {
      params: {
        query: {
          customer: customer.external_id,
          meter: meterCode,
          from: bounds.from,
          to: bounds.to,
          window: range.window,
        },
      },
    }),
  );

  return (
    <>
      <div className="inline-form">
        <SelectField
          label="Meter"
          value={meterCode}
          onValueChange={setMeterCode}
          options={meters.map((meter) => ({ value: meter.code, label: meter.name }))}
        />
        <SelectField
          label="Range"
          value={rangeId}
          onValueChange={setRangeId}
          options={usageRanges.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
        />
      </div>
      <ResourceView resource={report} loadingLabel="Loading usage…">
        {(loaded) => <UsageReportView report={loaded} />}
      </ResourceView>
    </>
  );
}

function UsageReportView({ report }: { report: UsageReport }) {
  const windowLabel = windowFormatter(report.window, report.timezone);
  const events = report.windows.reduce((sum, window) => sum + window.event_count, 0);
  // A total is meaningful for counts and sums; a max or latest per window is not additive.
  const additive = report.aggregation === "count" || report.aggregation === "sum";
  const total = additive ? sumDecimalStrings(report.windows.map((window) => window.value)) : undefined;
  const summary =
    `${events} ${events === 1 ? "event" : "events"}` +
    (total === undefined ? "" : `, ${formatQuantity(total)} in all`) +
    ` (${report.aggregation}), in ${report.timezone} time.`;

  if (events === 0) return <EmptyState title="No usage in this range." />;
  return (
    <>
      <p className="simulation-summary">{summary}</p>
      <BarChart
        label={`Usage of ${report.meter} per ${report.window}: ${summary}`}
        series={[{ key: "value", name: "Usage" }]}
        points={report.windows.map((window) => ({
          label: windowLabel(window),
          values: { value: window.value },
        }))}
        formatValue={(value) => formatQuantity(value)}
        formatTick={quantityTicks()}
        valueAxisWidth={56}
      />
      <details className="usage-table">
        <summary>Show as a table</summary>
        <DataTable
          label="Usage table"
          stacked={false}
          rows={report.windows.filter((window) => window.event_count > 0)}
          rowKey={(window) => `${window.start} ${JSON.stringify(window.group)}`}
          columns={[
            { header: "From", cell: (window) => formatDateTime(window.start, undefined, report.timezone) },
            { header: "Usage", numeric: true, cell: (window) => formatQuantity(window.value) },
            { header: "Events", numeric: true, cell: (window) => window.event_count },
          ]}
        />
      </details>
    </>
  );
}
