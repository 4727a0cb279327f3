// A meter's usage per day as bars (loaded on demand with the chart library).
// Bar heights are floats, fine for drawing; the tooltip and the table beside
// the chart show the API's exact decimal values.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PortalUsageDay } from "../api/resources.ts";
import { formatQuantity } from "../format/decimal-format.ts";

type Point = { label: string; valueForDrawing: number; value: string };

export default function PortalUsageChart({
  days,
  label,
  dayLabel,
  locale,
}: {
  days: PortalUsageDay[];
  label: string;
  dayLabel: (day: PortalUsageDay) => string;
  locale: string;
}) {
  const points: Point[] = days.map((day) => ({
    label: dayLabel(day),
    valueForDrawing: Number(day.value),
    value: formatQuantity(day.value, locale),
  }));
  return (
    <div className="chart-area" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d4d8e0" />
          <XAxis dataKey="label" tick={{ fill: "#374151", fontSize: 12 }} minTickGap={16} />
          <YAxis
            tick={{ fill: "#374151", fontSize: 12 }}
            width={48}
            tickFormatter={(value: number) =>
              new Intl.NumberFormat(locale, { notation: "compact" }).format(value)
            }
          />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as Point).value, "Usage"]} />
          <Bar dataKey="valueForDrawing" name="Usage" fill="#1d4ed8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
