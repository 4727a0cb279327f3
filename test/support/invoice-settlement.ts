// The later life of an invoice of 160.00 (a platform fee of 100.00 and three
// seats at 20.00, its second line) that every accounting sync test sends to
// its vendor: paid 100.00 by bank transfer, then 40.00 of its seats credited
// and 30.00 of the payment refunded. Each step must be accepted (201).
import { expectCreated } from "./responses.ts";
import type { ApiClient } from "./test-app.ts";

/** Records a payment of 100.00 by bank transfer against the invoice. */
export function payHundredByBankTransfer(client: ApiClient, invoiceId: string) {
  return expectCreated(
    client.post(`/v1/invoices/${invoiceId}/payments`, { amount: "100.00", method: "bank_transfer" }),
  );
}

/** Credits 40.00 of the invoice's seats line (its second) and refunds 30.00 of the payment: in that order. */
export async function creditSeatsAndRefund(
  client: ApiClient,
  invoice: { id: string; lines: { id: string }[] },
  paymentId: string,
) {
  const creditNote = await expectCreated(
    client.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "order_change",
      lines: [{ invoice_line_id: invoice.lines[1]?.id, amount: "40.00" }],
    }),
  );
  const refund = await expectCreated(
    client.post(`/v1/payments/${paymentId}/refunds`, {
      amount: "30.00",
      reason: "Paid for a seat never used",
    }),
  );
  return { creditNote, refund };
}
