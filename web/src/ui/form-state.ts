// The state of a form whose inputs are named by the API's JSON paths
// ("charges.0.tiers.1.unit_price"): the values, the console's own checks
// (shown once a field was left or a submit was tried), and the API's field
// errors from the last refusal (each shown until its field is edited).
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { type FieldErrorMap, fieldErrorMap } from "../format/field-errors.ts";

type Container = Record<string, unknown> | unknown[];

function segmentsOf(name: string): string[] {
  return name === "" ? [] : name.split(".");
}

/** The value at a dotted name ("charges.0.id"), or undefined. */
export function getIn(values: unknown, name: string): unknown {
  let current: unknown = values;
  for (const segment of segmentsOf(name)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A copy of `values` with the value at a dotted name replaced. */
export function setIn<Values>(values: Values, name: string, value: unknown): Values {
  const copy = structuredClone(values);
  const segments = segmentsOf(name);
  const last = segments.pop();
  if (last === undefined) return value as Values;
  let current = copy as unknown as Container;
  for (const segment of segments) {
    current = (current as Record<string, unknown>)[segment] as Container;
  }
  (current as Record<string, unknown>)[last] = value;
  return copy;
}

export type FormState<Values> = {
  values: Values;
  /** The error to show beside the field with this name. */
  errorOf: (name: string) => string | undefined;
  /** Props for a TextField or SelectField bound to a name. */
  bind: (name: string) => {
    name: string;
    value: string;
    onValueChange: (value: string) => void;
    onBlur: () => void;
    error: string | undefined;
  };
  set: (name: string, value: unknown) => void;
  /** A change of shape (a row added or removed): positions move, so the API's errors no longer fit. */
  restructure: (change: (draft: Values) => void) => void;
  /** Starts over with these values: nothing touched, no errors. */
  reset: (values: Values) => void;
  /** The API's refusal of the last submit, if any. */
  refusal: ApiError | undefined;
  /** Names with an error shown now, the console's and the API's. */
  shownErrorNames: () => string[];
  serverErrors: FieldErrorMap;
  /** Counts the submits that failed (the console's checks or the API's refusal): focus follows each. */
  failedSubmits: number;
  /** How many of the console's own checks fail, once a submit was tried (0 before). */
  failingChecks: number;
  busy: boolean;
  /**
   * Runs the console's checks, then `send`; a refusal is kept and its field
   * errors shown. Resolves true when `send` succeeded.
   */
  submit: (send: (values: Values) => Promise<unknown>) => Promise<boolean>;
  /** Submits; once `send` succeeded, the form starts over from its initial values, ready for the next one. */
  submitAndStartOver: (send: (values: Values) => Promise<unknown>) => Promise<boolean>;
};

export function useFormState<Values>(
  initial: Values | (() => Values),
  check: (values: Values) => FieldErrorMap,
  /** Turns the API's field name into the form's (a create body nests the form under a key). */
  formNameOf: (apiName: string) => string = (name) => name,
): FormState<Values> {
  const [values, setValues] = useState<Values>(initial);
  // The initial values of the latest render: a form that starts over takes them anew.
  const initialValues = useRef(initial);
  initialValues.current = initial;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | undefined>();
  const [serverErrors, setServerErrors] = useState<FieldErrorMap>({});
  const [busy, setBusy] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const clientErrors = useMemo(() => check(values), [check, values]);

  const errorOf = useCallback(
    (name: string) => (submitted || touched.has(name) ? clientErrors[name] : undefined) ?? serverErrors[name],
    [submitted, touched, clientErrors, serverErrors],
  );

  const set = useCallback((name: string, value: unknown) => {
    setValues((previous) => setIn(previous, name, value));
    setServerErrors((previous) => {
      if (!(name in previous)) return previous;
      const { [name]: _edited, ...rest } = previous;
      return rest;
    });
  }, []);

  const restructure = useCallback((change: (draft: Values) => void) => {
    setValues((previous) => {
      const draft = structuredClone(previous);
      change(draft);
      return draft;
    });
    setServerErrors({});
    setTouched(new Set());
  }, []);

  const reset = useCallback((next: Values) => {
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setRefusal(undefined);
    setServerErrors({});
  }, []);

  const touch = useCallback(
    (name: string) => setTouched((previous) => (previous.has(name) ? previous : new Set(previous).add(name))),
    [],
  );

  const bind = (name: string) => {
    const value = getIn(values, name);
    return {
      name,
      value: value === undefined || value === null ? "" : String(value),
      onValueChange: (next: string) => set(name, next),
      onBlur: () => touch(name),
      error: errorOf(name),
    };
  };

  const shownErrorNames = () => {
    const names = new Set(Object.keys(serverErrors));
    for (const name of Object.keys(clientErrors)) if (submitted || touched.has(name)) names.add(name);
    return [...names];
  };

  const submit = async (send: (values: Values) => Promise<unknown>) => {
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) {
      setRefusal(undefined);
      setFailedSubmits((count) => count + 1);
      return false;
    }
    setBusy(true);
    setRefusal(undefined);
    setServerErrors({});
    try {
      await send(values);
      setBusy(false);
      return true;
    } catch (caught) {
      const error = asApiError(caught);
      setRefusal(error);
      setServerErrors(
        Object.fromEntries(
          Object.entries(fieldErrorMap(error.fieldErrors)).map(([name, message]) => [
            formNameOf(name),
            message,
          ]),
        ),
      );
      setBusy(false);
      setFailedSubmits((count) => count + 1);
      return false;
    }
  };

  const submitAndStartOver = async (send: (values: Values) => Promise<unknown>) => {
    const sent = await submit(send);
    if (sent) {
      const next = initialValues.current;
      reset(typeof next === "function" ? (next as () => Values)() : next);
    }
    return sent;
  };

  return {
    values,
    errorOf,
    bind,
    set,
    restructure,
    reset,
    refusal,
    shownErrorNames,
    serverErrors,
    failedSubmits,
    failingChecks: submitted ? Object.keys(clientErrors).length : 0,
    busy,
    submit,
    submitAndStartOver,
  };
}

/**
 * After each failed submit, once its errors are on screen: the first marked
 * input takes the focus, else the summary above the form.
 */
export function useFocusFirstError(
  failedSubmits: number,
  form: RefObject<HTMLFormElement | null>,
  summary: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (failedSubmits === 0) return;
    const firstInvalid = form.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    (firstInvalid ?? summary.current)?.focus();
  }, [failedSubmits, form, summary]);
}

/**
 * The API's sentence about a refusal, for a form too small for a summary (a
 * dialog): when it named no field, or one the form has no input for.
 */
export function refusalBesideNoField<Values>(
  form: FormState<Values>,
  placed: ReadonlySet<string>,
): string | undefined {
  const refusal = form.refusal;
  if (refusal === undefined) return undefined;
  const unplaced = Object.keys(form.serverErrors).some((name) => !placed.has(name));
  return refusal.fieldErrors.length === 0 || unplaced ? refusal.detail : undefined;
}
