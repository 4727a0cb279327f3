// The month a finance page shows, kept in the address (?period=2026-10) so
// that a reload or a shared link opens the same month.
import { useId } from "react";
import { navigate } from "../../routing/router.ts";
import { isPeriod } from "./period-month.ts";

export function MonthPicker({ path, period }: { path: string; period: string }) {
  const id = useId();
  return (
    <div className="field month-picker">
      <label htmlFor={id}>Month</label>
      <input
        id={id}
        type="month"
        value={period}
        required
        onChange={(event) => {
          const value = event.target.value;
          if (isPeriod(value)) navigate(`${path}?period=${value}`, { replace: true });
        }}
      />
    </div>
  );
}
