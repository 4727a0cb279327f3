// Builders for tests that stand on credits: a grant, a wallet and a top-up
// made through the API as a client would, checked on the way (a refusal fails
// the test with the problem it named).
import type { RequestBody, ResponseBody } from "./api-types.ts";
import { expectCreated } from "./responses.ts";
import type { ApiClient, ApiResponse } from "./test-app.ts";

type CreditGrantBody = RequestBody<"/v1/customers/{id}/credit-grants", "post">;
type CreditGrant = ResponseBody<"/v1/customers/{id}/credit-grants", "post", 201>;
type WalletBody = RequestBody<"/v1/customers/{id}/wallets", "post">;
type Wallet = ResponseBody<"/v1/customers/{id}/wallets", "post", 201>;
type TopUpBody = RequestBody<"/v1/wallets/{id}/top-ups", "post">;
type TopUp = ResponseBody<"/v1/wallets/{id}/top-ups", "post", 201>;

/**
 * Asks to grant a customer credits, promotional US dollars named "Credits"
 * unless told, and answers the response as it is: for tests of refusals,
 * whose fields may be anything.
 */
export function requestCreditGrant(
  client: ApiClient,
  customerId: string,
  fields: Record<string, unknown>,
): Promise<ApiResponse> {
  return client.post(`/v1/customers/${customerId}/credit-grants`, {
    name: "Credits",
    currency: "USD",
    type: "promotional",
    ...fields,
  });
}

/** Grants a customer credits: promotional US dollars named "Credits" unless told. */
export function grantCredits(
  client: ApiClient,
  customerId: string,
  fields: Partial<CreditGrantBody> & { amount: string },
): Promise<CreditGrant> {
  return expectCreated<CreditGrant>(requestCreditGrant(client, customerId, fields));
}

/** Opens a wallet for a customer: US dollars named "Prepaid", at one credit a dollar, unless told. */
export function openWallet(
  client: ApiClient,
  customerId: string,
  fields: Partial<WalletBody> = {},
): Promise<Wallet> {
  return expectCreated<Wallet>(
    client.post(`/v1/customers/${customerId}/wallets`, { currency: "USD", name: "Prepaid", ...fields }),
  );
}

/** Tops a wallet up: bought (paid for at the credits' worth) unless `paid_amount` says otherwise. */
export function topUpWallet(client: ApiClient, walletId: string, body: TopUpBody): Promise<TopUp> {
  return expectCreated<TopUp>(client.post(`/v1/wallets/${walletId}/top-ups`, body));
}
