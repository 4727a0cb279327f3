// Account hierarchies (issue #21), on the test clock through the API: a parent
// with three children billed consolidated gets one invoice with a section per
// child and none of the children gets an invoice; the parent's plan pools the
// usage of the parent and the children before its graduated tiers.
//
// The hand calculation, January 2030 (calendar months, USD):
//   each child's seat plan: 49.00 a month in arrears      3 × 49.00 =   147.00
//   the parent's group plan: 100.00 a month in arrears                  100.00
//   API calls, graduated: 1–1,000 at 0.10, 1,001–5,000 at 0.05, above at 0.02,
//   pooled: parent 300 + north 800 + south 1,500 + west 2,600 = 5,200 calls
//     1,000 × 0.10 = 100.00; 4,000 × 0.05 = 200.00; 200 × 0.02 = 4.00 =  304.00
//   (each on its own it would be 30.00 + 80.00 + 125.00 + 180.00 = 415.00)
//   the invoice's total                                                  551.00
// Sections: the parent's own 404.00, then north, south and west at 49.00 each.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribe,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();
let parent: { id: string; external_id: string };
const children: { id: string; external_id: string; name: string | null }[] = [];

beforeAll(async () => {
  await createSumMeter(suite.tenant.admin, "calls", "api_call");
  const group = await createPlan(suite.tenant.admin, {
    code: "group",
    version: {
      charges: [
        { id: "platform", type: "fixed", amount: "100.00", timing: "in_arrears" },
        {
          id: "calls",
          type: "usage",
          meter: "calls",
          model: "graduated",
          tiers: [
            { up_to: "1000", unit_price: "0.10" },
            { up_to: "5000", unit_price: "0.05" },
            { up_to: null, unit_price: "0.02" },
          ],
        },
      ],
    },
  });
  const seat = await createPlan(suite.tenant.admin, {
    code: "seat",
    version: { charges: [{ id: "seat", type: "fixed", amount: "49.00", timing: "in_arrears" }] },
  });
  // Plans are published in real time: the test clock runs in a year to come.
  await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
  parent = await createCustomer(suite.tenant.admin, {
    name: "Holding",
    currency: "USD",
    child_billing: "consolidated",
  });
  for (const name of ["North", "South", "West"]) {
    const { customer: child } = await subscribeNewCustomer(suite.tenant.admin, seat.id, {
      customer: { name, currency: "USD", parent_customer_id: parent.id },
      subscription: { start_at: "2030-01-01T00:00:00Z", billing: "calendar" },
    });
    children.push(child);
  }
  await subscribe(suite.tenant.admin, {
    customer_id: parent.id,
    plan_id: group.id,
    start_at: "2030-01-01T00:00:00Z",
    billing: "calendar",
    pool_usage_with_children: true,
  });
}, 180_000); // three plans, four customers and subscriptions through the API on a loaded machine

describe("a parent billed consolidated for three children", () => {
  it("refuses to consolidate under a parent, naming the field", async () => {
    const response = await suite.tenant.admin.patch(`/v1/customers/${children[0]?.id}`, {
      child_billing: "consolidated",
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain("$.child_billing");
  });

  it("issues one invoice with a section per child and the pooled usage priced once", async () => {
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-01-10T00:00:00Z" });
    const used = [
      [parent.external_id, 300],
      [children[0]?.external_id, 800],
      [children[1]?.external_id, 1500],
      [children[2]?.external_id, 2600],
    ] as const;
    await ingestEvents(
      suite.tenant.admin,
      used.map(([customer, n], index) => ({
        id: `calls-${index}`,
        customer: customer as string,
        name: "api_call",
        timestamp: "2030-01-10T00:00:00Z",
        properties: { n },
      })),
    );
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-02-01T00:00:01Z" });

    const invoices = await suite.tenant.admin.get("/v1/invoices?limit=50");
    expect(invoices.status).toBe(200);
    const issued = invoices.body.data as { id: string; customer_id: string; status: string }[];
    // One invoice, the parent's; the children get none of their own.
    expect(issued.map((invoice) => invoice.customer_id)).toEqual([parent.id]);
    const invoice = (await suite.tenant.admin.get(`/v1/invoices/${issued[0]?.id}`)).body;
    expect(invoice.status).toBe("open");
    expect(invoice.number).toMatch(/-000001$/);
    expect(invoice.total).toBe("551.00");

    const usage = invoice.lines.find((line: { kind: string }) => line.kind === "usage");
    expect(usage).toMatchObject({ quantity: "5200", amount: "304.00", billed_customer: null });
    expect(usage.details.pool).toEqual(
      used.map(([, n], index) => ({
        customer_id: index === 0 ? parent.id : children[index - 1]?.id,
        name: index === 0 ? "Holding" : children[index - 1]?.name,
        quantity: String(n),
        event_count: 1,
      })),
    );

    expect(
      invoice.sections.map((section: { billed_customer: { name: string } | null; subtotal: string }) => [
        section.billed_customer?.name ?? null,
        section.subtotal,
      ]),
    ).toEqual([
      [null, "404.00"],
      ["North", "49.00"],
      ["South", "49.00"],
      ["West", "49.00"],
    ]);
    const northSection = invoice.sections[1];
    const northLines = invoice.lines.filter((line: { id: string }) =>
      northSection.line_ids.includes(line.id),
    );
    expect(northLines).toEqual([
      expect.objectContaining({ amount: "49.00", billed_customer: { id: children[0]?.id, name: "North" } }),
    ]);
  });

  it("bills nothing twice when the clock runs on past the issued invoice", async () => {
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-02-01T00:10:00Z" });
    const invoices = await suite.tenant.admin.get("/v1/invoices?limit=50");
    expect(invoices.body.data).toHaveLength(1);
  });
});
