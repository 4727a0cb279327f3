// MRR movements per month as stacked bars (new, expansion and reactivation
// above the axis, contraction and churn below) with MRR as a line, in one
// currency (loaded on demand with the chart library). Heights are floats,
// fine for drawing; the tooltip and the table beside it carry the exact sums.
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
import type { MrrMonth } from "../../api/resources.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { periodLabel } from "./period-month.ts";

const movements = [
  { key: "new", label: "New", color: "#1d4ed8" },
  { key: "expansion", label: "Expansion", color: "#15803d" },
  { key: "reactivation", label: "Reactivation", color: "#7c3aed" },
  { key: "contraction", label: "Contraction", color: "#b45309" },
  { key: "churn", label: "Churn", color: "#b91c1c" },
] as const;

type Point = Record<string, number | string>;

export default function MrrMovementsChart({ months, currency }: { months: MrrMonth[]; currency: string }) {
  const points: Point[] = months.map((month) => {
    const point: Point = { label: periodLabel(month.period, { short: true }), mrr: Number(month.mrr) };
    for (const movement of movements) {
      point[movement.key] = Number(month[movement.key]);
      point[`${movement.key}Text`] = formatMoney(month[movement.key], currency);
    }
    point.mrrText = formatMoney(month.mrr, currency);
    return point;
  });
  const description = months
    .map((month) => `${periodLabel(month.period, { short: true })}: MRR ${formatMoney(month.mrr, currency)}`)
    .join("; ");
  const compact = new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact" });
  return (
    <div
      className="chart-area"
      role="img"
      aria-label={`MRR and its movements in ${currency}. ${description}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d4d8e0" />
          <XAxis dataKey="label" tick={{ fill: "#374151", fontSize: 12 }} />
          <YAxis
            tick={{ fill: "#374151", fontSize: 12 }}
            width={72}
            tickFormatter={(value: number) => compact.format(value)}
          />
          <ReferenceLine y={0} stroke="#6b7280" />
          <Tooltip
            formatter={(_value, name, item) => {
              const point = item.payload as Point;
              const key = movements.find((movement) => movement.label === name)?.key ?? "mrr";
              return [String(point[`${key}Text`]), name];
            }}
          />
          <Legend />
          {movements.map((movement) => (
            <Bar
              key={movement.key}
              dataKey={movement.key}
              name={movement.label}
              stackId="movements"
              fill={movement.color}
              isAnimationActive={false}
            />
          ))}
          <Line
            dataKey="mrr"
            name="MRR"
            stroke="#111827"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
