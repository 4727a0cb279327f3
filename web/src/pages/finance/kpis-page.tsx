// Billing KPIs over a range of months: MRR and ARR with their movements (as a
// chart and a table), net revenue retention, DSO, the recurring billing
// failure rate, time to resolve disputes, revenue leakage, and next month's
// forecast per customer.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiQuery } from "../../api/queries.ts";
import type { AmountInCurrency, Kpis, MrrMonth } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { BarChart, moneyTicks } from "../../ui/bar-chart.tsx";
import { Detail } from "../../ui/detail.tsx";
import { CurrencyChoice } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { ForecastTable, MrrTable } from "./kpi-tables.tsx";
import { isPeriod, periodLabel } from "./period-month.ts";

// Each movement's bar, stacked above the axis (new, expansion, reactivation)
// or below it (contraction, churn), with MRR as a line over them.
const mrrSeries = [
  { key: "new", name: "New", color: "#1d4ed8" },
  { key: "expansion", name: "Expansion", color: "#15803d" },
  { key: "reactivation", name: "Reactivation", color: "#7c3aed" },
  { key: "contraction", name: "Contraction", color: "#b45309" },
  { key: "churn", name: "Churn", color: "#b91c1c" },
  { key: "mrr", name: "MRR", kind: "line", color: "#111827" },
] as const;

export function KpisPage() {
  const { query } = useLocation();
  const from = isPeriod(query.get("from") ?? "") ? query.get("from")! : "";
  const to = isPeriod(query.get("to") ?? "") ? query.get("to")! : "";
  const kpis = useQuery(
    apiQuery("/v1/kpis", { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } }),
  );
  const choose = (name: "from" | "to", value: string) => {
    const next = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (isPeriod(value)) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(`/kpis${text ? `?${text}` : ""}`, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="KPIs"
        subtitle="Recurring revenue, retention, collection, billing failures, disputes and leakage."
      />
      <div className="filters">
        <MonthField label="From" value={from} onChange={(value) => choose("from", value)} />
        <MonthField label="To" value={to} onChange={(value) => choose("to", value)} />
      </div>
      <ResourceView resource={kpis} loadingLabel="Computing the KPIs…">
        {(loaded) => <KpiView kpis={loaded} />}
      </ResourceView>
    </>
  );
}

function MonthField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="month" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

function amountsText(amounts: AmountInCurrency[], empty: string): string {
  if (amounts.length === 0) return empty;
  return amounts.map((entry) => formatMoney(entry.amount, entry.currency)).join(", ");
}

function percentText(percent: string | null): string {
  return percent === null ? "No base to compare" : `${percent}%`;
}

/** One amount of each currency's last month, such as its MRR, or `none` when there is no month. */
function amountsOfMonths(latest: MrrMonth[], field: "mrr" | "usage_mrr" | "arr", none: string): string {
  if (latest.length === 0) return none;
  return latest.map((month) => formatMoney(month[field], month.currency)).join(", ");
}

/** The last month of each currency: the MRR and ARR the range ends on. */
function latestByCurrency(months: MrrMonth[]): MrrMonth[] {
  const latest = new Map<string, MrrMonth>();
  for (const month of months) {
    const known = latest.get(month.currency);
    if (known === undefined || month.period > known.period) latest.set(month.currency, month);
  }
  return [...latest.values()].sort((left, right) => left.currency.localeCompare(right.currency));
}

