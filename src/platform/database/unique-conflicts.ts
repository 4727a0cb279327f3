// A write refused by a unique constraint is the caller's conflict (a code
// another object already uses, or a change made at the same moment), not a
// server error: these turn PostgreSQL's violation into the error that says so.
import { conflict, type FairbillError } from "../errors.ts";
import { isUniqueViolation } from "./errors.ts";

/** Runs `write`; when a unique constraint refuses it, throws `refusal()` instead. */
export async function refusingDuplicates<Result>(
  write: () => Promise<Result>,
  refusal: () => FairbillError,
): Promise<Result> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}

/**
 * `<object>_code_taken`: another object of the environment already has this
 * code; `fieldNote` adds to what the error says of the field.
 */
export function codeTaken(objectName: string, code: string, fieldNote = ""): FairbillError {
  return conflict(
    `${objectName.replaceAll(" ", "_")}_code_taken`,
    `A ${objectName} with code "${code}" already exists in this environment.`,
    [{ path: "$.code", message: `is already used by another ${objectName}${fieldNote}` }],
  );
}
