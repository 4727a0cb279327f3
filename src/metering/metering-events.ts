// The domain events metering publishes for the domains above it (alerts
// evaluate spend and usage rules when new usage is stored).
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** A batch of usage events was stored: the customers (by external id) whose usage grew. */
export const UsageIngested = defineDomainEvent(
  "usage.ingested",
  Type.Object({
    customer_external_ids: Type.Array(Type.String(), {
      description: "each customer with at least one new event in the batch, once",
    }),
  }),
  "Usage events were stored (a batch, once per batch); alerts evaluate the rules of the customers named.",
);
