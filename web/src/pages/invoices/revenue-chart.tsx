// Invoiced revenue per month as bars, one currency at a time (loaded on
// demand with the chart library). Bar heights are floats, fine for drawing;
// the labels, tooltip and the table beside it carry the exact sums.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../../format/decimal-format.ts";
import type { MonthRevenue } from "./revenue-by-month.ts";

type Point = { label: string; totalForDrawing: number; total: string };

export default function RevenueChart({
  months,
  currency,
  monthLabel,
}: {
  months: MonthRevenue[];
  currency: string;
  monthLabel: (month: string) => string;
}) {
  const points: Point[] = months.map((month) => ({
    label: monthLabel(month.month),
    totalForDrawing: Number(month.total),
    total: formatMoney(month.total, currency),
  }));
  const description = points.map((point) => `${point.label}: ${point.total}`).join("; ");
  return (
    <div className="chart-area" role="img" aria-label={`Revenue per month in ${currency}. ${description}`}>
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
            formatter={(_value, _name, item) => [(item.payload as Point).total, "Revenue"]}
            cursor={{ fill: "rgba(29, 78, 216, 0.08)" }}
          />
          <Bar
            dataKey="totalForDrawing"
            name="Revenue"
            fill="#1d4ed8"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
