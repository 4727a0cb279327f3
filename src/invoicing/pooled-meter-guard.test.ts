// A pooled meter is never billed twice (issue #21): when a parent's
// subscription pools a meter's usage with its children, a child's own
// subscription that prices the same meter does not bill that usage again.
// The child still bills its other charges.
//
// The hand calculation, January 2030 (calendar months, USD, children billed
// on their own invoices):
//   the parent's group plan: API calls at 0.10, pooled over the parent's
//   200 calls and the child's 700 = 900 calls                         90.00
//   the child's own plan: 25.00 a month in arrears, and API calls at 0.50,
//   which the pool already priced: 0 calls                            25.00
// Without the guard the child's invoice would be 25.00 + 700 × 0.50 = 375.00.
//
// February 2030, a second parent that consolidates its child's billing, the
// same plans: one invoice of the parent, pooled 100 + 400 = 500 calls at 0.10
// = 50.00, and the child's section 25.00 with its calls at 0.00: 75.00 (not
// 75.00 + 400 × 0.50 = 275.00).
import { beforeAll, describe, expect, it } from "vitest";
import type { CustomerBody } from "../../test/support/api-types.ts";
import {
  createCustomer,
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribe,
} from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();
let parent: { id: string; external_id: string };
let child: { id: string; external_id: string };

beforeAll(async () => {
  await createSumMeter(suite.tenant.admin, "calls", "api_call");
  const calls = { id: "calls", type: "usage", meter: "calls", model: "per_unit" } as const;
  const group = await createPlan(suite.tenant.admin, {
    code: "group",
    version: { charges: [{ ...calls, unit_price: "0.10" }] },
  });
  const own = await createPlan(suite.tenant.admin, {
    code: "own",
    version: {
      charges: [
        { id: "base", type: "fixed", amount: "25.00", timing: "in_arrears" },
        { ...calls, unit_price: "0.50" },
      ],
    },
  });
  await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
  ({ parent, child } = await parentPoolingWithChild(
    { parent: "Holding", child: "Branch" },
    { group: group.id, own: own.id },
    "2030-01-01T00:00:00Z",
  ));
}, 180_000); // two plans, two customers and subscriptions through the API on a loaded machine

/**
 * A parent on the group plan pooling its children's calls and a child of it on
 * its own plan, made and subscribed in that order, billed by calendar month from `start`.
 */
async function parentPoolingWithChild(
  names: { parent: string; child: string },
  plans: { group: string; own: string },
  start: string,
  parentFields: Partial<CustomerBody> = {},
) {
  const parent = await createCustomer(suite.tenant.admin, {
    name: names.parent,
    currency: "USD",
    ...parentFields,
  });
  const child = await createCustomer(suite.tenant.admin, {
    name: names.child,
    currency: "USD",
    parent_customer_id: parent.id,
  });
  const billing = { start_at: start, billing: "calendar" } as const;
  await subscribe(suite.tenant.admin, {
    customer_id: parent.id,
    plan_id: plans.group,
    ...billing,
    pool_usage_with_children: true,
  });
  await subscribe(suite.tenant.admin, { customer_id: child.id, plan_id: plans.own, ...billing });
  return { parent, child };
}

/** Moves the test clock to `at` and sends there one event a customer, `<label>-calls`, of that many API calls. */
async function sendCallsAt(
  at: string,
  calls: [label: string, customer: { external_id: string }, count: number][],
) {
  await suite.tenant.admin.post("/v1/test-clock/advance", { to: at });
  await ingestEvents(
    suite.tenant.admin,
    calls.map(([label, customer, count]) => ({
      id: `${label}-calls`,
      customer: customer.external_id,
      name: "api_call",
      timestamp: at,
      properties: { n: count },
    })),
  );
}

describe("a meter pooled on the parent", () => {
  it("is billed once, on the parent, and not again on the child's own subscription", async () => {
    await sendCallsAt("2030-01-10T00:00:00Z", [
      ["parent", parent, 200],
      ["child", child, 700],
    ]);
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-02-01T00:00:01Z" });

    const listed = await suite.tenant.admin.get("/v1/invoices?limit=50");
    expect(listed.status).toBe(200);
    const invoices = listed.body.data as { id: string; customer_id: string }[];
    const invoiceOf = async (customerId: string) => {
      const found = invoices.find((invoice) => invoice.customer_id === customerId);
      return (await suite.tenant.admin.get(`/v1/invoices/${found?.id}`)).body;
    };
    const parentInvoice = await invoiceOf(parent.id);
    expect(parentInvoice.total).toBe("90.00");
    expect(parentInvoice.lines.find((line: { kind: string }) => line.kind === "usage")).toMatchObject({
      quantity: "900",
    });

    const childInvoice = await invoiceOf(child.id);
    expect(childInvoice.total).toBe("25.00");
    const childUsage = childInvoice.lines.filter((line: { kind: string }) => line.kind === "usage");
    expect(childUsage.every((line: { amount: string }) => line.amount === "0.00")).toBe(true);
  });

  it("is billed once on a consolidated invoice too, the child's section billing none of it", async () => {
    const group = (await suite.tenant.admin.get("/v1/plans?limit=10")).body.data as {
      id: string;
      code: string;
    }[];
    const planId = (code: string) => group.find((plan) => plan.code === code)?.id as string;
    const { parent: holding, child: branch } = await parentPoolingWithChild(
      { parent: "Consolidated holding", child: "Consolidated branch" },
      { group: planId("group"), own: planId("own") },
      "2030-02-01T00:00:01Z",
      { child_billing: "consolidated" },
    );
    await sendCallsAt("2030-02-10T00:00:00Z", [
      ["holding", holding, 100],
      ["branch", branch, 400],
    ]);
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-03-01T00:00:02Z" });

    const listed = await suite.tenant.admin.get(`/v1/invoices?customer_id=${holding.id}&limit=10`);
    expect(listed.body.data).toHaveLength(1);
    const invoice = (await suite.tenant.admin.get(`/v1/invoices/${listed.body.data[0].id}`)).body;
    expect(invoice.total).toBe("75.00");
    expect(
      invoice.sections.map((section: { billed_customer: { name: string } | null; subtotal: string }) => [
        section.billed_customer?.name ?? null,
        section.subtotal,
      ]),
    ).toEqual([
      [null, "50.00"],
      ["Consolidated branch", "25.00"],
    ]);
    const branchInvoices = await suite.tenant.admin.get(`/v1/invoices?customer_id=${branch.id}&limit=10`);
    expect(branchInvoices.body.data).toEqual([]);
  });
});
