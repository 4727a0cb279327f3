// The reason for a change reaches the audit log from the `Fairbill-Reason`
// header (already in the context) or from a `reason` field of the body; the
// body's wins when both are given, since it was written for this one change.
import { type TObjectOptions, type TProperties, Type } from "typebox";
import type { RequestContext } from "../context.ts";
import { StrictObject } from "./validation.ts";

export function withReason(context: RequestContext, reason: string | undefined): RequestContext {
  const trimmed = reason?.trim();
  return trimmed ? { ...context, reason: trimmed.slice(0, 1000) } : context;
}

/** A reason as a body gives it, 1 to 1000 characters; `description` says where it is kept. */
export function ReasonText(description: string) {
  return Type.String({ minLength: 1, maxLength: 1000, description });
}

/** The `reason` every write body accepts, as an alternative to the `Fairbill-Reason` header. */
export const ReasonField = Type.Optional(
  ReasonText("why you make this change; kept in the audit log (the Fairbill-Reason header works too)"),
);

/** A write body: its own fields, then the `reason` every write body accepts (unknown fields refused). */
export function BodyWithReason<Properties extends TProperties>(
  properties: Properties,
  options?: TObjectOptions,
) {
  return StrictObject({ ...properties, reason: ReasonField }, options);
}

/** The body of a change that takes nothing but its reason. */
export const ReasonOnlyBody = BodyWithReason({});
