// What changed between two versions of a plan, field by field, in words a
// billing operator reads: "charge api_calls graduated tier 2 unit price 0.002
// → 0.0015", "charge storage added", "minimum commitment 100.00 → 150.00".
// Charges, price books and entitlements are matched by their code, not by
// their position; amounts compare as decimals ("0.0020" is "0.002"), and a
// field left out counts as its default (a fixed charge's timing is
// in_advance), so only changes that bill differently are listed. Pure.
import { Decimal } from "../core/index.ts";
import { canonicalJson } from "../platform/canonical-json.ts";
import {
  type ChargeV2Document as ChargeDocument,
  type ChargePricesDocument as ChargePriceDocument,
  // What a field left out of a charge means, so that leaving it out and writing it are not a change.
  chargeDefaults,
  type PriceBookDocument,
  type TierDocument,
} from "../pricing/index.ts";
import type { EntitlementDocument, PlanVersionContent } from "./plan-version-content.ts";

export type VersionChange = {
  /** JSON path of the field in the later version (in the earlier one for what was removed). */
  path: string;
  change: "added" | "removed" | "changed";
  before: unknown;
  after: unknown;
  description: string;
};

export function diffPlanVersions(before: PlanVersionContent, after: PlanVersionContent): VersionChange[] {
  const changes: VersionChange[] = [];
  compareScalar(changes, "$.currency", "currency", before.currency, after.currency);
  compareScalar(changes, "$.interval", "billing interval", before.interval, after.interval);
  compareScalar(
    changes,
    "$.interval_count",
    "intervals per period",
    before.interval_count,
    after.interval_count,
  );
  compareScalar(changes, "$.trial_days", "trial days", before.trial_days, after.trial_days);
  compareScalar(
    changes,
    "$.minimum_commitment",
    "minimum commitment",
    before.minimum_commitment,
    after.minimum_commitment,
  );
  diffCharges(changes, before.charges, after.charges);
  diffPriceBooks(changes, before, after);
  diffEntitlements(changes, before.entitlements, after.entitlements);
  diffByKey(changes, "$.pricing_units", "pricing unit", before.pricing_units, after.pricing_units, "code");
  diffByKey(changes, "$.allowances", "allowance of", before.allowances, after.allowances, "unit");
  return changes;
}

/** Entries of a list matched by `key`: each one added, removed, or changed as a whole. */
function diffByKey<Entry extends Record<string, unknown>>(
  changes: VersionChange[],
  listPath: string,
  label: string,
  before: readonly Entry[],
  after: readonly Entry[],
  key: keyof Entry & string,
): void {
  diffMatched(changes, listPath, before, after, {
    keyOf: (entry) => entry[key],
    removed: (entry) => `${label} ${formatValue(entry[key])} removed`,
    added: (entry) => `${label} ${formatValue(entry[key])} added`,
    compareKept: (path, earlier, entry) => {
      if (canonicalJson(earlier) === canonicalJson(entry)) return;
      changes.push({
        path,
        change: "changed",
        before: earlier,
        after: entry,
        description: `${label} ${formatValue(entry[key])} ${formatValue(earlier)} → ${formatValue(entry)}`,
      });
    },
  });
}

/**
 * Entries of a list matched by their key, not their position: one that is
 * gone is listed as removed (at its earlier path), one that is new as added,
 * and one in both is handed to `compareKept` with its later path.
 */
function diffMatched<Entry>(
  changes: VersionChange[],
  listPath: string,
  before: readonly Entry[],
  after: readonly Entry[],
  match: {
    keyOf: (entry: Entry) => unknown;
    removed: (entry: Entry) => string;
    added: (entry: Entry) => string;
    compareKept: (path: string, earlier: Entry, later: Entry) => void;
  },
): void {
  const beforeByKey = new Map(before.map((entry) => [match.keyOf(entry), entry]));
  const afterKeys = new Set(after.map(match.keyOf));
  before.forEach((entry, index) => {
    if (afterKeys.has(match.keyOf(entry))) return;
    changes.push({
      path: `${listPath}[${index}]`,
      change: "removed",
      before: entry,
      after: null,
      description: match.removed(entry),
    });
  });
  after.forEach((entry, index) => {
    const path = `${listPath}[${index}]`;
    const earlier = beforeByKey.get(match.keyOf(entry));
    if (earlier === undefined) {
      changes.push({ path, change: "added", before: null, after: entry, description: match.added(entry) });
      return;
    }
    match.compareKept(path, earlier, entry);
  });
}

const fieldLabels: Record<string, string> = {
  type: "type",
  product: "product",
  amount: "amount",
  timing: "timing",
  prorate: "proration",
  meter: "meter",
  model: "pricing model",
  unit_price: "unit price",
  free_units: "free units",
  package_size: "package size",
  package_price: "package price",
  rate: "rate",
  fixed_fee: "fixed fee",
  per_transaction_min: "minimum per transaction",
  per_transaction_max: "maximum per transaction",
};

