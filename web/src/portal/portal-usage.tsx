// Usage to date of each metered charge: the quantity billed so far, what it
// costs, and a chart per day with the exact values in a table beside it.
import { useQuery } from "@tanstack/react-query";
import type { PortalMeterUsage, PortalProfile, PortalUsageDay } from "../api/resources.ts";
import { formatMoney, formatQuantity } from "../format/decimal-format.ts";
import { BarChart, quantityTicks } from "../ui/bar-chart.tsx";
import { DataTable } from "../ui/data-table.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { EmptyState } from "../ui/states.tsx";
import { portalQuery } from "./portal-api.ts";

export function PortalUsage({ profile }: { profile: PortalProfile }) {
  const usage = useQuery(portalQuery("/v1/portal/usage"));
  return (
    <Panel title="Usage to date">
      <ResourceView resource={usage} loadingLabel="Loading your usage…">
        {({ meters }) =>
          meters.length === 0 ? (
            <EmptyState title="Nothing metered this period" />
          ) : (
            meters.map((meter) => (
              <MeterUsage key={`${meter.meter} ${meter.period_start}`} meter={meter} profile={profile} />
            ))
          )
        }
      </ResourceView>
    </Panel>
  );
}

function MeterUsage({ meter, profile }: { meter: PortalMeterUsage; profile: PortalProfile }) {
  const dayLabel = (day: PortalUsageDay) =>
    new Intl.DateTimeFormat(profile.locale, {
      month: "short",
      day: "numeric",
      timeZone: profile.timezone,
    }).format(new Date(day.start));
  return (
    <article className="portal-meter" aria-label={meter.name}>
      <h3>{meter.name}</h3>
      <p>
        <span data-testid="meter-quantity" title={meter.quantity}>
          {formatQuantity(meter.quantity, profile.locale, meter.display_decimals)}
        </span>{" "}
        so far,{" "}
        <span data-testid="meter-amount">{formatMoney(meter.amount, meter.currency, profile.locale)}</span>
      </p>
      {meter.days.length > 0 && (
        <>
          <BarChart
            label={`${meter.name} per day this period`}
            series={[{ key: "value", name: "Usage" }]}
            points={meter.days.map((day) => ({ label: dayLabel(day), values: { value: day.value } }))}
            formatValue={(value) => formatQuantity(value, profile.locale)}
            formatTick={quantityTicks(profile.locale)}
            valueAxisWidth={48}
          />
          <details>
            <summary>Daily values</summary>
            <DataTable
              label={`${meter.name} per day`}
              stacked={false}
              rowHeaders={false}
              rows={meter.days}
              rowKey={(day) => day.start}
              columns={[
                { header: "Day", cell: dayLabel },
                { header: "Usage", numeric: true, cell: (day) => formatQuantity(day.value, profile.locale) },
              ]}
            />
          </details>
        </>
      )}
    </article>
  );
}
