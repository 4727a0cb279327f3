// A plan version's charges as the billing core prices them: parsed by the
// scenario format's charge validator and converted by the simulator's own
// conversion, so that a plan bills exactly as it simulates. In another
// currency, each charge carries that currency's price book. Invoicing calls
// this, then `applyOverrides` for a subscription's own prices.
import { BillingInputError, type Charge, findCurrency } from "../core/index.ts";
import { IssueCollector, ROOT, toCharge } from "../simulation/index.ts";
import type { PlanVersionContent } from "./plan-version-content.ts";
import { type CatalogReferences, parseCharges, pricedIn } from "./plan-version-rules.ts";

export function toCoreCharges(
  content: PlanVersionContent,
  meterAggregations: CatalogReferences["meterAggregations"],
  currencyCode: string = content.currency,
): Charge[] {
  let charges = content.charges;
  if (currencyCode !== content.currency) {
    const book = content.currency_prices.find((candidate) => candidate.currency === currencyCode);
    if (book === undefined) {
      throw new BillingInputError(
        `the plan version has no prices in ${currencyCode} (only ${content.currency})`,
      );
    }
    charges = charges.map((charge) => pricedIn(charge, book));
  }
  const issues = new IssueCollector();
  // Products are the catalog's grouping; they do not change what a charge costs.
  const references = {
    meterAggregations,
    productCodes: new Set(
      charges.flatMap((charge) => (charge.product === undefined ? [] : [charge.product])),
    ),
    featureKinds: new Map(),
  };
  const parsed = parseCharges(charges, references, findCurrency(currencyCode), ROOT, issues);
  if (parsed === undefined) {
    const problems = issues.issues.map(
      (issue) => `${issue.path.replace(/^\$/, "charges")}: ${issue.message}`,
    );
    throw new BillingInputError(`the plan version's charges no longer check out: ${problems.join("; ")}`);
  }
  return parsed.map(toCharge);
}
