// A tax provider that asks an external calculator over HTTP. Fairbill POSTs
// each tax request as JSON (snake_case, like the rest of the API) with the
// configured secret as a bearer token, and reads a quote back:
//
//   → { "seller": { "country": "DE", "region": null, "tax_id": "DE123456789" },
//       "customer": { "id": "cus_…", "country": "FR", "region": null, "tax_ids": ["FR40303265045"] },
//       "currency": "EUR", "issued_at": "2026-03-01T00:00:00.000Z" }
//   ← { "percent": "20", "inclusive": false, "reverse_charge": false,
//       "components": [{ "name": "TVA", "percent": "20", "jurisdiction": "FR" }],
//       "exemption_reason": null, "note": null }
//
// Only `percent` is required; percents are decimal strings, never JSON numbers.
// An answer that is late, not a 2xx, not JSON or not of that shape is an error
// that names the provider and what was wrong, so a bill run fails (and is
// retried) rather than issuing an invoice with a guessed tax. The call goes
// through the outgoing-request guard: no internal address, no redirect
// followed (a 3xx is an answer that is not a 2xx).
import { type Static, Type } from "typebox";
import { Decimal, sumDecimals } from "../core/index.ts";
import { errorMessage, FairbillError } from "../platform/errors.ts";
import { NonNegativeDecimalString, Nullable } from "../platform/http/schemas.ts";
import { strictValidatorOnFirstUse, toFieldErrors } from "../platform/http/validation.ts";
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";
import type { TaxProvider, TaxQuote, TaxRequest } from "./tax-quote.ts";

const maximumAnswerBytes = 64 * 1024;

const ProviderAnswerSchema = Type.Object({
  percent: NonNegativeDecimalString,
  inclusive: Type.Optional(Type.Boolean()),
  reverse_charge: Type.Optional(Type.Boolean()),
  components: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        percent: NonNegativeDecimalString,
        jurisdiction: Type.String({ maxLength: 100 }),
      }),
      { maxItems: 20 },
    ),
  ),
  exemption_reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});
type ProviderAnswer = Static<typeof ProviderAnswerSchema>;

const answerValidator = strictValidatorOnFirstUse(ProviderAnswerSchema);

export function httpTaxProvider(options: {
  url: string;
  secret: string;
  timeoutMilliseconds: number;
}): TaxProvider {
  const failed = (problem: string) =>
    new FairbillError({
      code: "tax_provider_failed",
      status: 502,
      detail: `The tax provider at ${options.url} ${problem}.`,
    });

  return {
    async quote(request: TaxRequest): Promise<TaxQuote> {
      const signal = AbortSignal.timeout(options.timeoutMilliseconds);
      let text: string;
      try {
        const response = await guardedFetch(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Bearer ${options.secret}`,
          },
          body: JSON.stringify(wireRequest(request)),
          signal,
        });
        if (!response.ok) {
          await response.body?.cancel();
          throw failed(`answered HTTP ${response.status}`);
        }
        text = await readLimited(response, failed);
      } catch (error) {
        if (error instanceof FairbillError) throw error;
        if (signal.aborted) throw failed(`did not answer within ${options.timeoutMilliseconds} ms`);
        throw failed(`could not be reached (${describeNetworkError(error)})`);
      }
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        throw failed("answered with a body that is not JSON");
      }
      return toQuote(answer, failed);
    },
  };
}

function wireRequest(request: TaxRequest) {
  return {
    seller: { country: request.seller.country, region: request.seller.region, tax_id: request.seller.taxId },
    customer: {
      id: request.customer.id,
      country: request.customer.country,
      region: request.customer.region,
      tax_ids: request.customer.taxIds,
    },
    currency: request.currency,
    issued_at: request.issuedAt.toISOString(),
  };
}

function toQuote(answer: unknown, failed: (problem: string) => FairbillError): TaxQuote {
  const validateAnswer = answerValidator();
  if (!validateAnswer(answer)) {
    const problems = toFieldErrors(validateAnswer.errors ?? [], "body")
      .map((error) => `${error.path} ${error.message}`)
      .join("; ");
    throw failed(`answered with a quote Fairbill cannot read: ${problems}`);
  }
  const valid = answer as ProviderAnswer;
  const percent = new Decimal(valid.percent);
  if (percent.greaterThan(100)) throw failed(`answered a percent of ${valid.percent}, more than 100`);
  const components = (valid.components ?? []).map((component) => ({
    name: component.name,
    percent: new Decimal(component.percent),
    jurisdiction: component.jurisdiction,
  }));
  const componentSum = sumDecimals(components.map((component) => component.percent));
  if (components.length > 0 && !componentSum.equals(percent)) {
    throw failed(
      `answered components that add up to ${componentSum.toString()} percent, not the ${valid.percent} it quoted`,
    );
  }
  const reverseCharge = valid.reverse_charge ?? false;
  if (reverseCharge && !percent.isZero()) {
    throw failed(`answered a reverse charge with a percent of ${valid.percent}; a reverse charge is 0`);
  }
  return {
    percent,
    inclusive: valid.inclusive ?? false,
    reverseCharge,
    components,
    exemptionReason: valid.exemption_reason ?? null,
    note: valid.note ?? null,
  };
}

/** The body as text, refusing one larger than any quote needs. */
async function readLimited(response: Response, failed: (problem: string) => FairbillError): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maximumAnswerBytes) {
      await reader.cancel();
      throw failed(`answered with more than ${maximumAnswerBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return errorMessage(error);
}
