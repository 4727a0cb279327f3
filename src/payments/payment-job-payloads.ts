// The jobs of payments and their payloads, with schemas: a job written by one
// version of Fairbill may be run by the next, so its handler checks it.
import { Type } from "typebox";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";

/** Charge a finalized invoice with the customer's payment method on file. */
export const collectInvoiceJobKind = "payments.collect_invoice";
/** Run the dunning steps of one invoice that are due on its environment's clock. */
export const dunningStepsJobKind = "payments.dunning_steps";

const CollectInvoicePayloadSchema = Type.Object({ invoiceId: Type.String() });
const DunningStepsPayloadSchema = Type.Object({ processId: Type.String() });

export const readCollectInvoicePayload = jobPayloadReader(collectInvoiceJobKind, CollectInvoicePayloadSchema);
export const readDunningStepsPayload = jobPayloadReader(dunningStepsJobKind, DunningStepsPayloadSchema);
