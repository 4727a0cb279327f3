// Usage to date of each metered charge: the quantity billed so far, what it
// costs, and a chart per day with the exact values in a table beside it.
import { lazy, Suspense } from "react";
import type {
  PortalMeterUsage,
  PortalProfile,
  PortalUsage as PortalUsageData,
  PortalUsageDay,
} from "../api/resources.ts";
import { formatMoney, formatQuantity } from "../format/decimal-format.ts";
import { EmptyState, ErrorState, LoadingState } from "../ui/states.tsx";
import { TableScroll } from "../ui/table-scroll.tsx";
import { usePortalResource } from "./use-portal-resource.ts";

const PortalUsageChart = lazy(() => import("./portal-usage-chart.tsx"));

export function PortalUsage({ profile }: { profile: PortalProfile }) {
  const { state, reload } = usePortalResource<PortalUsageData>("/v1/portal/usage");
  return (
    <section className="panel" aria-labelledby="portal-usage-heading">
      <h2 id="portal-usage-heading">Usage to date</h2>
      {state.status === "loading" && <LoadingState label="Loading your usage…" />}
      {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === "ready" &&
        (state.data.meters.length === 0 ? (
          <EmptyState title="Nothing metered this period" />
        ) : (
          state.data.meters.map((meter) => (
            <MeterUsage key={`${meter.meter} ${meter.period_start}`} meter={meter} profile={profile} />
          ))
        ))}
    </section>
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
        <span data-testid="meter-quantity">{formatQuantity(meter.quantity, profile.locale)}</span> so far,{" "}
        <span data-testid="meter-amount">{formatMoney(meter.amount, meter.currency, profile.locale)}</span>
      </p>
      {meter.days.length > 0 && (
        <>
          <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
            <PortalUsageChart
              days={meter.days}
              label={`${meter.name} per day this period`}
              dayLabel={dayLabel}
              locale={profile.locale}
            />
          </Suspense>
          <details>
            <summary>Daily values</summary>
            <TableScroll label={`${meter.name} per day`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col" className="numeric">
                      Usage
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {meter.days.map((day) => (
                    <tr key={day.start}>
                      <td>{dayLabel(day)}</td>
                      <td className="numeric">{formatQuantity(day.value, profile.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </>
      )}
    </article>
  );
}
