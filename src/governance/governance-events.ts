// The domain events governance publishes for the domains above it: a change
// that is made when another person approves it (a plan change) is made by
// the domain that owns it, on this event.
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** Another person approved a pending approval request. */
export const ApprovalRequestApproved = defineDomainEvent(
  "approval_request.approved",
  Type.Object({
    approval_request_id: Type.String(),
    kind: Type.String({ description: "the kind of change: plan_change, credit_grant…" }),
    target_id: Type.Union([Type.String(), Type.Null()]),
    request: Type.Record(Type.String(), Type.Unknown(), { description: "the request as sent" }),
  }),
  "Another person approved a change; a change made on approval (a plan change) is made by its domain.",
);
