// The values a scenario is made of besides pricing: timestamps, time zones,
// references to the document's plans, and free-form texts (ids of coupons,
// grants and events).
import { Type } from "typebox";
import { Decimal, findCurrency, fitsMinorUnit, isValidTimeZone, parseInstant } from "../core/index.ts";
import {
  describeValue,
  Price,
  type PricingContext,
  type Rule,
  refine,
  withMessage,
  withRules,
} from "../pricing/index.ts";

/** What the rules of a scenario need besides its pricing: the plans it defines and its currency. */
export type ScenarioContext = PricingContext & {
  readonly planCodes: ReadonlySet<string>;
  /** The document's currency, when it is one. */
  readonly currencyCode: string | undefined;
};

export const NonEmptyText = Type.String({ minLength: 1 });

let lastText: string | undefined;
let lastInstant: number | undefined;

/**
 * The instant a timestamp names, or undefined. The last answer is kept: an
 * event's timestamp is parsed when it is checked and again when it is read,
 * once each per event of a stream of millions.
 */
export function instantOf(text: string): number | undefined {
  if (text !== lastText) {
    lastInstant = parseInstant(text);
    lastText = text;
  }
  return lastInstant;
}

/** The shape of an RFC 3339 timestamp, to tell a malformed one from one naming a date that does not exist. */
const TIMESTAMP_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant, to the millisecond: `2026-01-15T00:00:00Z`. Checked by the
 * engine's own parser alone (a JSON schema `format` would check it twice, on
 * every event of a stream).
 */
export const Instant = refine(
  withMessage(
    Type.String({
      description: "an RFC 3339 timestamp, to the millisecond at most",
      examples: ["2026-01-15T00:00:00Z"],
    }),
    (value) =>
      typeof value === "string" && TIMESTAMP_SHAPE.test(value)
        ? `is not a real date and time (or has more than millisecond precision): ${describeValue(value)}`
        : `must be an RFC 3339 timestamp such as "2026-01-15T00:00:00Z", not ${describeValue(value)}`,
  ),
  (value) => typeof value === "string" && instantOf(value) !== undefined,
);

export const TimeZone = refine(
  withMessage(
    Type.String({ description: "an IANA time zone such as Europe/Paris" }),
    (value) => `unknown time zone ${describeValue(value)} (expected an IANA name such as "Europe/Paris")`,
  ),
  (value) => typeof value === "string" && isValidTimeZone(value),
);

/** The code of a plan the document defines. */
export const PlanReference = withRules(
  withMessage(
    Type.String({ description: "the code of one of the scenario's plans" }),
    (value) => `must be the code of a plan, not ${describeValue(value)}`,
  ),
  ((value, path, run) => {
    if (typeof value === "string" && !run.context.planCodes.has(value)) {
      run.report(path, `unknown plan ${describeValue(value)}`);
    }
  }) satisfies Rule<ScenarioContext>,
);

/** A percentage: an amount of at most 100. */
export const Percent = withRules(Price, (value, path, run) => {
  if (run.isValid(path) && typeof value === "string" && new Decimal(value).greaterThan(100)) {
    run.report(path, `must be at most 100, not ${describeValue(value)}`);
  }
});

/** An amount in the document's currency, in whole minor units (billing rule 18). */
export const MinorUnitAmount = withRules(Price, ((value, path, run) => {
  const currency =
    run.context.currencyCode === undefined ? undefined : findCurrency(run.context.currencyCode);
  if (currency === undefined || typeof value !== "string" || !run.isValid(path)) return;
  if (!fitsMinorUnit(new Decimal(value), currency)) {
    run.report(
      path,
      `has more decimal places than ${currency.code} has (${currency.minorDigits}): ${describeValue(value)}`,
    );
  }
}) satisfies Rule<ScenarioContext>);
