// The finance steps tests take through the API as an operator would: a
// payment recorded against an invoice, a month closed, an exchange rate
// entered, a standalone selling price set. Each must be accepted; a refusal
// fails the test with the problem it named.
import type { ExchangeRateBody, PaymentBody, StandaloneSellingPriceBody } from "./api-types.ts";
import { expectCreated, expectOk } from "./responses.ts";
import type { ApiClient } from "./test-app.ts";

/** A payment of `amount` recorded against an invoice, by bank transfer unless told. */
export function recordPayment(
  client: ApiClient,
  invoiceId: string,
  amount: string,
  fields: Partial<PaymentBody> = {},
): Promise<{ id: string }> {
  return expectCreated(
    client.post(`/v1/invoices/${invoiceId}/payments`, { amount, method: "bank_transfer", ...fields }),
  );
}

/** Closes a month whose close checklist is not all done, overriding it for `reason`. */
export async function closeMonthOverridingChecklist(
  client: ApiClient,
  period: string,
  reason: string,
): Promise<void> {
  await expectCreated(client.post("/v1/period-locks", { period, override_checklist: true, reason }));
}

/** An exchange rate entered by hand: one `base` is `rate` of `quote` on `date`. */
export async function enterExchangeRate(client: ApiClient, rate: ExchangeRateBody): Promise<void> {
  await expectCreated(client.post("/v1/exchange-rates", rate));
}

/** Sets what a product, or a plan's charge, sells for on its own in a currency (replacing the price set before); the price as saved. */
export function setStandaloneSellingPrice(
  client: ApiClient,
  price: StandaloneSellingPriceBody,
): Promise<{ id: string }> {
  return expectOk(client.put("/v1/standalone-selling-prices", price));
}
