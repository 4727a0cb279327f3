// HTTP route of credit sales: a top-up of a customer's wallet
// (/v1/wallets/{id}/top-ups), billed by a one-off invoice when it is paid.
import { TopUpBody, TopUpSchema } from "../credits/index.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { topUpWallet } from "./credit-sales.ts";

export function registerCreditSaleRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Wallets"], write: "billing:write" });

  routes.writeById(
    "POST /wallets/:id/top-ups",
    {
      operationId: "topUpWallet",
      summary:
        "Add credits to a wallet: a purchased grant billed to the customer (free when paid_amount is 0)",
      body: TopUpBody,
      response: TopUpSchema,
      status: 201,
    },
    topUpWallet,
  );
}
