// What a subscription change (a plan change with its proration, a plan
// version migration) does to the customer's next invoice: the engine settles
// the first invoice at or after the change without it and with it, and the
// difference of their totals is what the change costs (or gives back).
import { type Decimal, ZERO } from "../decimal.ts";
import type { Invoice } from "./invoice-totals.ts";

/** after − before of two settled invoices' totals, a missing invoice counting as zero. */
export function changePreviewDifference(
  before: Pick<Invoice, "total"> | null,
  after: Pick<Invoice, "total"> | null,
): Decimal {
  return (after?.total ?? ZERO).minus(before?.total ?? ZERO);
}