function KpiView({ kpis }: { kpis: Kpis }) {
  const latest = latestByCurrency(kpis.mrr);
  const lastDso = kpis.dso.filter((entry) => entry.period === kpis.to);
  const failures = kpis.billing_failure_rate;
  const disputes = kpis.disputes;
  return (
    <>
      <Panel title={`${periodLabel(kpis.from)} to ${periodLabel(kpis.to)}`}>
        <p className="field-hint">
          In {kpis.timezone} time; computed {formatDateTime(kpis.generated_at)}. MRR is committed recurring
          fees per month, each customer's month in its own time zone, after recurring discounts; usage,
          one-off items, credits and credit notes are not MRR. Usage MRR is the usage revenue of the last
          three months, averaged. A closed month reads as it did when it was locked.
        </p>
        <dl className="details">
          <Detail term="MRR">{amountsOfMonths(latest, "mrr", "No recurring revenue")}</Detail>
          <Detail term="Usage MRR">{amountsOfMonths(latest, "usage_mrr", "No usage revenue")}</Detail>
          <Detail term="ARR">{amountsOfMonths(latest, "arr", "No recurring revenue")}</Detail>
          <Detail term="Net revenue retention">
            {kpis.net_revenue_retention.length === 0
              ? "No customers to follow"
              : kpis.net_revenue_retention
                  .map(
                    (entry) =>
                      `${percentText(entry.percent)} in ${entry.currency} (customers of ${periodLabel(entry.cohort_period)})`,
                  )
                  .join("; ")}
          </Detail>
          <Detail term={`DSO in ${periodLabel(kpis.to)}`}>
            {lastDso.length === 0
              ? "Nothing invoiced"
              : lastDso
                  .map(
                    (entry) =>
                      `${entry.days === null ? "Nothing invoiced" : `${entry.days} days`} in ${entry.currency}`,
                  )
                  .join("; ")}
          </Detail>
          <Detail term="Billing failure rate">
            {failures.payment_attempts === 0
              ? "No automatic charges"
              : `${percentText(failures.attempt_failure_percent)} of ${failures.payment_attempts} charges failed`}
            <span className="actor-id">
              Invoices failing their first charge: {percentText(failures.invoice_failure_percent)}; bill-run
              errors: {failures.bill_run_customer_errors} of {failures.bill_run_customers} customers (
              {percentText(failures.bill_run_error_percent)})
            </span>
          </Detail>
          <Detail term="Dispute resolution time">
            {disputes.median_hours_to_resolve === null
              ? "No dispute resolved"
              : `${disputes.median_hours_to_resolve} hours (median); ${disputes.average_hours_to_resolve ?? "—"} on average`}
            <span className="actor-id">
              {disputes.opened} opened, {disputes.resolved} resolved, {disputes.open_now} open now;{" "}
              {disputes.chargebacks} chargebacks ({amountsText(disputes.chargeback_amounts, "none")})
            </span>
          </Detail>
          <Detail term="Revenue leakage">
            {kpis.leakage.per_thousand_events} per 1,000 events ({kpis.leakage.leaking_events} of{" "}
            {kpis.leakage.events_ingested})
            <span className="actor-id">
              {amountsText(kpis.leakage.amounts, "Nothing priced")} at current prices
            </span>
          </Detail>
        </dl>
      </Panel>
      <MrrPanel months={kpis.mrr} />
      <Panel title={`Forecast for ${periodLabel(kpis.forecast.period)}`}>
        <ForecastTable customers={kpis.forecast.customers} />
      </Panel>
    </>
  );
}

function MrrPanel({ months }: { months: MrrMonth[] }) {
  const currencies = [...new Set(months.map((month) => month.currency))].sort();
  const [chosen, setChosen] = useState<string | undefined>();
  const currency = chosen !== undefined && currencies.includes(chosen) ? chosen : currencies[0];
  const shown = months
    .filter((month) => month.currency === currency)
    .sort((left, right) => left.period.localeCompare(right.period));
  return (
    <Panel title="MRR movements">
      {currency === undefined ? (
        <EmptyState title="No recurring revenue in these months." />
      ) : (
        <>
          <CurrencyChoice currencies={currencies} value={currency} onValueChange={setChosen} />
          <BarChart
            label={`MRR and its movements in ${currency}. ${shown
              .map(
                (month) =>
                  `${periodLabel(month.period, { short: true })}: MRR ${formatMoney(month.mrr, currency)}`,
              )
              .join("; ")}`}
            series={[...mrrSeries]}
            points={shown.map((month) => ({
              label: periodLabel(month.period, { short: true }),
              values: Object.fromEntries(mrrSeries.map((series) => [series.key, month[series.key]])),
            }))}
            formatValue={(amount) => formatMoney(amount, currency)}
            formatTick={moneyTicks(currency)}
          />
          <MrrTable months={shown} currency={currency} />
        </>
      )}
    </Panel>
  );
}
