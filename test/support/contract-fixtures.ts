// The enterprise contract the finance tests work out by hand, named once
// (contract-revenue.test.ts, contract-closed-months.test.ts): a monthly
// calendar plan billed in advance (platform 2,000.00, standalone 2,500.00;
// support 1,000.00, standalone 900.00; tokens at 1.00) and a contract from
// 1 January 2030 with support at 50% off and a prepaid commit drawn by usage.
import type { Customer, Plan, UsageEventBody } from "./api-types.ts";
import { createPlan, createSumMeter, subscribeNewCustomer } from "./builders.ts";
import { setStandaloneSellingPrice } from "./finance-steps.ts";
import { expectCreated, expectOk } from "./responses.ts";
import type { ApiClient, TestTenant } from "./test-app.ts";

/** When the enterprise contracts start: 1 January 2030, UTC. */
export const contractStart = "2030-01-01T00:00:00Z";

/** The products platform and support, the meter `tokens`, the plan `enterprise` and the two standalone selling prices. */
async function createEnterpriseCatalog(client: ApiClient): Promise<Plan> {
  await expectCreated(client.post("/v1/products", { code: "platform", name: "Platform" }));
  await expectCreated(client.post("/v1/products", { code: "support", name: "Premium support" }));
  await createSumMeter(client, "tokens", "tokens");
  const plan = await createPlan(client, {
    code: "enterprise",
    version: {
      charges: [
        { id: "platform", type: "fixed", amount: "2000.00", timing: "in_advance", product: "platform" },
        { id: "support", type: "fixed", amount: "1000.00", timing: "in_advance", product: "support" },
        { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "1.00" },
      ],
    },
  });
  for (const [product, amount] of [
    ["platform", "2500.00"],
    ["support", "900.00"],
  ] as const) {
    await setStandaloneSellingPrice(client, { product, currency: "USD", amount });
  }
  return plan;
}

/** Makes the tenant keep its books in UTC and sell the enterprise catalog; returns its plan. */
export async function sellEnterpriseContracts(tenant: TestTenant): Promise<Plan> {
  await expectOk(tenant.admin.put("/v1/finance-settings", { timezone: "UTC" }));
  return createEnterpriseCatalog(tenant.admin);
}

/** A new USD customer on the enterprise plan from the contracts' start, under a contract until `end` with a prepaid commit of `commit`. */
export async function enterpriseContractCustomer(
  client: ApiClient,
  planId: string,
  terms: { commit: string; end: string },
): Promise<{ customer: Customer; contractId: string }> {
  const { customer, subscription } = await subscribeNewCustomer(client, planId, {
    customer: { currency: "USD" },
    subscription: { start_at: contractStart, billing: "calendar" },
  });
  const contract = await expectCreated(
    client.post<{ id: string }>("/v1/contracts", {
      customer_id: customer.id,
      subscription_id: subscription.id,
      start: contractStart,
      end: terms.end,
      rate_card: [{ plan: "enterprise", charge: "support", discount_percent: "50" }],
      commits: [{ id: "prepaid", type: "prepaid", amount: terms.commit, applies_to: ["usage"] }],
    }),
  );
  return { customer, contractId: contract.id };
}

/** A customer's `tokens` used on the 10th of a month of 2030 ("01" to "12"), the event named `${prefix}-${month}`. */
export function tokensUsed(
  prefix: string,
  customerExternalId: string,
  month: string,
  tokens: number,
): UsageEventBody {
  return {
    id: `${prefix}-${month}`,
    customer: customerExternalId,
    name: "tokens",
    timestamp: `2030-${month}-10T00:00:00Z`,
    properties: { n: tokens },
  };
}

type JournalLine = {
  account_role: string;
  debit: string;
  credit: string;
  product: string | null;
  customer_id: string;
};

/** A customer's lines of the month's general journal, as "account debit credit product", and whether the month balances. */
export async function customerJournal(client: ApiClient, period: string, customerId: string) {
  const journal = await expectOk(client.get(`/v1/journal?period=${period}`));
  return {
    balanced: journal.balanced as boolean,
    lines: (journal.lines as JournalLine[])
      .filter((line) => line.customer_id === customerId)
      .map(
        (line) => `${line.account_role} ${line.debit || "-"} ${line.credit || "-"} ${line.product ?? "-"}`,
      ),
  };
}

type JournalMonth = {
  month: string;
  invoiced: string;
  recognized: string;
  deferred_revenue: string;
  unbilled_receivables: string;
  balanced: boolean;
};

/** A contract's journal by month (its revenue schedule's `journal`), a month a line: "month invoiced recognized deferred unbilled balanced". */
export function journalTotals(journal: JournalMonth[]): string[] {
  return journal.map(
    (month) =>
      `${month.month} ${month.invoiced} ${month.recognized} ${month.deferred_revenue} ${month.unbilled_receivables} ${month.balanced}`,
  );
}

type ScheduleEntry = { month: string; obligation_id: string; kind: string; amount: string };

/** A contract's revenue schedule (GET /v1/contracts/{id}/revenue-schedule), an entry a line: "month obligation kind amount". */
export function scheduleLines(schedule: ScheduleEntry[]): string[] {
  return schedule.map((entry) => `${entry.month} ${entry.obligation_id} ${entry.kind} ${entry.amount}`);
}
