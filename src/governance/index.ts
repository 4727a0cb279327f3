// The front door of governance: the approval policy, the approval steps of
// a change (four-eyes), and the approval that other domains' changes above
// the organization's limits must get before they are made.
// Other domains import only from here; everything else in the folder is private to it.
export type { ApprovalSubject } from "./approval-limits.ts";
export { readApprovalPolicy } from "./approval-policy.ts";
export {
  approvalRequestFor,
  approvalRequestState,
  type GuardedChange,
  pendingApprovalRequests,
  type SpendApproval,
  spendApproval,
  withApproval,
} from "./approval-requests.ts";
export {
  type ApprovalStep,
  ensureApproverIsNotAuthor,
  isSamePerson,
  listApprovalSteps,
  recordApprovalStep,
} from "./approvals.ts";
export { ApprovalRequestApproved } from "./governance-events.ts";
export { registerGovernanceRoutes } from "./governance-routes.ts";
export { governanceWebhookEvents } from "./governance-webhook-events.ts";
export type { ApprovalAction } from "./tables.ts";
