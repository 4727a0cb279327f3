// The KPI tables: MRR with its movements per month, and next month's
// forecast per customer.

import type { CustomerForecast, MrrMonth } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { EmptyState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
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
];

export function MrrTable({ months, currency }: { months: MrrMonth[]; currency: string }) {
  return (
    <TableScroll label="MRR movements table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Month</th>
            {mrrColumns.map(([key, heading]) => (
              <th key={key} scope="col" className="numeric">
                {heading}
              </th>
            ))}
            <th scope="col" className="numeric">
              Customers
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((month) => (
            <tr key={month.period}>
              <th scope="row">{periodLabel(month.period, { short: true })}</th>
              {mrrColumns.map(([key, heading]) => (
                <td key={key} data-label={heading} className="numeric">
                  {formatMoney(String(month[key]), currency)}
                </td>
              ))}
              <td data-label="Customers" className="numeric">
                {month.customers}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ForecastTable({ customers }: { customers: CustomerForecast[] }) {
  if (customers.length === 0) return <EmptyState title="No customer to forecast." />;
  return (
    <TableScroll label="Forecast per customer table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col" className="numeric">
              Recurring
            </th>
            <th scope="col">Usage</th>
            <th scope="col" className="numeric">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {customers.map((customer) => (
            <tr key={`${customer.customer_id} ${customer.currency}`}>
              <th scope="row">
                <Link to={customerPath(customer.customer_id)}>{customer.customer_id}</Link>
                <span className="actor-id">{customer.method}</span>
              </th>
              <td data-label="Recurring" className="numeric">
                {formatMoney(customer.recurring, customer.currency)}
              </td>
              <td data-label="Usage">
                {customer.usage.length === 0 ? (
                  "None"
                ) : (
                  <ul className="plain-list">
                    {customer.usage.map((usage) => (
                      <li key={usage.charge_id}>
                        {usage.meter}: {formatQuantity(usage.forecast_quantity)} →{" "}
                        {usage.forecast_amount === null
                          ? "not priced"
                          : formatMoney(usage.forecast_amount, customer.currency)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Total" className="numeric">
                {formatMoney(customer.total, customer.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
