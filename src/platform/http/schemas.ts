// Schema pieces every domain's routes share, so that a decimal amount or a
// timestamp is described (and validated) the same way everywhere.
import { type TSchema, Type } from "typebox";

/** An exact decimal as a string, e.g. "49.00" or "-0.0015". Money is never a JSON number. */
export const DecimalString = Type.String({
  pattern: "^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,20})?$",
  description: 'a decimal number written as a string, such as "49.00"',
  examples: ["49.00"],
});

/** A non-negative exact decimal as a string. */
export const NonNegativeDecimalString = Type.String({
  pattern: "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,20})?$",
  description: 'a decimal number of zero or more written as a string, such as "49.00"',
  examples: ["49.00"],
});

/** A percentage above zero as a string, e.g. "25" or "2.5" (up to 1,000,000 with 4 decimals). */
export const PositivePercent = Type.String({
  pattern: "^(0\\.(?=[0-9]*[1-9])[0-9]{1,4}|[1-9][0-9]{0,6}(\\.[0-9]{1,4})?)$",
  description: 'a percentage above zero written as a string, such as "25" or "2.5"',
  examples: ["25"],
});

/** An RFC 3339 instant, e.g. "2026-02-15T00:00:00Z". */
export const Timestamp = Type.String({ format: "date-time", examples: ["2026-02-15T00:00:00Z"] });

/** An RFC 3339 instant that a request gives, described by what it marks. */
export function DateTimeString(description: string) {
  return Type.String({ format: "date-time", description });
}

/** Free-form key/value pairs the caller keeps on an object. */
export const Metadata = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  description: "up to 50 keys of your own, each with a string value",
});

/** The id of an object in a response, with its prefix (`cus_…`) shown as an example. */
export function PrefixedId(prefix: string) {
  return Type.String({ examples: [`${prefix}_01JDQ9ZK4M8T2V6XQ3R7B5N1HC`] });
}

/** ISO 4217 currency code. */
export const CurrencyCode = Type.String({
  pattern: "^[A-Z]{3}$",
  description: "an ISO 4217 code such as USD",
  examples: ["USD"],
});

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = Type.String({
  pattern: "^[A-Z]{2}$",
  description: "an ISO 3166-1 alpha-2 code such as DE",
  examples: ["DE"],
});

/** What people call an object: a customer, plan, meter, coupon, wallet, key. */
export const Name = Type.String({ minLength: 1, maxLength: 200 });

/** A longer text about an object; null clears it. */
export const Description = Nullable(Type.String({ maxLength: 2000 }));

/** A version of a plan: 1, 2, … */
export const VersionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: "stable, machine-readable error code" }),
    detail: Type.String(),
    instance: Type.String(),
    request_id: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
        description: "each bad field, by JSON path",
      }),
    ),
  },
  { title: "Problem", description: "RFC 9457 problem details" },
);

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const standardErrorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export function Nullable<Schema extends TSchema>(schema: Schema) {
  return Type.Union([schema, Type.Null()]);
}

/** One of a fixed list of strings, as `{ "type": "string", "enum": [...] }`. */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
) {
  return Type.Unsafe<Values[number]>({ type: "string", enum: [...values], ...options });
}

/** The id of a stored object in a path or a filter. */
export const ObjectId = Type.String({ maxLength: 64 });

/** An object's id where an empty one is refused: a body's reference to an object, some paths. */
export const NonEmptyId = Type.String({ minLength: 1, maxLength: 64 });

/** A currency code that ISO 4217 lists (XYZ matches CurrencyCode's pattern but is no currency). */
export const ListedCurrencyCode = Type.String({
  pattern: "^[A-Z]{3}$",
  format: "iso-4217-currency",
  description: "an ISO 4217 code such as USD",
  examples: ["USD"],
});

/** A country code that ISO 3166-1 lists. */
export const ListedCountryCode = Type.String({
  pattern: "^[A-Z]{2}$",
  format: "iso-3166-country",
  description: "an ISO 3166-1 alpha-2 code such as DE",
  examples: ["DE"],
});

/** An IANA time zone name, checked against the zones Node.js knows. */
export const TimeZoneName = Type.String({
  minLength: 1,
  maxLength: 64,
  format: "iana-time-zone",
  description: "an IANA time zone such as Europe/Berlin",
  examples: ["Europe/Berlin"],
});

/** The path of a route about one object: `/customers/:id`. */
export const IdParams = Type.Object({ id: ObjectId });

/** The same, refusing an empty id (the routes of alerts and of the portal). */
export const NonEmptyIdParams = Type.Object({ id: NonEmptyId });

/** A whole list in one answer, with no pages: `{ "data": [...] }`. */
export function ListOf<Item extends TSchema>(item: Item) {
  return Type.Object({ data: Type.Array(item) });
}

/** A CSV document answered as the response body. */
export const CsvText = Type.String({ description: "text/csv" });

/** A PDF document answered as the response body. */
export const PdfFile = Type.Unsafe<Buffer>({
  type: "string",
  format: "binary",
  description: "application/pdf",
});
