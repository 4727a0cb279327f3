// The KPI tables: MRR with its movements per month, and next month's
// forecast per customer.
import type { CustomerForecast, MrrMonth } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { type Column, DataTable } from "../../ui/data-table.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { useQuantityDisplayDecimals } from "../invoices/quantity-display-decimals.ts";
import { periodLabel } from "./period-month.ts";

const mrrColumns: [keyof MrrMonth, string][] = [
  ["starting_mrr", "Starting"],
  ["new", "New"],
  ["expansion", "Expansion"],
  ["contraction", "Contraction"],
  ["churn", "Churn"],
  ["reactivation", "Reactivation"],
  ["mrr", "MRR"],
  ["arr", "ARR"],
  ["usage_mrr", "Usage MRR"],
];

export function MrrTable({ months, currency }: { months: MrrMonth[]; currency: string }) {
  return (
    <DataTable
      label="MRR movements table"
      rows={months}
      rowKey={(month) => month.period}
      columns={[
        { header: "Month", cell: (month) => periodLabel(month.period, { short: true }) },
        ...mrrColumns.map(
          ([key, header]): Column<MrrMonth> => ({
            header,
            numeric: true,
            cell: (month) => formatMoney(String(month[key]), currency),
          }),
        ),
        { header: "Customers", numeric: true, cell: (month) => month.customers },
      ]}
    />
  );
}

function ForecastUsage({ customer }: { customer: CustomerForecast }) {
  const displayDecimals = useQuantityDisplayDecimals();
  if (customer.usage.length === 0) return <>None</>;
  return (
    <ul className="plain-list">
      {customer.usage.map((usage) => (
        <li key={usage.charge_id}>
          {usage.meter}:{" "}
          <span title={usage.forecast_quantity}>
            {formatQuantity(usage.forecast_quantity, undefined, displayDecimals(usage.meter))}
          </span>{" "}
          →{" "}
          {usage.forecast_amount === null
            ? "not priced"
            : formatMoney(usage.forecast_amount, customer.currency)}
        </li>
      ))}
    </ul>
  );
}

export function ForecastTable({ customers }: { customers: CustomerForecast[] }) {
  if (customers.length === 0) return <EmptyState title="No customer to forecast." />;
  return (
    <DataTable
      label="Forecast per customer table"
      rows={customers}
      rowKey={(customer) => `${customer.customer_id} ${customer.currency}`}
      columns={[
        {
          header: "Customer",
          cell: (customer) => (
            <>
              <Link to={customerPath(customer.customer_id)}>{customer.customer_id}</Link>
              <span className="actor-id">{customer.method}</span>
            </>
          ),
        },
        {
          header: "Recurring",
          numeric: true,
          cell: (customer) => formatMoney(customer.recurring, customer.currency),
        },
        { header: "Usage", cell: (customer) => <ForecastUsage customer={customer} /> },
        {
          header: "Total",
          numeric: true,
          cell: (customer) => formatMoney(customer.total, customer.currency),
        },
      ]}
    />
  );
}
