// The customers a form chooses from (a new subscription, a one-off invoice):
// every customer not archived, by name and external id.
import type { Customer } from "../../api/resources.ts";

export function customerOptions(
  customers: readonly Customer[] | undefined,
): { value: string; label: string }[] {
  return [
    { value: "", label: customers === undefined ? "Loading customers…" : "Choose a customer" },
    ...(customers ?? [])
      .filter((customer) => customer.archived_at === null)
      .map((customer) => ({
        value: customer.id,
        label: `${customer.name ?? customer.external_id} (${customer.external_id})`,
      })),
  ];
}
