// The month a finance page shows, kept in the address (?period=2026-10) so
// that a reload or a shared link opens the same month: last month unless the
// address names another. MonthField is the
// labelled month input itself, which reports only a month it can read.
import { useId } from "react";
import { navigate, useLocation } from "../../routing/router.ts";
import { isPeriod, previousMonth } from "./period-month.ts";

export function MonthField({
  label,
  value,
  onMonthChange,
  className = "field",
}: {
  label: string;
  value: string;
  onMonthChange: (month: string) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="month"
        value={value}
        required
        onChange={(event) => {
          if (isPeriod(event.target.value)) onMonthChange(event.target.value);
        }}
      />
    </div>
  );
}

export function MonthPicker({ path, period }: { path: string; period: string }) {
  return (
    <MonthField
      label="Month"
      className="field month-picker"
      value={period}
      onMonthChange={(month) => navigate(`${path}?period=${month}`, { replace: true })}
    />
  );
}

/** The month the address asks for (?period=2026-10), or last month when it names none. */
export function usePeriodInAddress(): string {
  const { query } = useLocation();
  const asked = query.get("period") ?? "";
  return isPeriod(asked) ? asked : previousMonth(new Date());
}
