// A customer's usage of one meter over a recent range, as a chart and, for
// those who would rather read, as a table. Usage is looked up by the
// customer's external id, in windows of the customer's time zone.
import { lazy, Suspense, useMemo, useState } from "react";
import type { Customer, Meter, Page, UsageReport, UsageWindow } from "../../api/resources.ts";
import { useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatQuantity } from "../../format/decimal-format.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";
import { SelectField } from "../../ui/form-field.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { rangeBounds, usageRanges } from "./usage-ranges.ts";

const UsageChart = lazy(() => import("./usage-chart.tsx"));

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
  const meters = useApiResource<Page<Meter>>("/v1/meters?limit=100");
  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      {meters.state.status === "loading" && <LoadingState label="Loading meters…" />}
      {meters.state.status === "error" && <ErrorState error={meters.state.error} onRetry={meters.reload} />}
      {meters.state.status === "ready" && meters.state.data.data.length === 0 && (
        <EmptyState title="No meters yet: usage is counted by meters." />
      )}
      {meters.state.status === "ready" && meters.state.data.data.length > 0 && (
        <UsageExplorer customer={customer} meters={meters.state.data.data} />
      )}
    </section>
  );
}

function UsageExplorer({ customer, meters }: { customer: Customer; meters: Meter[] }) {
  const [meterCode, setMeterCode] = useState(meters[0]!.code);
  const [rangeId, setRangeId] = useState("30d");
  const range = usageRanges.find((candidate) => candidate.id === rangeId) ?? usageRanges[1]!;
  // The range is fixed when it is chosen, not on every render.
  const bounds = useMemo(() => rangeBounds(range, new Date()), [range]);
  const query = new URLSearchParams({
    customer: customer.external_id,
    meter: meterCode,
    from: bounds.from,
    to: bounds.to,
    window: range.window,
  });
  const report = useApiResource<UsageReport>(`/v1/usage?${query.toString()}`);

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
      {report.state.status === "loading" && <LoadingState label="Loading usage…" />}
      {report.state.status === "error" && <ErrorState error={report.state.error} onRetry={report.reload} />}
      {report.state.status === "ready" && <UsageReportView report={report.state.data} />}
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
      <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
        <UsageChart
          windows={report.windows}
          windowLabel={windowLabel}
          label={`Usage of ${report.meter} per ${report.window}: ${summary}`}
        />
      </Suspense>
      <details className="usage-table">
        <summary>Show as a table</summary>
        <TableScroll label="Usage table">
          <table>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col" className="numeric">
                  Usage
                </th>
                <th scope="col" className="numeric">
                  Events
                </th>
              </tr>
            </thead>
            <tbody>
              {report.windows
                .filter((window) => window.event_count > 0)
                .map((window) => (
                  <tr key={`${window.start} ${JSON.stringify(window.group)}`}>
                    <th scope="row">{formatDateTime(window.start, undefined, report.timezone)}</th>
                    <td className="numeric">{formatQuantity(window.value)}</td>
                    <td className="numeric">{window.event_count}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </>
  );
}
