// The reason for a change reaches the audit log from the `Fairbill-Reason`
// header (already in the context) or from a `reason` field of the body; the
// body's wins when both are given, since it was written for this one change.
import type { RequestContext } from "../platform/context.ts";

export function withReason(context: RequestContext, reason: string | undefined): RequestContext {
  const trimmed = reason?.trim();
  return trimmed ? { ...context, reason: trimmed.slice(0, 1000) } : context;
}
