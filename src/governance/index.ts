// The front door of governance: the approval policy and the approval steps of
// a change (four-eyes).
// Other domains import only from here; everything else in the folder is private to it.
export { readApprovalPolicy } from "./approval-policy.ts";
export {
  type ApprovalStep,
  ensureApproverIsNotAuthor,
  listApprovalSteps,
  recordApprovalStep,
} from "./approvals.ts";
export { registerGovernanceRoutes } from "./governance-routes.ts";
export type { ApprovalAction } from "./tables.ts";
