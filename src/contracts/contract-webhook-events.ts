// The webhook events contracts sends, each carrying the contract as the API shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
import { ContractSchema } from "./contract-schemas.ts";

const contractCreated = defineWebhookEvent(
  "contract.created",
  ContractSchema,
  "A contract was created around a customer's subscription: its term, ramps, rate card and commits.",
);

export const contractWebhookEvents = [contractCreated];
export { contractCreated };
