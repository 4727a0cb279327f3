// The demo's customers pay their invoices by bank transfer, each at its own
// pace, so that the console shows paid invoices, open ones not yet due, and
// one customer who pays late and is overdue now.
import { type DemoApi, listAll } from "./demo-api.ts";
import { demoCustomers } from "./demo-customers.ts";
import type { DemoSession } from "./demo-story.ts";

const millisecondsPerDay = 86_400_000;

type UnpaidInvoice = {
  id: string;
  number: string | null;
  customer_id: string;
  issued_at: string;
  amount_remaining: string;
};

/** Records the payment of every invoice whose customer would have paid it by `now`, received on the day it was paid. */
export async function recordPaymentsDue(session: DemoSession, now: Date): Promise<void> {
  const daysByCustomerId = new Map<string, number>();
  for (const demo of demoCustomers) {
    const customerId = session.customerIds.get(demo.customer.external_id);
    if (customerId !== undefined && demo.paysAfterDays !== undefined) {
      daysByCustomerId.set(customerId, demo.paysAfterDays);
    }
  }
  for (const invoice of await unpaidInvoices(session.admin)) {
    const days = daysByCustomerId.get(invoice.customer_id);
    if (days === undefined) continue;
    const paidAt = Date.parse(invoice.issued_at) + days * millisecondsPerDay;
    if (paidAt > now.getTime()) continue;
    await session.admin.post(`/v1/invoices/${invoice.id}/payments`, {
      amount: invoice.amount_remaining,
      method: "bank_transfer",
      reference: `Transfer for ${invoice.number}`,
      received_at: new Date(paidAt).toISOString(),
    });
  }
}

async function unpaidInvoices(admin: DemoApi): Promise<UnpaidInvoice[]> {
  return [
    ...(await listAll<UnpaidInvoice>(admin, "/v1/invoices?status=open")),
    ...(await listAll<UnpaidInvoice>(admin, "/v1/invoices?status=partially_paid")),
  ];
}
