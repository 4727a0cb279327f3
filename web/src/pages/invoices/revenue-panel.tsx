// Revenue by month: what was invoiced (final invoices, not drafts or void
// ones), per currency, as a chart and as a table with the exact sums.
import { useState } from "react";
import { useAllPages } from "../../api/queries.ts";
import type { Invoice } from "../../api/resources.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { BarChart, moneyTicks } from "../../ui/bar-chart.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CurrencyChoice } from "../../ui/form-field.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { revenueByMonth } from "./revenue-by-month.ts";

function monthLabel(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

export function RevenuePanel() {
  const invoices = useAllPages("/v1/invoices");
  const [chosen, setChosen] = useState<string | undefined>();
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return (
    <Panel title="Revenue by month">
      <ResourceView resource={invoices} loadingLabel="Adding up invoices…">
        {(loaded) => (
          <RevenueView invoices={loaded} timeZone={timeZone} chosen={chosen} onChoose={setChosen} />
        )}
      </ResourceView>
    </Panel>
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
      <CurrencyChoice currencies={currencies} value={currency} onValueChange={onChoose} />
      <p className="field-hint">
        Final invoices by issue month, in {timeZone} time; drafts and void invoices are not revenue.
      </p>
      <BarChart
        label={`Revenue per month in ${currency}`}
        describeValues
        series={[{ key: "total", name: "Revenue" }]}
        points={months.map((month) => ({ label: monthLabel(month.month), values: { total: month.total } }))}
        formatValue={(amount) => formatMoney(amount, currency)}
        formatTick={moneyTicks(currency)}
      />
      <details className="usage-table">
        <summary>Show as a table</summary>
        <DataTable
          label="Revenue table"
          stacked={false}
          rows={months}
          rowKey={(month) => month.month}
          columns={[
            { header: "Month", cell: (month) => monthLabel(month.month) },
            { header: "Invoices", numeric: true, cell: (month) => month.invoiceCount },
            { header: "Revenue", numeric: true, cell: (month) => formatMoney(month.total, currency) },
          ]}
        />
      </details>
    </>
  );
}
