// Tax quotes as tests compare them: whole, with their decimals as text.
import type { TaxQuote } from "../../src/taxes/index.ts";

/** The quote with its decimals (its percent and each component's) as text, to compare whole. */
export function plainTaxQuote(quote: TaxQuote) {
  return {
    ...quote,
    percent: quote.percent.toString(),
    components: quote.components.map((component) => ({
      ...component,
      percent: component.percent.toString(),
    })),
  };
}
