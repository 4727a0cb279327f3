// The payload of an email send job, with its schema: a job written by one
// version of Fairbill may be run by the next, so the handler checks it.
import { type Static, Type } from "typebox";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";

export const emailSendJobKind = "notifications.email_send";

const EmailSendJobPayloadSchema = Type.Object({ emailId: Type.String() });

export type EmailSendJobPayload = Static<typeof EmailSendJobPayloadSchema>;

export const readEmailSendJobPayload = jobPayloadReader(emailSendJobKind, EmailSendJobPayloadSchema);
