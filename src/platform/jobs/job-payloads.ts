// Job payloads are checked against their schema when the job runs: a job
// written by one version of Fairbill may be run by the next.
import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";

/** Reads the payload of a `kind` job: typed when it fits `schema`, an error naming the kind when it does not. */
export function jobPayloadReader<Schema extends TSchema>(
  kind: string,
  schema: Schema,
): (payload: unknown) => Static<Schema> {
  return (payload) => {
    if (!Value.Check(schema, payload)) {
      throw new Error(`A ${kind} job has a payload it cannot read: ${JSON.stringify(payload)}`);
    }
    return payload as Static<Schema>;
  };
}
