// The small figures of the home page: a count read from the first page of a
// list ("100+" when there are more), and a month's MRR movements.
import type { GetData } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import type { Resource } from "../../ui/resource-view.tsx";

/** How many items the first page (of up to 100) holds, and whether more follow. */
export type Counted = { count: number; more: boolean };

/** A list read as the count of its first page. */
export function counted(
  resource: Resource<{ data: unknown[]; next_cursor: string | null }>,
): Resource<Counted> {
  return {
    ...resource,
    data:
      resource.data === undefined
        ? undefined
        : { count: resource.data.data.length, more: resource.data.next_cursor !== null },
  };
}

/** "No failed payments", "1 failed payment", "100+ failed payments". */
export function countText({ count, more }: Counted, [one, several]: [string, string]): string {
  if (count === 0) return `No ${several}`;
  if (count === 1 && !more) return `1 ${one}`;
  return `${count}${more ? "+" : ""} ${several}`;
}

type MrrMonth = GetData<"/v1/kpis">["mrr"][number];

const movements = [
  ["new", "New"],
  ["expansion", "Expansion"],
  ["reactivation", "Reactivation"],
  ["contraction", "Contraction"],
  ["churn", "Churn"],
] as const;

/** The month's movements that are not zero, signed: "New +$20.00". */
export function MovementList({ month }: { month: MrrMonth }) {
  const moved = movements.filter(([key]) => Number(month[key]) !== 0);
  if (moved.length === 0) return <p className="muted">No movements this month.</p>;
  return (
    <ul className="plain-list home-movements" aria-label={`MRR movements in ${month.currency}`}>
      {moved.map(([key, label]) => {
        const amount = month[key];
        const sign = amount.startsWith("-") ? "" : "+";
        return (
          <li key={key}>
            {label} {sign}
            {formatMoney(amount, month.currency)}
          </li>
        );
      })}
    </ul>
  );
}
