// Where exchange rates come from when they are not entered by hand: a rate
// provider behind one interface. The HTTP provider asks an address in the
// format of the open Frankfurter API (GET {url}/{date}?from=EUR&to=USD,
// answering {"rates": {"USD": 1.0842}}); a provider answering a working
// day's rate for a weekend date is taken as that date's rate. The call goes
// through the outgoing-request guard: no internal address, no redirect followed.
import { Decimal, isPlainDecimal } from "../core/index.ts";
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";

export interface ExchangeRateProvider {
  readonly name: string;
  /** One unit of `base` in `quote` on `date` (YYYY-MM-DD). Throws ExchangeRateProviderError when it cannot say. */
  rateOn(base: string, quote: string, date: string): Promise<Decimal>;
}

export class ExchangeRateProviderError extends Error {}

const timeoutMilliseconds = 10_000;

function rateText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // JSON numbers of a rate (not money) are read through their shortest text, as they were written.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function httpExchangeRateProvider(baseUrl: string): ExchangeRateProvider {
  return {
    name: new URL(baseUrl).host,
    async rateOn(base, quote, date) {
      const url = new URL(`${baseUrl.replace(/\/+$/, "")}/${date}`);
      url.searchParams.set("from", base);
      url.searchParams.set("to", quote);
      let response: Awaited<ReturnType<typeof guardedFetch>>;
      try {
        response = await guardedFetch(url.toString(), { signal: AbortSignal.timeout(timeoutMilliseconds) });
      } catch (error) {
        throw new ExchangeRateProviderError(`the rate provider did not answer (${(error as Error).message})`);
      }
      if (!response.ok) throw new ExchangeRateProviderError(`the rate provider answered ${response.status}`);
      const body = (await response.json().catch(() => undefined)) as
        | { rates?: Record<string, unknown> }
        | undefined;
      const text = rateText(body?.rates?.[quote]);
      if (text === undefined || !isPlainDecimal(text) || !new Decimal(text).greaterThan(0)) {
        throw new ExchangeRateProviderError(`the rate provider gave no ${base} to ${quote} rate for ${date}`);
      }
      return new Decimal(text);
    },
  };
}
