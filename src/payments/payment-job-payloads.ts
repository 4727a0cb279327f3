// The jobs of payments and their payloads, with schemas: a job written by one
// version of Fairbill may be run by the next, so its handler checks it.
import { type Static, type TSchema, Type } from "typebox";
import { Value } from "typebox/value";

/** Charge a finalized invoice with the customer's payment method on file. */
export const collectInvoiceJobKind = "payments.collect_invoice";
/** Run the dunning steps of one invoice that are due on its environment's clock. */
export const dunningStepsJobKind = "payments.dunning_steps";

const CollectInvoicePayloadSchema = Type.Object({ invoiceId: Type.String() });
const DunningStepsPayloadSchema = Type.Object({ processId: Type.String() });

function reader<Schema extends TSchema>(kind: string, schema: Schema) {
  return (payload: unknown): Static<Schema> => {
    if (!Value.Check(schema, payload)) {
      throw new Error(`A ${kind} job has a payload it cannot read: ${JSON.stringify(payload)}`);
    }
    return payload as Static<Schema>;
  };
}

export const readCollectInvoicePayload = reader(collectInvoiceJobKind, CollectInvoicePayloadSchema);
export const readDunningStepsPayload = reader(dunningStepsJobKind, DunningStepsPayloadSchema);
