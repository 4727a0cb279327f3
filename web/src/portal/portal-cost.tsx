// The cost so far this period (the upcoming invoice as it stands now, the
// same total the seller sees) and the forecast to the period's end.
import { useQuery } from "@tanstack/react-query";
import type { PortalProfile, PortalUpcomingInvoice } from "../api/resources.ts";
import { formatPeriodBound } from "../format/date-format.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalQuery } from "./portal-api.ts";

export function PortalCost({ profile }: { profile: PortalProfile }) {
  const upcoming = useQuery(portalQuery("/v1/portal/upcoming-invoice"));
  return (
    <Panel title="This period">
      <ResourceView resource={upcoming} loadingLabel="Adding up this period…">
        {(loaded) => <CostFigures upcoming={loaded} profile={profile} />}
      </ResourceView>
    </Panel>
  );
}

function CostFigures({ upcoming, profile }: { upcoming: PortalUpcomingInvoice; profile: PortalProfile }) {
  const { cost_to_date: costToDate, currency, forecast, invoice } = upcoming;
  if (costToDate === null || currency === null || invoice === null) {
    return <p>You have no subscription with an invoice to come.</p>;
  }
  const money = (amount: string) => formatMoney(amount, currency, profile.locale);
  const date = (instant: string) => formatPeriodBound(instant, profile.timezone, profile.locale);
  return (
    <>
      <dl className="portal-figures">
        <div className="portal-figure">
          <dt>Cost to date</dt>
          <dd data-testid="cost-to-date">{money(costToDate)}</dd>
        </div>
        {forecast && (
          <div className="portal-figure">
            <dt>Forecast for the period</dt>
            <dd data-testid="forecast">{money(forecast.subtotal_forecast)}</dd>
          </div>
        )}
        <div className="portal-figure">
          <dt>Next invoice</dt>
          <dd>{date(invoice.issued_at)}</dd>
        </div>
      </dl>
      {forecast && (
        <p className="muted">
          Period {date(forecast.period_start)} to {date(forecast.period_end)}. The forecast is an estimate:{" "}
          {forecast.description}
        </p>
      )}
    </>
  );
}
