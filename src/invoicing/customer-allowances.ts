// A customer's allowances as the stored ledger has them: for each of its
// subscriptions and each pricing unit, the allowance of the last period a
// finalized invoice closed (scenario format v2, V25): the grant, the units
// carried in, used and expired, and the balance carried into the next period.
// Read from the invoices themselves, which keep it as they were finalized.
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import type { OutputAllowance } from "../simulation/index.ts";
import { loadCustomerRow } from "./customer-billing.ts";

/** An allowance as the invoice that closed its period stored it, with its subscription and that invoice. */
export type CustomerAllowance = { subscription_id: string } & OutputAllowance & {
    /** The end of the period it is of: when the invoice that closed it was issued, and that invoice. */
    as_of: string;
    invoice_id: string;
  };

/** Every allowance of the customer's subscriptions after their last closed period; none without allowances. */
export async function customerAllowances(
  context: RequestContext,
  customerId: string,
): Promise<{ data: CustomerAllowance[] }> {
  // A customer that does not exist is a 404, not an empty list.
  await loadCustomerRow(context.database, context, customerId);
  const invoices = await selectInTenant(context.database, context, "invoices")
    .where("customer_id", "=", customerId)
    .where("status", "not in", ["draft", "void"])
    .where("allowances", "is not", null)
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const seen = new Set<string>();
  const data: CustomerAllowance[] = [];
  for (const invoice of invoices) {
    // An invoice that closes a period closes it for one subscription.
    const subscriptionId = invoice.subscription_ids[0];
    if (subscriptionId === undefined || seen.has(subscriptionId)) continue;
    seen.add(subscriptionId);
    for (const allowance of invoice.allowances ?? []) {
      data.push({
        subscription_id: subscriptionId,
        ...allowance,
        as_of: invoice.issued_at.toISOString(),
        invoice_id: invoice.id,
      });
    }
  }
  return { data };
}