const decimalFields = new Set([
  "amount",
  "unit_price",
  "free_units",
  "package_size",
  "package_price",
  "rate",
  "fixed_fee",
  "per_transaction_min",
  "per_transaction_max",
  "up_to",
  "flat_fee",
  "limit",
  "minimum_commitment",
]);

function diffCharges(changes: VersionChange[], before: ChargeDocument[], after: ChargeDocument[]): void {
  diffMatched(changes, "$.charges", before, after, {
    keyOf: (charge) => charge.id,
    removed: (charge) => `charge ${charge.id} removed`,
    added: (charge) => `charge ${charge.id} added`,
    compareKept: (path, earlier, charge) =>
      diffChargeFields(changes, path, `charge ${charge.id}`, earlier, charge),
  });
  const beforeIds = new Set(before.map((charge) => charge.id));
  const afterIds = new Set(after.map((charge) => charge.id));
  const keptBefore = before.map((charge) => charge.id).filter((id) => afterIds.has(id));
  const keptAfter = after.map((charge) => charge.id).filter((id) => beforeIds.has(id));
  if (keptBefore.join("\u0000") !== keptAfter.join("\u0000")) {
    changes.push({
      path: "$.charges",
      change: "changed",
      before: keptBefore,
      after: keptAfter,
      description: `charges reordered: ${keptBefore.join(", ")} → ${keptAfter.join(", ")}`,
    });
  }
}

/**
 * The fields of one charge (or of its prices in another currency), with the
 * tiers compared tier by tier. `label` starts each description.
 */
function diffChargeFields(
  changes: VersionChange[],
  path: string,
  label: string,
  before: Partial<ChargeDocument> | ChargePriceDocument,
  after: Partial<ChargeDocument> | ChargePriceDocument,
  modelHint?: string,
): void {
  const beforeFields = { ...chargeDefaults(before as Partial<ChargeDocument>), ...before } as Record<
    string,
    unknown
  >;
  const afterFields = { ...chargeDefaults(after as Partial<ChargeDocument>), ...after } as Record<
    string,
    unknown
  >;
  const fieldOrder = Object.keys(fieldLabels);
  const fields = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])]
    .filter((field) => field !== "id" && field !== "tiers")
    .sort((left, right) => rank(fieldOrder, left) - rank(fieldOrder, right));
  for (const field of fields) {
    compareScalar(
      changes,
      `${path}.${field}`,
      `${label} ${fieldLabels[field] ?? field}`,
      beforeFields[field],
      afterFields[field],
    );
  }
  const model = String(afterFields.model ?? beforeFields.model ?? modelHint ?? "tiered");
  diffTiers(
    changes,
    `${path}.tiers`,
    `${label} ${model}`,
    beforeFields.tiers as TierDocument[] | undefined,
    afterFields.tiers as TierDocument[] | undefined,
  );
}

function diffTiers(
  changes: VersionChange[],
  path: string,
  label: string,
  before: TierDocument[] | undefined,
  after: TierDocument[] | undefined,
): void {
  const earlier = before ?? [];
  const later = after ?? [];
  for (let index = 0; index < Math.max(earlier.length, later.length); index++) {
    const tierPath = `${path}[${index}]`;
    const tierLabel = `${label} tier ${index + 1}`;
    const beforeTier = earlier[index];
    const afterTier = later[index];
    if (beforeTier === undefined && afterTier !== undefined) {
      changes.push({
        path: tierPath,
        change: "added",
        before: null,
        after: afterTier,
        description: `${tierLabel} added: ${describeTier(afterTier)}`,
      });
    } else if (afterTier === undefined && beforeTier !== undefined) {
      changes.push({
        path: tierPath,
        change: "removed",
        before: beforeTier,
        after: null,
        description: `${tierLabel} removed (was ${describeTier(beforeTier)})`,
      });
    } else if (beforeTier !== undefined && afterTier !== undefined) {
      compareTierBound(
        changes,
        `${tierPath}.up_to`,
        `${tierLabel} upper bound`,
        beforeTier.up_to,
        afterTier.up_to,
      );
      compareScalar(
        changes,
        `${tierPath}.unit_price`,
        `${tierLabel} unit price`,
        beforeTier.unit_price,
        afterTier.unit_price,
      );
      compareScalar(
        changes,
        `${tierPath}.flat_fee`,
        `${tierLabel} flat fee`,
        beforeTier.flat_fee ?? "0",
        afterTier.flat_fee ?? "0",
      );
    }
  }
}

function rank(order: string[], field: string): number {
  const position = order.indexOf(field);
  return position === -1 ? order.length : position;
}

function describeTier(tier: TierDocument): string {
  const bound = tier.up_to === null ? "unlimited" : `up to ${tier.up_to}`;
  const flatFee = tier.flat_fee !== undefined && !isZero(tier.flat_fee) ? ` plus ${tier.flat_fee} flat` : "";
  return `${bound} at ${tier.unit_price} per unit${flatFee}`;
}

