// The rules of a plan version's content that a JSON schema cannot say: each
// charge is checked by the scenario format's own charge validator (the same
// one `fairbill simulate` uses, so a plan accepted here prices the same way in
// a simulation), references to meters, products and features must resolve,
// and every other currency's price book must price every charge, and only
// with the price fields of its model. Pure: the references are passed in.
import type { Currency } from "../core/index.ts";
import { findCurrency } from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import {
  array,
  chargeSchemas,
  childPath,
  describe,
  INVALID,
  IssueCollector,
  type JsonPath,
  ROOT,
  type ScenarioCharge,
} from "../simulation/index.ts";
import type { ChargeDocument, PlanVersionContent, PriceBookDocument } from "./plan-version-content.ts";
import { priceFieldsByModel } from "./plan-version-content.ts";
import type { FeatureKind } from "./tables.ts";

export type CatalogReferences = {
  /** Each meter's aggregation by meter code. */
  readonly meterAggregations: ReadonlyMap<string, string>;
  readonly productCodes: ReadonlySet<string>;
  readonly featureKinds: ReadonlyMap<string, FeatureKind>;
};

/** Every problem of a version's content, each with its JSON path under `path`. */
export function checkPlanVersionContent(
  content: PlanVersionContent,
  references: CatalogReferences,
  path: JsonPath = ROOT,
): FieldError[] {
  const issues = new IssueCollector();
  const currency = findCurrency(content.currency);
  if (currency === undefined) {
    issues.report(childPath(path, "currency"), `unknown currency ${describe(content.currency)}`);
  }
  const parsedCharges = parseCharges(
    content.charges,
    references,
    currency,
    childPath(path, "charges"),
    issues,
  );
  if (parsedCharges !== undefined) {
    content.currency_prices.forEach((book, index) => {
      checkPriceBook(book, content, references, childPath(childPath(path, "currency_prices"), index), issues);
    });
  }
  checkEntitlements(content, references, childPath(path, "entitlements"), issues);
  return issues.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

/** The charges parsed by the scenario validator, or undefined when any is invalid (its issues reported). */
export function parseCharges(
  charges: readonly ChargeDocument[],
  references: CatalogReferences,
  currency: Currency | undefined,
  path: JsonPath,
  issues: IssueCollector,
): ScenarioCharge[] | undefined {
  const validateCharges = array(
    chargeSchemas({ meterAggregations: references.meterAggregations, planCodes: new Set(), currency }),
    { uniqueBy: { field: "id", label: "charge id" } },
  );
  // `product` is the catalog's own field; the scenario shape has no products.
  const parsed = validateCharges(
    charges.map(({ product: _product, ...charge }) => charge),
    path,
    issues,
  );
  let productsKnown = true;
  charges.forEach((charge, index) => {
    if (charge.product !== undefined && !references.productCodes.has(charge.product)) {
      issues.report(
        childPath(childPath(path, index), "product"),
        `unknown product ${describe(charge.product)}`,
      );
      productsKnown = false;
    }
  });
  return parsed === INVALID || !productsKnown ? undefined : (parsed as ScenarioCharge[]);
}

/** The base charge with a price book's prices in place of its own: what the charge is in that currency. */
export function pricedIn(charge: ChargeDocument, book: PriceBookDocument): ChargeDocument {
  const prices = book.charges.find((entry) => entry.id === charge.id);
  if (prices === undefined) return charge;
  const { id: _id, ...priceFields } = prices;
  return { ...charge, ...priceFields };
}

function checkPriceBook(
  book: PriceBookDocument,
  content: PlanVersionContent,
  references: CatalogReferences,
  path: JsonPath,
  issues: IssueCollector,
): void {
  const currency = findCurrency(book.currency);
  if (currency === undefined) {
    issues.report(childPath(path, "currency"), `unknown currency ${describe(book.currency)}`);
  } else if (book.currency === content.currency) {
    issues.report(
      childPath(path, "currency"),
      `${book.currency} is the version's own currency: its prices are the charges themselves`,
    );
  } else if (
    content.currency_prices.findIndex((other) => other.currency === book.currency) !== indexOf(path)
  ) {
    issues.report(childPath(path, "currency"), `a second price book for ${book.currency}`);
  }
  const commitmentPath = childPath(path, "minimum_commitment");
  const bookCommitment = book.minimum_commitment ?? null;
  if (content.minimum_commitment !== null && bookCommitment === null) {
    issues.report(
      commitmentPath,
      `is required: the version has a minimum commitment, so ${book.currency} needs one`,
    );
  } else if (content.minimum_commitment === null && bookCommitment !== null) {
    issues.report(commitmentPath, "must be left out: the version has no minimum commitment");
  }

  const chargesPath = childPath(path, "charges");
  const seen = new Set<string>();
  book.charges.forEach((prices, index) => {
    const pricesPath = childPath(chargesPath, index);
    const charge = content.charges.find((candidate) => candidate.id === prices.id);
    if (charge === undefined) {
      issues.report(childPath(pricesPath, "id"), `no charge ${describe(prices.id)} in the version's charges`);
      return;
    }
    if (seen.has(prices.id)) {
      issues.report(
        childPath(pricesPath, "id"),
        `charge ${describe(prices.id)} is priced twice in ${book.currency}`,
      );
      return;
    }
    seen.add(prices.id);
    const allowed = priceFieldsByModel[charge.type === "fixed" ? "fixed" : (charge.model ?? "per_unit")];
    const given = Object.keys(prices).filter((field) => field !== "id");
    let pricesFit = true;
    for (const field of given) {
      if (!allowed.includes(field)) {
        issues.report(
          childPath(pricesPath, field),
          `is not a price of this ${chargeLabel(charge)} charge (its prices: ${allowed.join(", ")})`,
        );
        pricesFit = false;
      }
    }
    for (const field of allowed) {
      if ((charge as Record<string, unknown>)[field] !== undefined && !given.includes(field)) {
        issues.report(
          childPath(pricesPath, field),
          `is required: charge ${charge.id} has a ${field} to price in ${book.currency}`,
        );
        pricesFit = false;
      }
    }
    if (!pricesFit) return;
    // The merged charge goes through the same charge validator, so that a
    // tier list out of order is caught in every currency.
    const { product: _product, ...merged } = pricedIn(charge, book);
    const validateCharge = chargeSchemas({
      meterAggregations: references.meterAggregations,
      planCodes: new Set(),
      currency,
    });
    validateCharge(merged, pricesPath, issues);
  });
  for (const charge of content.charges) {
    if (!seen.has(charge.id)) {
      issues.report(chargesPath, `charge ${describe(charge.id)} has no price in ${book.currency}`);
    }
  }
}

function checkEntitlements(
  content: PlanVersionContent,
  references: CatalogReferences,
  path: JsonPath,
  issues: IssueCollector,
): void {
  const seen = new Set<string>();
  content.entitlements.forEach((entitlement, index) => {
    const entitlementPath = childPath(path, index);
    const kind = references.featureKinds.get(entitlement.feature);
    if (kind === undefined) {
      issues.report(
        childPath(entitlementPath, "feature"),
        `unknown feature ${describe(entitlement.feature)}`,
      );
      return;
    }
    if (seen.has(entitlement.feature)) {
      issues.report(
        childPath(entitlementPath, "feature"),
        `feature ${describe(entitlement.feature)} is listed twice`,
      );
    }
    seen.add(entitlement.feature);
    for (const problem of entitlementValueProblems(kind, entitlement)) {
      issues.report(childPath(entitlementPath, problem.field), problem.message);
    }
  });
}

/** What is wrong with a value and limit for a feature of this kind: shared by plan versions and grants. */
export function entitlementValueProblems(
  kind: FeatureKind,
  entitlement: { value?: unknown; limit?: string | null | undefined },
): { field: "value" | "limit"; message: string }[] {
  const problems: { field: "value" | "limit"; message: string }[] = [];
  if (kind !== "static" && entitlement.value !== undefined) {
    problems.push({
      field: "value",
      message: `must be left out: a ${kind} feature has no configuration value`,
    });
  }
  if (kind === "static" && entitlement.value === undefined) {
    problems.push({ field: "value", message: "is required for a static feature" });
  }
  if (kind !== "metered" && entitlement.limit !== undefined) {
    problems.push({ field: "limit", message: `must be left out: only a metered feature has a limit` });
  }
  if (kind === "metered" && entitlement.limit === undefined) {
    problems.push({ field: "limit", message: "is required for a metered feature (null for unlimited)" });
  }
  return problems;
}

function chargeLabel(charge: ChargeDocument): string {
  return charge.type === "fixed" ? "fixed" : `${charge.model ?? "usage"}`;
}

function indexOf(path: JsonPath): number {
  return typeof path.key === "number" ? path.key : -1;
}
