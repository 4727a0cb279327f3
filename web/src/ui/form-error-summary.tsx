// Above a form after a refused or blocked submit: what went wrong in a
// sentence, and the API's field errors that no input of the form shows (each
// with its path). Takes the focus when nothing else is marked.
import type { Ref } from "react";
import type { ApiError } from "../api/api-error.ts";

export type UnplacedError = { name: string; message: string };

type FormErrorSummaryProps = {
  title: string;
  refusal: ApiError | undefined;
  /** The console's own failing checks, each marked on its field. */
  failingChecks: number;
  /** Marked fields of the API's refusal. */
  markedServerErrors: number;
  unplaced: UnplacedError[];
  summaryRef: Ref<HTMLDivElement>;
};

function countSentence(count: number): string {
  return count === 1 ? "Correct the marked field." : `Correct the ${count} marked fields.`;
}

export function FormErrorSummary({
  title,
  refusal,
  failingChecks,
  markedServerErrors,
  unplaced,
  summaryRef,
}: FormErrorSummaryProps) {
  if (refusal === undefined && failingChecks === 0) return null;
  let sentence: string;
  if (refusal === undefined) sentence = countSentence(failingChecks);
  else if (refusal.fieldErrors.length === 0) sentence = refusal.detail;
  else if (markedServerErrors > 0) sentence = countSentence(markedServerErrors);
  else sentence = "Correct the fields listed here.";
  return (
    <div className="form-error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
      <p className="state-title">{title}</p>
      <p>{sentence}</p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((error) => (
            <li key={`${error.name} ${error.message}`}>
              <code>{error.name === "" ? "$" : `$.${error.name}`}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
