// A meter's usage per window as bars (loaded on demand with the chart
// library). The bar heights are floats, fine for drawing; the tooltip and the
// table beside it show the API's exact decimal values.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageWindow } from "../../api/resources.ts";
import { formatQuantity } from "../../format/decimal-format.ts";

type Point = { label: string; valueForDrawing: number; value: string };

export default function UsageChart({
  windows,
  label,
  windowLabel,
}: {
  windows: UsageWindow[];
  label: string;
  windowLabel: (window: UsageWindow) => string;
}) {
  const points: Point[] = windows.map((window) => ({
    label: windowLabel(window),
    valueForDrawing: Number(window.value),
    value: formatQuantity(window.value),
  }));
  return (
    <div className="chart-area" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d4d8e0" />
          <XAxis dataKey="label" tick={{ fill: "#374151", fontSize: 12 }} minTickGap={16} />
          <YAxis
            tick={{ fill: "#374151", fontSize: 12 }}
            width={56}
            tickFormatter={(value: number) =>
              new Intl.NumberFormat(undefined, { notation: "compact" }).format(value)
            }
          />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as Point).value, "Usage"]} />
          <Bar dataKey="valueForDrawing" name="Usage" fill="#1d4ed8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
