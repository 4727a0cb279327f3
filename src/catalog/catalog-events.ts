// The domain events the catalog publishes for the domains above it (the
// backtests domain runs a plan's test matrix on a version submitted for
// approval).
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** A plan version was submitted for approval. */
export const PlanVersionSubmitted = defineDomainEvent(
  "plan_version.submitted",
  Type.Object({ plan_id: Type.String(), plan_version_id: Type.String(), version: Type.Integer() }),
  "A plan version was submitted for approval; the plan's test matrix runs on it.",
);
