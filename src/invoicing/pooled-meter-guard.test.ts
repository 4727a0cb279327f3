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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createMeter,
  createPlan,
  ingestEvents,
  subscribe,
} from "../../test/support/builders.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../../test/support/test-app.ts";

let testApp: TestApp;
let tenant: TestTenant;
let parent: { id: string; external_id: string };
let child: { id: string; external_id: string };

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant());
  await createMeter(tenant.admin, {
    code: "calls",
    event_name: "api_call",
    aggregation: "sum",
    property: "n",
  });
  const calls = { id: "calls", type: "usage", meter: "calls", model: "per_unit" } as const;
  const group = await createPlan(tenant.admin, {
    code: "group",
    version: { charges: [{ ...calls, unit_price: "0.10" }] },
  });
  const own = await createPlan(tenant.admin, {
    code: "own",
    version: {
      charges: [
        { id: "base", type: "fixed", amount: "25.00", timing: "in_arrears" },
        { ...calls, unit_price: "0.50" },
      ],
    },
  });
  await tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
  parent = await createCustomer(tenant.admin, { name: "Holding", currency: "USD" });
  child = await createCustomer(tenant.admin, {
    name: "Branch",
    currency: "USD",
    parent_customer_id: parent.id,
  });
  const start = { start_at: "2030-01-01T00:00:00Z", billing: "calendar" } as const;
  await subscribe(tenant.admin, {
    customer_id: parent.id,
    plan_id: group.id,
    ...start,
    pool_usage_with_children: true,
  });
  await subscribe(tenant.admin, { customer_id: child.id, plan_id: own.id, ...start });
}, 180_000); // two plans, two customers and subscriptions through the API on a loaded machine
afterAll(async () => testApp?.close());

describe("a meter pooled on the parent", () => {
  it("is billed once, on the parent, and not again on the child's own subscription", async () => {
    await tenant.admin.post("/v1/test-clock/advance", { to: "2030-01-10T00:00:00Z" });
    await ingestEvents(tenant.admin, [
      {
        id: "parent-calls",
        customer: parent.external_id,
        name: "api_call",
        timestamp: "2030-01-10T00:00:00Z",
        properties: { n: 200 },
      },
      {
        id: "child-calls",
        customer: child.external_id,
        name: "api_call",
        timestamp: "2030-01-10T00:00:00Z",
        properties: { n: 700 },
      },
    ]);
    await tenant.admin.post("/v1/test-clock/advance", { to: "2030-02-01T00:00:01Z" });

    const listed = await tenant.admin.get("/v1/invoices?limit=50");
    expect(listed.status).toBe(200);
    const invoices = listed.body.data as { id: string; customer_id: string }[];
    const invoiceOf = async (customerId: string) => {
      const found = invoices.find((invoice) => invoice.customer_id === customerId);
      return (await tenant.admin.get(`/v1/invoices/${found?.id}`)).body;
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
});
