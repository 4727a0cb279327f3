// An enterprise deal in a real Chromium, from the plan to the upcoming invoice
// (issue #14's console story). A billing operator writes a plan in the plan
// editor: a seat fee with a quantity's bounds, and an AI token charge priced
// by model × region (a per-unit price for gpt-4 in eu, graduated tiers for
// gpt-4 in us, a default price for every other combination), after the
// console named a default price left empty. The customer is subscribed with
// 25 seats through the subscription form, tokens arrive, and the operator
// builds a contract around the subscription: a year's term, a ramp to a
// second plan on 1 July and a prepaid commit of 1,200.00 in four instalments.
// The upcoming invoice prices all of it.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, settled, signIn, startConsoleHarness } from "./browser-harness.ts";

// Plans are published in real time, so the test clock runs in a year to come.
const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let customerId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "tokens",
    name: "AI tokens",
    event_name: "llm_call",
    aggregation: "sum",
    property: "tokens",
  });
  const plus = (await harness.api("POST", "/v1/plans", {
    code: "team_plus",
    name: "Team Plus",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "seats", type: "fixed", amount: "28.00", min_quantity: 1, max_quantity: 500 },
        { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "0.004" },
      ],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plus.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "deal-initech",
    name: "Deal Initech",
    currency: "USD",
    timezone: "UTC",
  })) as { id: string };
  customerId = customer.id;
  const operatorKey = await harness.newKey("billing_ops", "Deal desk");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/plans/new");
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

function group(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByRole("group", { name, exact: true });
}

