// HTTP routes of contracts (/v1/contracts): create, read, list, amend, the
// amendments of one, and its commit balances.
import { defineRoutes } from "../platform/http/routes.ts";
import { ProblemSchema, standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  AmendedContractSchema,
  ContractAmendmentSchema,
  CreateAmendmentBody,
} from "./contract-amendment-schemas.ts";
import { amendContract, listAmendments } from "./contract-amendments.ts";
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

  routes.readById(
    "GET /contracts/:id",
    { operationId: "getContract", summary: "Read a contract", response: ContractSchema },
    getContract,
  );

  routes.readById(
    "GET /contracts/:id/balances",
    {
      operationId: "getContractBalances",
      summary:
        "A contract's commit balances now, per commit and term: granted, rolled over, drawn or trued up, expired, remaining",
      response: ContractBalancesSchema,
    },
    contractBalances,
  );

  routes.writeById(
    "POST /contracts/:id/amendments",
    {
      operationId: "amendContract",
      summary:
        "Amend a contract from an instant: negotiated prices, ramp steps, the term's end or renewal, commits, another subscription",
      description:
        "Makes a new version of the contract's terms, in force from effective_at: an instant in the term and in no period its subscriptions have invoiced (422 amendment_refused at $.effective_at otherwise). " +
        "Periods before effective_at keep their prices; a period that effective_at cuts prices its usage and in-arrears fees with the terms in force at its end and keeps its in-advance fees, and a ramp step inside it prorates as a plan change. " +
        "A prepaid commit may grow, or shrink by no more than what is left of its balance (422 at the commit's amount); once its term's commit line is invoiced, the difference is invoiced (or credited) on the next invoice. " +
        "add_subscription puts another subscription of the customer, in the contract's currency and under no contract, under it: its invoices draw on the contract's prepaid commits in the order they are finalized. " +
        "With the approval policy's `contracts`, the first request is refused (409 approval_required) and makes an approval request; once another person approves it, sending the same request again makes the amendment.",
      body: CreateAmendmentBody,
      response: AmendedContractSchema,
      status: 201,
      errors: { ...standardErrorResponses, 422: ProblemSchema },
    },
    amendContract,
  );

  routes.listById(
    "GET /contracts/:id/amendments",
    {
      operationId: "listContractAmendments",
      summary:
        "A contract's amendments, newest first: each version of its terms with the terms before and after",
      item: ContractAmendmentSchema,
    },
    (context, id, _filters, page) => listAmendments(context, id, page),
  );
}
