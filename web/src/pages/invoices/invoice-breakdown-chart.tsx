// What an invoice is made of, line by line, as horizontal bars: where the
// money of the next invoice comes from at a glance (loaded on demand with the
// chart library). Bar lengths are floats, for drawing only; the lines table
// beside it carries the exact amounts.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InvoiceLine } from "../../api/resources.ts";
import { formatMoney } from "../../format/decimal-format.ts";

type Point = { label: string; amountForDrawing: number; amount: string };

export default function InvoiceBreakdownChart({
  lines,
  currency,
  locale,
}: {
  lines: InvoiceLine[];
  currency: string;
  locale?: string;
}) {
  const points: Point[] = lines.map((line) => ({
    label: line.charge_id ?? line.description,
    amountForDrawing: Number(line.amount),
    amount: formatMoney(line.amount, currency, locale),
  }));
  const description = points.map((point) => `${point.label}: ${point.amount}`).join("; ");
  const height = Math.max(120, points.length * 44 + 40);
  return (
    <div
      className="chart-area chart-breakdown"
      style={{ height }}
      role="img"
      aria-label={`Invoice by line. ${description}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d4d8e0" />
          <XAxis
            type="number"
            tick={{ fill: "#374151", fontSize: 12 }}
            tickFormatter={(value: number) =>
              new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" }).format(
                value,
              )
            }
          />
          <YAxis type="category" dataKey="label" width={110} tick={{ fill: "#374151", fontSize: 12 }} />
          <Tooltip
            formatter={(_value, _name, item) => [(item.payload as Point).amount, "Amount"]}
            cursor={{ fill: "rgba(29, 78, 216, 0.08)" }}
          />
          <Bar
            dataKey="amountForDrawing"
            name="Amount"
            fill="#1d4ed8"
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
