// The console's one chart: bars per label (revenue per month, usage per day,
// an invoice's lines), stacked when there are several series, with an
// optional line (MRR over its movements). The chart library is large, so the
// drawing is loaded on demand. Bar heights are floats, fine for drawing; the
// tooltip shows each value exactly as the API sent it, and the pages put the
// same numbers in a table beside the chart.
import { type CSSProperties, lazy, Suspense } from "react";
import { LoadingState } from "./states.tsx";

export type ChartSeries = {
  key: string;
  name: string;
  /** A bar of the stack (the default), or a line drawn over the bars. */
  kind?: "bar" | "line";
  color?: string;
};

/** One label's values: decimal strings, by series key. */
export type ChartPoint = { label: string; values: Record<string, string> };

export type BarChartProps = {
  /** What the chart shows, for screen readers (the chart is one image). */
  label: string;
  /** Also read out each label's value of the first series after the label. */
  describeValues?: boolean;
  points: ChartPoint[];
  series: ChartSeries[];
  /** A value exactly, for the tooltip ("$1,234.50"). */
  formatValue: (value: string) => string;
  /** A value on the axis, short ("$1.2K"). */
  formatTick: (value: number) => string;
  /** "rows" draws one horizontal bar per label, the labels on the left. */
  orientation?: "columns" | "rows";
  valueAxisWidth?: number;
  className?: string;
  style?: CSSProperties;
};

const Drawing = lazy(() => import("./bar-chart-drawing.tsx"));

/** The label for screen readers, with each point's value when asked. */
function chartLabel({ label, describeValues, points, series, formatValue }: BarChartProps): string {
  const first = series[0];
  if (!describeValues || first === undefined) return label;
  const values = points.map((point) => `${point.label}: ${formatValue(point.values[first.key] ?? "0")}`);
  return `${label}. ${values.join("; ")}`;
}

export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
      <Drawing {...props} label={chartLabel(props)} describeValues={false} />
    </Suspense>
  );
}

/** Axis ticks in a currency, short ("$1.2K"). */
export function moneyTicks(currency: string, locale?: string): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" });
  return (value) => format.format(value);
}

/** Axis ticks of quantities, short ("1.2K"). */
export function quantityTicks(locale?: string): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { notation: "compact" });
  return (value) => format.format(value);
}
