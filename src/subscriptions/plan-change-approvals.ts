// A plan change the approval policy sends to another person
// (approval_required_for.plan_changes) is made when that person approves it:
// on governance's ApprovalRequestApproved event, in the subscriber's
// transaction, the change asked for is checked again and appended to the
// subscription's timeline, and the approval is marked used by it (one
// approval, one change). A change that no longer fits (the subscription was
// cancelled meanwhile, the version retired) is not made; the approval stays
// approved, and sending the same change again makes it once it fits.
import { ApprovalRequestApproved, approvalRequestState, spendApproval } from "../governance/index.ts";
import { FairbillError } from "../platform/errors.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { withReason } from "../platform/http/reason.ts";
import { appendPlanChange } from "./subscription-changes.ts";
import type { ChangePlanInput } from "./subscription-schemas.ts";
import { lockedTimeline } from "./subscription-store.ts";

export const makeApprovedPlanChange = subscribe(
  ApprovalRequestApproved,
  "subscriptions.make_approved_plan_change",
  async (context, event) => {
    const { approval_request_id: approvalRequestId, kind, target_id: subscriptionId } = event.data;
    if (kind !== "plan_change" || subscriptionId === null) return;
    // Sent again after the approval and before this ran, the change was made and the approval used.
    if ((await approvalRequestState(context.database, context, approvalRequestId)) !== "approved") return;
    const input = event.data.request as ChangePlanInput;
    const reasoned = withReason(context, `plan change approved in approval request ${approvalRequestId}`);
    try {
      const { loaded } = await lockedTimeline(context.database, context, subscriptionId);
      await appendPlanChange(context.database, reasoned, loaded, input, context.clock.now());
    } catch (error) {
      if (!(error instanceof FairbillError)) throw error;
      context.logger.warn(
        { approvalRequestId, subscriptionId, code: error.code, detail: error.detail },
        "an approved plan change no longer fits the subscription and was not made",
      );
      return;
    }
    await spendApproval(context.database, context, approvalRequestId, subscriptionId);
  },
);
