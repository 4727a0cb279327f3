// Customers' names for tables that hold only their ids (payments, credit
// notes, subscriptions): every customer read once and shared by the cache;
// a customer not (yet) read shows its id.
import { useAllPages } from "../../api/queries.ts";

export function useCustomerNames(): (customerId: string) => string {
  const customers = useAllPages("/v1/customers");
  const names = new Map(
    (customers.data ?? []).map((customer) => [customer.id, customer.name ?? customer.external_id]),
  );
  return (customerId) => names.get(customerId) ?? customerId;
}