describe("an enterprise deal in the console", () => {
  it("writes a plan with a seat fee and a price by model × region with a default", async () => {
    await heading(operator, "New plan");
    await settled(operator);
    await operator.getByLabel("Plan code").fill("team");
    await operator.getByLabel("Plan name").fill("Team");

    await operator.getByRole("button", { name: "Add a fixed fee" }).click();
    const seats = group(operator, /^Charge 1/);
    await seats.getByLabel("Charge id").fill("seats");
    await seats.getByLabel("Amount").fill("30.00");
    await seats.getByLabel("Minimum quantity").fill("1");
    await seats.getByLabel("Maximum quantity").fill("500");

    await operator.getByRole("button", { name: "Add a usage charge" }).click();
    await group(operator, /^Charge 2/)
      .getByLabel("Charge id")
      .fill("tokens");
    const tokens = group(operator, "Charge 2: tokens");
    await tokens.getByLabel("Meter").selectOption("tokens");
    await tokens.getByLabel("Pricing model").selectOption("dimensional");
    await tokens.getByRole("textbox", { name: /^First dimension/ }).fill("model");
    await tokens.getByRole("button", { name: "Add a second dimension" }).click();
    await tokens.getByRole("textbox", { name: /^Second dimension/ }).fill("region");

    const first = group(tokens, "Combination 1");
    await first.getByLabel("Value of model").fill("gpt-4");
    await first.getByLabel("Value of region").fill("eu");
    await first.getByLabel("Unit price").fill("0.002");

    // A combination added and removed again leaves the others as they were.
    await tokens.getByRole("button", { name: "Add a combination" }).click();
    await tokens.getByRole("button", { name: "Add a combination" }).click();
    await group(tokens, "Combination 3").getByLabel("Value of model").fill("gpt-3");
    await tokens.getByRole("button", { name: "Remove combination 3 of tokens" }).click();
    expect(await group(tokens, "Combination 3").count()).toBe(0);

    const second = group(tokens, "Combination 2");
    await second.getByLabel("Value of model").fill("gpt-4");
    await second.getByLabel("Value of region").fill("us");
    await second.getByLabel("Pricing model").selectOption("graduated");
    await second.getByRole("button", { name: /Add a tier/ }).click();
    await second.getByLabel("Tier 1 up to").fill("1000");
    await second.getByLabel("Tier 1 unit price").fill("0.001");
    await second.getByLabel("Tier 2 unit price").fill("0.0005");

    // Every other combination at a default price, which is still empty: the console names it.
    const others = group(tokens, "Other combinations of tokens");
    expect(await others.getByLabel("Combinations not listed").inputValue()).toBe("default");
    await operator.getByLabel("Reason for the change").fill("Enterprise AI pricing");
    await operator.getByRole("button", { name: "Create plan" }).click();
    const defaultPrice = others.getByLabel("Unit price");
    await expect.poll(() => defaultPrice.getAttribute("aria-invalid")).toBe("true");
    await defaultPrice.fill("0.005");
    await operator.getByRole("button", { name: "Create plan" }).click();

    await heading(operator, /Team/);
    await operator.getByRole("main").getByText("Draft", { exact: true }).first().waitFor();
    const charges = operator.getByRole("region", { name: "Charges table" });
    await charges.getByText("by model × region: 2 prices, others at the default price").waitFor();

    // The version the console wrote is the API's dimensional charge, as written by hand.
    const plans = (await harness.api("GET", "/v1/plans")) as { data: { id: string; code: string }[] };
    const team = plans.data.find((plan) => plan.code === "team");
    const version = (await harness.api("GET", `/v1/plans/${team?.id}/versions/1`)) as {
      charges: unknown[];
    };
    expect(version.charges).toEqual([
      expect.objectContaining({
        id: "seats",
        type: "fixed",
        amount: "30.00",
        min_quantity: 1,
        max_quantity: 500,
      }),
      {
        id: "tokens",
        type: "usage",
        meter: "tokens",
        model: "dimensional",
        dimensions: ["model", "region"],
        prices: [
          { match: { model: "gpt-4", region: "eu" }, model: "per_unit", unit_price: "0.002" },
          {
            match: { model: "gpt-4", region: "us" },
            model: "graduated",
            tiers: [
              { up_to: "1000", unit_price: "0.001" },
              { up_to: null, unit_price: "0.0005" },
            ],
          },
        ],
        default: { model: "per_unit", unit_price: "0.005" },
      },
    ]);
    await harness.api("POST", `/v1/plans/${team?.id}/versions/1/publish`, {});
  });

  it("subscribes the customer with 25 seats, and tokens arrive", async () => {
    await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-01-15T00:00:00Z` });
    await operator.goto(`${harness.baseUrl}/subscriptions/new?customer_id=${customerId}`);
    await heading(operator, "New subscription");
    await settled(operator);
    await operator.getByLabel("Plan", { exact: true }).selectOption({ label: "Team (team)" });
    await operator.getByLabel("Start").fill(`${year}-01-01T00:00`);
    await operator.getByLabel("Periods").selectOption("calendar");
    const seats = operator.getByLabel("Quantity of seats");
    await seats.fill("501");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    // The plan allows 1 to 500 seats: the API refuses 501 beside its input.
    await expect.poll(() => seats.getAttribute("aria-invalid")).toBe("true");
    await seats.fill("25");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    await heading(operator, "team for Deal Initech");

    const batch = (await harness.api("POST", "/v1/events/batch", {
      events: [
        { model: "gpt-4", region: "eu", tokens: 1000 },
        { model: "gpt-4", region: "us", tokens: 2000 },
        { model: "claude", region: "eu", tokens: 100 },
      ].map((properties, index) => ({
        id: `deal-tokens-${index}`,
        customer: "deal-initech",
        name: "llm_call",
        timestamp: `${year}-01-10T12:00:00Z`,
        properties,
      })),
    })) as { accepted: number };
    expect(batch.accepted).toBe(3);
  });

  it("builds a contract with a two-phase ramp and a prepaid commit, and sees it all priced", async () => {
    const subscriptions = (await harness.api("GET", `/v1/subscriptions?customer_id=${customerId}`)) as {
      data: { id: string }[];
    };
    const subscriptionId = subscriptions.data[0]?.id ?? "";
    await operator.getByRole("navigation").getByRole("link", { name: "Contracts" }).click();
    await heading(operator, "Contracts");
    await settled(operator);
    await operator.getByLabel("Customer").selectOption(customerId);
    await operator.getByLabel("Subscription").selectOption(subscriptionId);
    await operator.getByLabel("Term start").fill(`${year}-01-01T00:00`);
    await operator.getByLabel("Term end").fill(`${year + 1}-01-01T00:00`);
    await operator.getByLabel("Ramp to plan").selectOption("team_plus");
    await operator.getByLabel("Ramp at").fill(`${year}-07-01T00:00`);
    await operator.getByLabel("Prepaid commit").fill("1200.00");
    await operator.getByLabel("Instalments").fill("4");
    await operator.getByRole("button", { name: "Create contract" }).click();

    const upcoming = operator.getByRole("region", { name: "Upcoming invoice", exact: true });
    const lines = upcoming.getByRole("region", { name: "Upcoming invoice lines" });
    await lines.waitFor();
    // February's invoice: January's tokens by combination, February's 25 seats in advance,
    // the commit's second monthly instalment (1,200.00 / 4); the commit pays 750.00 + 4.00.
    const row = (name: RegExp) => lines.getByRole("row", { name });
    expect(await row(/Combination model gpt-4, region eu/).textContent()).toContain("1,000$2.00");
    const graduated = await row(/Combination model gpt-4, region us/).textContent();
    expect(graduated).toContain("2,000$1.50");
    expect(graduated).toContain("Tier 2 (1,000 and above): 1,000 × $0.0005 = $0.50");
    expect(
      await row(/Combination model claude, region eu: not listed, priced at the default/).textContent(),
    ).toContain("100$0.50");
    expect(await row(/^seats/).textContent()).toContain("25$750.00");
    expect(await row(/instalment 2 of 4 of a commitment of \$1,200\.00/).textContent()).toContain("$300.00");
    await upcoming.getByText("subtotal $1,054.00, paid by commits $754.00", { exact: false }).waitFor();
    await upcoming.getByText("$300.00 due").waitFor();
    expect(await lines.getByRole("row", { name: /^Commits/ }).textContent()).toContain("-$754.00");

    // The ramp's second phase is the contract's, from 1 July.
    await operator
      .getByRole("region", { name: "Contracts" })
      .getByRole("cell", { name: "team → team_plus" })
      .waitFor();
    const contracts = (await harness.api("GET", "/v1/contracts")) as {
      data: { phases: { start: string; plan: string }[] }[];
    };
    expect(contracts.data[0]?.phases).toEqual([
      expect.objectContaining({ start: `${year}-01-01T00:00:00.000Z`, plan: "team" }),
      expect.objectContaining({ start: `${year}-07-01T00:00:00.000Z`, plan: "team_plus" }),
    ]);
    await harness.screenshot(operator, "enterprise-deal");
  });
});
