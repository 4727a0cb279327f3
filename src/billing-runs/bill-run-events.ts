// The domain events bill runs publish for the domains above them (a staged
// rollout looks at its cohort's drafts once a run has written them).
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** A bill run finished: every customer due at `at` was billed (or recorded as failed). */
export const BillRunCompleted = defineDomainEvent(
  "bill_run.completed",
  Type.Object({ bill_run_id: Type.String(), at: Type.String({ format: "date-time" }) }),
  "A bill run finished billing the customers due at its instant; rollouts check their cohorts' drafts.",
);