function compareTierBound(
  changes: VersionChange[],
  path: string,
  label: string,
  before: TierDocument["up_to"],
  after: TierDocument["up_to"],
): void {
  if (before === null && after === null) return;
  if (before !== null && after !== null && sameValue("up_to", before, after)) return;
  changes.push({
    path,
    change: "changed",
    before,
    after,
    description: `${label} ${before === null ? "unlimited" : String(before)} → ${after === null ? "unlimited" : String(after)}`,
  });
}

function diffPriceBooks(
  changes: VersionChange[],
  before: PlanVersionContent,
  after: PlanVersionContent,
): void {
  diffMatched(changes, "$.currency_prices", before.currency_prices, after.currency_prices, {
    keyOf: (book) => book.currency,
    removed: (book) => `${book.currency} prices removed`,
    added: (book) => `${book.currency} prices added`,
    compareKept: (path, earlier, book) => diffPriceBook(changes, path, earlier, book, after.charges),
  });
}

function diffPriceBook(
  changes: VersionChange[],
  path: string,
  before: PriceBookDocument,
  after: PriceBookDocument,
  charges: ChargeDocument[],
): void {
  compareScalar(
    changes,
    `${path}.minimum_commitment`,
    `${after.currency} minimum commitment`,
    before.minimum_commitment ?? null,
    after.minimum_commitment ?? null,
  );
  const labelOf = (prices: ChargePriceDocument) => `${after.currency} price of charge ${prices.id}`;
  diffMatched(changes, `${path}.charges`, before.charges, after.charges, {
    keyOf: (prices) => prices.id,
    removed: (prices) => `${labelOf(prices)} removed`,
    added: (prices) => `${labelOf(prices)} added`,
    compareKept: (pricesPath, earlier, prices) => {
      const model = charges.find((charge) => charge.id === prices.id)?.model;
      diffChargeFields(changes, pricesPath, labelOf(prices), earlier, prices, model);
    },
  });
}

function diffEntitlements(
  changes: VersionChange[],
  before: EntitlementDocument[],
  after: EntitlementDocument[],
): void {
  diffMatched(changes, "$.entitlements", before, after, {
    keyOf: (entitlement) => entitlement.feature,
    removed: (entitlement) => `entitlement ${entitlement.feature} removed`,
    added: (entitlement) =>
      `entitlement ${entitlement.feature} added${describeEntitlementTerms(entitlement)}`,
    compareKept: (path, earlier, entitlement) => {
      if (earlier.limit !== undefined || entitlement.limit !== undefined) {
        const beforeLimit = earlier.limit ?? null;
        const afterLimit = entitlement.limit ?? null;
        const same =
          beforeLimit === afterLimit ||
          (beforeLimit !== null && afterLimit !== null && sameValue("limit", beforeLimit, afterLimit));
        if (!same) {
          changes.push({
            path: `${path}.limit`,
            change: "changed",
            before: beforeLimit,
            after: afterLimit,
            description: `entitlement ${entitlement.feature} limit ${beforeLimit ?? "unlimited"} → ${afterLimit ?? "unlimited"}`,
          });
        }
      }
      compareScalar(
        changes,
        `${path}.value`,
        `entitlement ${entitlement.feature} value`,
        earlier.value,
        entitlement.value,
      );
    },
  });
}

function describeEntitlementTerms(entitlement: EntitlementDocument): string {
  if (entitlement.limit !== undefined) return ` with limit ${entitlement.limit ?? "unlimited"}`;
  if (entitlement.value !== undefined) return ` with value ${formatValue(entitlement.value)}`;
  return "";
}

/** Adds one change when a field's value differs; a field absent on one side is added or removed. */
function compareScalar(
  changes: VersionChange[],
  path: string,
  label: string,
  before: unknown,
  after: unknown,
): void {
  const field = path.slice(path.lastIndexOf(".") + 1);
  const beforeAbsent = before === undefined || before === null;
  const afterAbsent = after === undefined || after === null;
  if (beforeAbsent && afterAbsent) return;
  if (beforeAbsent) {
    changes.push({
      path,
      change: "added",
      before: null,
      after,
      description: `${label} set to ${formatValue(after)}`,
    });
    return;
  }
  if (afterAbsent) {
    changes.push({
      path,
      change: "removed",
      before,
      after: null,
      description: `${label} ${formatValue(before)} removed`,
    });
    return;
  }
  if (sameValue(field, before, after)) return;
  changes.push({
    path,
    change: "changed",
    before,
    after,
    description: `${label} ${formatValue(before)} → ${formatValue(after)}`,
  });
}

function sameValue(field: string, before: unknown, after: unknown): boolean {
  if (decimalFields.has(field) && isDecimalLike(before) && isDecimalLike(after)) {
    return new Decimal(before).equals(new Decimal(after));
  }
  return canonicalJson(before) === canonicalJson(after);
}

function isDecimalLike(value: unknown): value is string | number {
  return (
    (typeof value === "number" && Number.isFinite(value)) ||
    (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value))
  );
}

function isZero(value: string): boolean {
  return isDecimalLike(value) && new Decimal(value).isZero();
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
