// Revenue by month: what was invoiced (final invoices, not drafts or void
// ones), per currency, as a chart and as a table with the exact sums.
import { lazy, Suspense, useState } from "react";
import type { Invoice } from "../../api/resources.ts";
import { useAllPages } from "../../api/use-api.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { SelectField } from "../../ui/form-field.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { revenueByMonth } from "./revenue-by-month.ts";

const RevenueChart = lazy(() => import("./revenue-chart.tsx"));

function monthLabel(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

export function RevenuePanel() {
  const invoices = useAllPages<Invoice>("/v1/invoices");
  const [chosen, setChosen] = useState<string | undefined>();
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return (
    <section className="panel" aria-labelledby="revenue-title">
      <h2 id="revenue-title">Revenue by month</h2>
      {invoices.status === "loading" && <LoadingState label="Adding up invoices…" />}
      {invoices.status === "error" && <ErrorState error={invoices.error} onRetry={invoices.reload} />}
      {invoices.status === "ready" && (
        <RevenueView invoices={invoices.data} timeZone={timeZone} chosen={chosen} onChoose={setChosen} />
      )}
    </section>
  );
}

function RevenueView({
  invoices,
  timeZone,
  chosen,
  onChoose,
}: {
  invoices: Invoice[];
  timeZone: string;
  chosen: string | undefined;
  onChoose: (currency: string) => void;
}) {
  const revenue = revenueByMonth(invoices, timeZone);
  const currencies = [...revenue.keys()].sort();
  if (currencies.length === 0) return <EmptyState title="No final invoices yet." />;
  const currency = chosen !== undefined && revenue.has(chosen) ? chosen : currencies[0]!;
  const months = revenue.get(currency) ?? [];
  return (
    <>
      {currencies.length > 1 && (
        <SelectField
          label="Currency"
          value={currency}
          onValueChange={onChoose}
          options={currencies.map((code) => ({ value: code, label: code }))}
        />
      )}
      <p className="field-hint">
        Final invoices by issue month, in {timeZone} time; drafts and void invoices are not revenue.
      </p>
      <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
        <RevenueChart months={months} currency={currency} monthLabel={monthLabel} />
      </Suspense>
      <details className="usage-table">
        <summary>Show as a table</summary>
        <TableScroll label="Revenue table">
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="numeric">
                  Invoices
                </th>
                <th scope="col" className="numeric">
                  Revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row">{monthLabel(month.month)}</th>
                  <td className="numeric">{month.invoiceCount}</td>
                  <td className="numeric">{formatMoney(month.total, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </>
  );
}
