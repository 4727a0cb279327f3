// The webhook events contracts sends, each carrying the contract as the API shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
import { AmendedContractSchema } from "./contract-amendment-schemas.ts";
import { ContractSchema } from "./contract-schemas.ts";

const contractCreated = defineWebhookEvent(
  "contract.created",
  ContractSchema,
  "A contract was created around a customer's subscription: its term, ramps, rate card and commits.",
);

const contractAmended = defineWebhookEvent(
  "contract.amended",
  AmendedContractSchema,
  "A contract's terms were amended from an instant: the contract as it now reads (its new version) and the amendment (its changes in words, the terms before and after).",
);

export const contractWebhookEvents = [contractCreated, contractAmended];
export { contractAmended, contractCreated };
