// The drawing behind BarChart (ui/bar-chart.tsx), with the chart library,
// loaded only when a page shows a chart.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { BarChartProps } from "./bar-chart.tsx";

const tick = { fill: "#374151", fontSize: 12 };
const barColor = "#1d4ed8";

type Point = Record<string, number | string>;

export default function BarChartDrawing(props: BarChartProps) {
  const { points, series, formatValue, formatTick, orientation = "columns", valueAxisWidth = 72 } = props;
  const rows = orientation === "rows";
  const bars = series.filter((entry) => entry.kind !== "line");
  const stacked = bars.length > 1;
  // Heights for drawing beside the exact text for the tooltip, by series key.
  const data: Point[] = points.map((point) => {
    const drawn: Point = { label: point.label };
    for (const entry of series) {
      const value = point.values[entry.key] ?? "0";
      drawn[entry.key] = Number(value);
      drawn[`${entry.key} text`] = formatValue(value);
    }
    return drawn;
  });
  const valueAxis = { tick, tickFormatter: (value: number) => formatTick(value) };
  return (
    <div className={props.className ?? "chart-area"} style={props.style} role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          layout={rows ? "vertical" : "horizontal"}
          stackOffset={stacked ? "sign" : undefined}
          margin={{ top: 8, right: rows ? 16 : 8, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={rows} horizontal={!rows} stroke="#d4d8e0" />
          {rows ? (
            <>
              <XAxis type="number" {...valueAxis} />
              <YAxis type="category" dataKey="label" width={110} tick={tick} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={tick} minTickGap={16} />
              <YAxis width={valueAxisWidth} {...valueAxis} />
            </>
          )}
          {stacked && <ReferenceLine y={0} stroke="#6b7280" />}
          <Tooltip
            formatter={(_value, name, item) => {
              const key = series.find((entry) => entry.name === name)?.key ?? "";
              return [String((item.payload as Point)[`${key} text`]), name];
            }}
            cursor={{ fill: "rgba(29, 78, 216, 0.08)" }}
          />
          {series.length > 1 && <Legend />}
          {series.map((entry) =>
            entry.kind === "line" ? (
              <Line
                key={entry.key}
                dataKey={entry.key}
                name={entry.name}
                stroke={entry.color ?? "#111827"}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />
            ) : (
              <Bar
                key={entry.key}
                dataKey={entry.key}
                name={entry.name}
                fill={entry.color ?? barColor}
                stackId={stacked ? "stack" : undefined}
                radius={stacked ? undefined : rows ? [0, 3, 3, 0] : [3, 3, 0, 0]}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
