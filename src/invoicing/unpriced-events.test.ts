// A dimensional price with `"default": "reject"` refuses, at ingestion, an
// event of a combination it does not list (issue #14: `model=claude` beside
// priced gpt-4 and gpt-3 was billed nothing without a word), naming the event,
// the charge, the plan and the combination; listed combinations, customers
// without such a subscription and events outside billed segments go through.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "unpriced events" });
let planId: string;

beforeAll(async () => {
  const client = suite.tenant.admin;
  await createMeter(client, {
    code: "tokens",
    name: "Tokens",
    event_name: "completion",
    aggregation: "sum",
    property: "tokens",
  });
  // Written as a scenario writes it: no model of its own, its prices name theirs.
  const plan = await expectCreated(
    client.post<{ id: string }>(
      "/v1/plans",
      aiPlan(
        "ai",
        [
          { match: { model: "gpt-4" }, model: "per_unit", unit_price: "0.03" },
          { match: { model: "gpt-3" }, model: "per_unit", unit_price: "0.01" },
        ],
        "reject",
      ),
    ),
  );
  await expectOk(client.post(`/v1/plans/${plan.id}/versions/1/publish`, {}));
  planId = plan.id;
});

/** The monthly USD plan "AI": tokens on meter `tokens` priced by the event's model, and what to do with a model `prices` does not list. */
function aiPlan(
  code: string,
  prices: Record<string, unknown>[],
  otherwise: "reject" | Record<string, string>,
) {
  return {
    code,
    name: "AI",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "tokens", type: "usage", meter: "tokens", dimensions: ["model"], prices, default: otherwise },
      ],
    },
  };
}

function completion(id: string, customer: string, model: string) {
  return {
    id,
    name: "completion",
    customer,
    timestamp: new Date().toISOString(),
    properties: { model, tokens: 10 },
  };
}

describe("a dimensional price that rejects what it does not list", () => {
  it("refuses an unlisted combination at ingestion, naming charge, plan and combination", async () => {
    const { customer } = await subscribeNewCustomer(suite.tenant.admin, planId);
    const single = await suite.tenant.admin.post(
      "/v1/events",
      completion("claude-1", customer.external_id, "claude"),
    );
    expect(single.status).toBe(400);
    expect(single.body.errors).toEqual([
      { path: "$", message: 'no price in charge "tokens" of plan "ai" for model "claude"' },
    ]);

    const batch = await expectOk(
      suite.tenant.admin.post<{ accepted: number; rejected: { id: string; code: string }[] }>(
        "/v1/events/batch",
        {
          events: [
            completion("gpt-4-1", customer.external_id, "gpt-4"),
            completion("claude-2", customer.external_id, "claude"),
            completion("gpt-3-1", customer.external_id, "gpt-3"),
          ],
        },
      ),
    );
    expect(batch.accepted).toBe(2);
    expect(batch.rejected.map((event) => [event.id, event.code])).toEqual([["claude-2", "no_price"]]);
  });

  it("takes the event of a customer with no subscription on the plan", async () => {
    const customer = await createCustomer(suite.tenant.admin);
    const response = await suite.tenant.admin.post(
      "/v1/events",
      completion("claude-3", customer.external_id, "claude"),
    );
    expect(response.status).toBe(201);
  });

  it("names a price's match that is not one of the charge's dimensions when the plan is written", async () => {
    const response = await suite.tenant.admin.post(
      "/v1/plans",
      aiPlan("ai-bad", [{ match: { model: "gpt-4", region: "eu" }, model: "per_unit", unit_price: "0.03" }], {
        model: "per_unit",
        unit_price: "0.05",
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: "$.version.charges[0].prices[0].match.region",
        message: "is not a dimension of this charge (its dimensions: model)",
      },
    ]);
  });
});
