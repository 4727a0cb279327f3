// The revenue report: revenue recognized per month and currency (and per
// product or customer when grouped), breakage, and what is deferred and
// unbilled at each month's end, in the finance time zone; the months and the
// grouping kept in the address, and the rows shown downloadable as CSV.
import { useQuery } from "@tanstack/react-query";
import { apiQuery, type GetData } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { navigate, useLocation } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { CsvDownloadButton } from "../../ui/csv-download-button.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { useCustomerNames } from "../customers/customer-names.ts";
import { MonthField } from "../finance/month-picker.tsx";
import { isPeriod, periodLabel, previousMonth } from "../finance/period-month.ts";

type Report = GetData<"/v1/revenue-report">;
type Grouping = "none" | "product" | "customer";
const groupings: { value: Grouping; label: string }[] = [
  { value: "none", label: "Currency only" },
  { value: "product", label: "Product" },
  { value: "customer", label: "Customer" },
];

/** Shows the report of other months or another grouping, in place of this one in the history. */
function showReport(from: string, to: string, groupBy: Grouping): void {
  const query = new URLSearchParams({ from, to });
  if (groupBy !== "none") query.set("group_by", groupBy);
  navigate(`/revenue?${query.toString()}`, { replace: true });
}

export function RevenueReportPage() {
  const { query } = useLocation();
  const fallback = previousMonth(new Date());
  const to = isPeriod(query.get("to") ?? "") ? (query.get("to") as string) : fallback;
  const from = isPeriod(query.get("from") ?? "") ? (query.get("from") as string) : to;
  const asked = query.get("group_by");
  const groupBy: Grouping = asked === "product" || asked === "customer" ? asked : "none";
  const report = useQuery(
    apiQuery("/v1/revenue-report", { params: { query: { from, to, group_by: groupBy } } }),
  );
  return (
    <>
      <PageHeader
        title="Revenue"
        subtitle="Revenue recognized each month, breakage, and what is deferred or unbilled at the month's end."
      />
      <div className="filters">
        <MonthField label="From" value={from} onMonthChange={(month) => showReport(month, to, groupBy)} />
        <MonthField label="To" value={to} onMonthChange={(month) => showReport(from, month, groupBy)} />
        <SelectField
          label="Group by"
          value={groupBy}
          onValueChange={(value) => showReport(from, to, value as Grouping)}
          options={groupings}
        />
      </div>
      <ResourceView resource={report} loadingLabel="Reading the revenue report…">
        {(loaded) => <RevenueTable report={loaded} />}
      </ResourceView>
    </>
  );
}

function RevenueTable({ report }: { report: Report }) {
  const customerName = useCustomerNames();
  const groupName = (group: string | null) =>
    group === null ? "" : report.group_by === "customer" ? customerName(group) : group;
  if (report.rows.length === 0) {
    return <EmptyState title={`No revenue from ${periodLabel(report.from)} to ${periodLabel(report.to)}.`} />;
  }
  const grouped = report.group_by !== "none";
  return (
    <>
      <p className="muted">
        Months in {report.timezone} time.{" "}
        <CsvDownloadButton
          fileName={`revenue-${report.from}-${report.to}.csv`}
          what="the revenue shown"
          header={[
            "month",
            "currency",
            ...(grouped ? [report.group_by] : []),
            "recognized",
            "breakage",
            "deferred_balance",
            "unbilled_balance",
          ]}
          rows={report.rows.map((row) => [
            row.period,
            row.currency,
            ...(grouped ? [groupName(row.group)] : []),
            row.recognized,
            row.breakage,
            row.deferred_balance,
            row.unbilled_balance,
          ])}
        />
      </p>
      <DataTable
        label="Revenue table"
        rows={report.rows}
        rowKey={(row, index) => `${row.period}-${row.currency}-${row.group ?? ""}-${index}`}
        columns={[
          { header: "Month", cell: (row) => periodLabel(row.period, { short: true }) },
          { header: "Currency", cell: (row) => row.currency },
          grouped && {
            header: report.group_by === "customer" ? "Customer" : "Product",
            cell: (row) =>
              row.group === null ? (
                "—"
              ) : report.group_by === "customer" ? (
                <Link to={customerPath(row.group)}>{groupName(row.group)}</Link>
              ) : (
                row.group
              ),
          },
          { header: "Recognized", numeric: true, cell: (row) => formatMoney(row.recognized, row.currency) },
          { header: "Breakage", numeric: true, cell: (row) => formatMoney(row.breakage, row.currency) },
          {
            header: "Deferred",
            numeric: true,
            cell: (row) => formatMoney(row.deferred_balance, row.currency),
          },
          {
            header: "Unbilled",
            numeric: true,
            cell: (row) => formatMoney(row.unbilled_balance, row.currency),
          },
        ]}
      />
    </>
  );
}
