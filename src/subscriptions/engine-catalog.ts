// The billing core's view of the plan versions a subscription's timeline
// names (read with the catalog's planVersionsByIds), keyed by plan version id
// (`plv_…`) so that one timeline can move between versions of one plan. A
// version is checked with the catalog's own conversion (toCoreCharges) in the
// subscription's currency before a subscription is put on it.

import type { PlanVersionContent, PlanVersionRecord } from "../catalog/index.ts";
import { meterAggregationsOf, toCoreCharges } from "../catalog/index.ts";
import { BillingInputError, type Catalog, type PlanVersion as EnginePlanVersion } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";

/** The currencies a version can bill in: its own and those of its price books. */
export function currenciesOf(content: PlanVersionContent): string[] {
  return [content.currency, ...content.currency_prices.map((book) => book.currency)];
}

/**
 * Refuses a version that cannot bill in `currency`: one the currency has no
 * price book for, or whose charges no longer check out against the meters.
 * Runs the same conversion invoicing runs, so a subscription is never
 * recorded on prices the engine would refuse.
 */
export async function ensureBillableIn(
  database: Database,
  scope: TenantScope,
  version: PlanVersionRecord,
  currency: string,
  path: string,
): Promise<void> {
  if (!currenciesOf(version.content).includes(currency)) {
    throw conflict(
      "plan_version_currency_unsupported",
      `Version ${version.version} of plan ${version.planCode} has no prices in ${currency} ` +
        `(it prices ${currenciesOf(version.content).join(", ")}).`,
      [{ path, message: `cannot price ${currency}` }],
    );
  }
  try {
    toCoreCharges(version.content, await meterAggregationsOf(database, scope), currency);
  } catch (error) {
    if (error instanceof BillingInputError) {
      throw conflict(
        "plan_version_unbillable",
        `Version ${version.version} of plan ${version.planCode} cannot bill in ${currency}: ${error.message}.`,
        [{ path, message: "cannot be billed" }],
      );
    }
    throw error;
  }
}

/**
 * An engine catalog of these versions for laying out billing periods: the
 * schedule reads only each plan's interval, so charges are left out (pricing
 * is invoicing's, with the meters in effect). Keyed by plan version id.
 */
export function scheduleCatalogOf(versions: Iterable<PlanVersionRecord>): Catalog {
  const plans = new Map<string, EnginePlanVersion>();
  for (const version of versions) {
    plans.set(version.id, {
      code: version.id,
      interval: { unit: version.content.interval, count: version.content.interval_count },
      charges: [],
    });
  }
  return { meters: new Map(), plans };
}
