// Groups of fields that objects of several domains carry with one meaning,
// spread into a response's Type.Object so that they are described alike.
import { Type } from "typebox";
import { Nullable, Timestamp } from "./schemas.ts";
import { StrictObject } from "./validation.ts";

/** Who asked for a queued run and why, and when it was asked for, started and finished: a backtest's, an import's, a parallel run's. */
export const queuedRunFields = {
  created_by: Type.String(),
  reason: Nullable(Type.String()),
  created_at: Timestamp,
  started_at: Nullable(Timestamp),
  finished_at: Nullable(Timestamp),
};

/** The invoice line that bills an object, by its invoice's id and number and its own id; all null while none does. */
export const invoiceLineReferenceFields = {
  invoice_id: Nullable(Type.String()),
  invoice_number: Nullable(Type.String()),
  invoice_line_id: Nullable(Type.String()),
};

/**
 * How long a link with a token works, in seconds: from a minute to
 * `maximumDays`, its description naming both; `defaultText` says how long
 * without it.
 */
export function LinkLifetimeSeconds(maximumDays: number, defaultText: string) {
  const maximum = maximumDays * 24 * 3600;
  return Type.Optional(
    Type.Integer({
      minimum: 60,
      maximum,
      description: `how long the link works, in seconds: 60 to ${maximum} (${maximumDays} days); default ${defaultText}`,
    }),
  );
}

/** A tax number (a VAT or EIN registration): its kind, described by `kindDescription`, and its value. */
export function TaxNumber(kindDescription: string) {
  return StrictObject({
    type: Type.String({ minLength: 1, maxLength: 30, description: kindDescription }),
    value: Type.String({ minLength: 1, maxLength: 50 }),
  });
}
