// Amount due per simulated invoice as bars: the shape of a pricing change
// over time is quicker to see than to read. Loaded on demand (the chart
// library is large). The tables below carry the same numbers exactly; the
// bar heights are floats, which is fine for drawing and nothing else.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SimulatedInvoice } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";

type Point = { label: string; amountDueForDrawing: number; amountDue: string };

export default function InvoiceChart({
  invoices,
  timeZone,
}: {
  invoices: SimulatedInvoice[];
  timeZone: string;
}) {
  const currency = invoices[0]?.currency ?? "USD";
  const points: Point[] = invoices.map((invoice) => ({
    label: formatPeriodBound(invoice.issued_at, timeZone),
    amountDueForDrawing: Number(invoice.amount_due),
    amountDue: formatMoney(invoice.amount_due, invoice.currency),
  }));
  const description = points.map((point) => `${point.label}: ${point.amountDue}`).join("; ");

  return (
    <figure className="chart">
      <figcaption>Amount due per invoice ({currency})</figcaption>
      <div className="chart-area" role="img" aria-label={`Amount due per invoice. ${description}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d4d8e0" />
            <XAxis dataKey="label" tick={{ fill: "#374151", fontSize: 12 }} />
            <YAxis
              tick={{ fill: "#374151", fontSize: 12 }}
              width={72}
              tickFormatter={(value: number) =>
                new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact" }).format(
                  value,
                )
              }
            />
            <Tooltip
              formatter={(_value, _name, item) => [(item.payload as Point).amountDue, "Amount due"]}
              cursor={{ fill: "rgba(29, 78, 216, 0.08)" }}
            />
            <Bar
              dataKey="amountDueForDrawing"
              name="Amount due"
              fill="#1d4ed8"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
