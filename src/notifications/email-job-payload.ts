// The payload of an email send job, with its schema: a job written by one
// version of Fairbill may be run by the next, so the handler checks it.
import { type Static, Type } from "typebox";
import { Value } from "typebox/value";

export const emailSendJobKind = "notifications.email_send";

const EmailSendJobPayloadSchema = Type.Object({ emailId: Type.String() });

export type EmailSendJobPayload = Static<typeof EmailSendJobPayloadSchema>;

export function readEmailSendJobPayload(payload: unknown): EmailSendJobPayload {
  if (!Value.Check(EmailSendJobPayloadSchema, payload)) {
    throw new Error(`An email send job has a payload it cannot read: ${JSON.stringify(payload)}`);
  }
  return payload;
}
