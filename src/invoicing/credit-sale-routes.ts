// HTTP route of credit sales: a top-up of a customer's wallet
// (/v1/wallets/{id}/top-ups), billed by a one-off invoice when it is paid.
import { Type } from "typebox";
import { TopUpBody, TopUpSchema } from "../credits/index.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { topUpWallet } from "./credit-sales.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerCreditSaleRoutes(app: FairbillApp): void {
  const tags = ["Wallets"];
  const write = { permission: "billing:write" as const };

  app.post(
    "/wallets/:id/top-ups",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Add credits to a wallet: a purchased grant billed to the customer (free when paid_amount is 0)",
        params: IdParams,
        body: TopUpBody,
        response: { 201: TopUpSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await topUpWallet(request.context, request.params.id, request.body)),
  );
}
