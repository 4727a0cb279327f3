// HTTP routes of contracts (/v1/contracts): create, read, list, and the
// commit balances of one.
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { contractBalances } from "./contract-ledgers.ts";
import {
  ContractBalancesSchema,
  ContractListQuery,
  ContractSchema,
  CreateContractBody,
} from "./contract-schemas.ts";
import { createContract, getContract, listContracts } from "./contracts.ts";

export function registerContractRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Contracts"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /contracts",
    {
      operationId: "createContract",
      summary:
        "Create a contract around a customer's subscription: its term and renewal, ramps, rate card, prepaid and postpaid commits",
      body: CreateContractBody,
      response: ContractSchema,
      status: 201,
    },
    ({ context, body }) => createContract(context, body),
  );

  routes.list(
    "GET /contracts",
    {
      operationId: "listContracts",
      summary: "List contracts, newest first",
      filters: ContractListQuery,
      item: ContractSchema,
    },
    ({ context }, filters, page) => listContracts(context, filters, page),
  );

  routes.read(
    "GET /contracts/:id",
    { operationId: "getContract", summary: "Read a contract", params: IdParams, response: ContractSchema },
    ({ context, params }) => getContract(context, params.id),
  );

  routes.read(
    "GET /contracts/:id/balances",
    {
      operationId: "getContractBalances",
      summary:
        "A contract's commit balances now, per commit and term: granted, rolled over, drawn or trued up, expired, remaining",
      params: IdParams,
      response: ContractBalancesSchema,
    },
    ({ context, params }) => contractBalances(context, params.id),
  );
}
