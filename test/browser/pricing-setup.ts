// What the browser tests of pricing changes set up through the API: a plan
// whose two published versions bill different base fees a month in advance,
// and customers subscribed to its first version.
import type { ConsoleHarness } from "./browser-harness.ts";

/** A plan billing `amounts[0]` a month on version 1 and `amounts[1]` on version 2, both published; its id. */
export async function planOfTwoVersions(
  harness: ConsoleHarness,
  plan: { code: string; name: string },
  amounts: readonly [string, string],
): Promise<string> {
  const planId = await publishedPlan(harness, plan, monthlyFee(amounts[0], "in_advance"));
  await harness.api("POST", `/v1/plans/${planId}/versions`, {
    currency: "USD",
    interval: "month",
    charges: monthlyFee(amounts[1], "in_advance"),
  });
  await harness.api("POST", `/v1/plans/${planId}/versions/2/publish`, {});
  return planId;
}

/** A USD plan billed monthly with these charges, its version 1 published; its id. */
export async function publishedPlan(
  harness: ConsoleHarness,
  plan: { code: string; name: string },
  charges: readonly unknown[],
): Promise<string> {
  const created = (await harness.api("POST", "/v1/plans", {
    ...plan,
    version: { currency: "USD", interval: "month", charges },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${created.id}/versions/1/publish`, {});
  return created.id;
}

/** One fixed fee a month (charge id "base"), in advance or, by the API's default, in arrears. */
export function monthlyFee(amount: string, timing?: "in_advance" | "in_arrears"): unknown[] {
  return [{ id: "base", type: "fixed", amount, ...(timing === undefined ? {} : { timing }) }];
}

/** A customer of each name (its external id too), subscribed to version 1 of the plan; their ids in order. */
export async function subscribedCustomers(
  harness: ConsoleHarness,
  planId: string,
  names: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const customer = (await harness.api("POST", "/v1/customers", { external_id: name, name })) as {
      id: string;
    };
    await harness.api("POST", "/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: planId,
      plan_version: 1,
    });
    ids.push(customer.id);
  }
  return ids;
}
