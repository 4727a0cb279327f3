// Contract amendments through the API, on the test clock, every figure worked
// by hand. The plan "metered" (calendar months, UTC): platform 1,000.00 a
// month in advance, api 0.10 a call in arrears. A contract from 1 January
// 2030 to 1 January 2031 around a subscription on it.
import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { expectCreated, expectOk, expectRefusedAt } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = appForFile();
let tenant: TestTenant;
let planId: string;

const start = "2030-01-01T00:00:00.000Z";
const end = "2031-01-01T00:00:00.000Z";

/** A tenant of its own (its own test clock) with the plans, its clock at the contracts' start. */
async function tenantWithPlans(name: string): Promise<void> {
  tenant = await suite.testApp.newTenant(name);
  await createSumMeter(tenant.admin, "api_calls", "calls");
  planId = (
    await createPlan(tenant.admin, {
      code: "metered",
      version: {
        charges: [
          { id: "platform", type: "fixed", amount: "1000.00", timing: "in_advance" },
          { id: "api", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.10" },
        ],
      },
    })
  ).id;
  await createPlan(tenant.admin, {
    code: "metered_plus",
    version: {
      charges: [{ id: "platform", type: "fixed", amount: "1500.00", timing: "in_advance" }],
    },
  });
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(tenant.admin, start);
}

type Customer = { customerId: string; externalId: string; subscriptionId: string };

async function subscribedCustomer(): Promise<Customer> {
  const { customer, subscription } = await subscribeNewCustomer(tenant.admin, planId, {
    customer: { currency: "USD" },
    subscription: { start_at: start, billing: "calendar" },
  });
  return { customerId: customer.id, externalId: customer.external_id, subscriptionId: subscription.id };
}

async function contractAround(customer: Customer, fields: Record<string, unknown> = {}): Promise<string> {
  const contract = await expectCreated(
    tenant.admin.post("/v1/contracts", {
      customer_id: customer.customerId,
      subscription_id: customer.subscriptionId,
      start,
      end,
      ...fields,
    }),
  );
  return contract.id;
}

async function invoicesOf(customerId: string) {
  const page = await expectOk(tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
  return [...page.data].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
}

/** Each invoice as its issue date, its lines (charge and amount) and its total. */
async function invoiceFigures(customerId: string) {
  return (await invoicesOf(customerId)).map((invoice) => ({
    issued: invoice.issued_at.slice(0, 10),
    lines: invoice.lines.map(
      (line: { charge_id: string; amount: string }) => `${line.charge_id} ${line.amount}`,
    ),
    total: invoice.total,
  }));
}

async function calls(customer: Customer, id: string, at: string, count: number) {
  await ingestEvents(tenant.admin, [
    {
      id: `${customer.externalId}-${id}`,
      customer: customer.externalId,
      name: "calls",
      timestamp: at,
      properties: { n: count },
    },
  ]);
}

describe("POST /v1/contracts/{id}/amendments", () => {
  let customer: Customer;
  let contractId: string;

  beforeAll(async () => {
    await tenantWithPlans("Amended prices");
    customer = await subscribedCustomer();
    contractId = await contractAround(customer);
    await advanceTestClock(tenant.admin, "2030-02-10T00:00:00Z");
    await calls(customer, "feb", "2030-02-10T00:00:00Z", 1000);
    await advanceTestClock(tenant.admin, "2030-03-10T00:00:00Z");
    await calls(customer, "mar-1", "2030-03-10T00:00:00Z", 1000);
  });

  it("refuses an effective date in a period already invoiced, naming the field (422)", async () => {
    const response = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-02-15T00:00:00Z",
      changes: [{ type: "set_rate", entry: { plan: "metered", charge: "api", unit_price: "0.05" } }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.code).toBe("amendment_refused");
    expect(response.body.errors[0].path).toBe("$.effective_at");
    expect(response.body.errors[0].message).toContain("invoiced through 2030-03-01T00:00:00.000Z");
    const beforeStart = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2029-12-01T00:00:00Z",
      changes: [{ type: "change_term", renewal: "auto" }],
    });
    expect(beforeStart.status).toBe(422);
    expect(beforeStart.body.errors[0].path).toBe("$.effective_at");
    const phaseInPast = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-03-15T00:00:00Z",
      changes: [{ type: "add_phase", start: "2030-03-05T00:00:00Z", plan: "metered_plus" }],
    });
    expect(phaseInPast.status).toBe(422);
    expect(phaseInPast.body.errors[0].path).toBe("$.changes[0].start");
    const unknownCharge = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-03-15T00:00:00Z",
      changes: [{ type: "set_rate", entry: { plan: "metered", charge: "seats", unit_price: "1.00" } }],
    });
    expectRefusedAt(unknownCharge, "$.changes[0].entry.charge");
  });

  it("changes the prices of the invoices after effective_at, and not those before", async () => {
    const amended = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-03-15T00:00:00Z",
      reason: "Renegotiated at the QBR",
      changes: [
        { type: "set_rate", entry: { plan: "metered", charge: "api", unit_price: "0.05" } },
        { type: "set_rate", entry: { plan: "metered", charge: "platform", amount: "800.00" } },
      ],
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    expect(amended.body.contract.version).toBe(2);
    expect(amended.body.amendment).toMatchObject({
      version: 2,
      effective_at: "2030-03-15T00:00:00.000Z",
      reason: "Renegotiated at the QBR",
      described: [
        "Negotiated price of metered/api set to unit_price 0.05 from 2030-03-15T00:00:00.000Z (was the plan's list price)",
        "Negotiated price of metered/platform set to amount 800.00 from 2030-03-15T00:00:00.000Z (was the plan's list price)",
      ],
      terms_before: { start, end },
    });
    expect(amended.body.amendment.terms_after.rate_card).toHaveLength(2);
    await advanceTestClock(tenant.admin, "2030-03-20T00:00:00Z");
    await calls(customer, "mar-2", "2030-03-20T00:00:00Z", 1000);
    await advanceTestClock(tenant.admin, "2030-04-10T00:00:00Z");
    await calls(customer, "apr", "2030-04-10T00:00:00Z", 2000);
    await advanceTestClock(tenant.admin, "2030-05-01T00:00:01Z");

    // 1 January to 1 March at list: 1,000.00 a month in advance, 1,000 February calls × 0.10 = 100.00.
    // 1 April: March's 2,000 calls at the price in force at March's end, 0.05 (the period cut by
    // effective_at follows its end, V28): 100.00; April's fee at 800.00. 1 May: April's 2,000 calls
    // × 0.05 = 100.00, May's fee 800.00. March's fee, invoiced on 1 March, stays 1,000.00.
    expect(await invoiceFigures(customer.customerId)).toEqual([
      { issued: "2030-01-01", lines: ["platform 1000.00"], total: "1000.00" },
      { issued: "2030-02-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-03-01", lines: ["api 100.00", "platform 1000.00"], total: "1100.00" },
      { issued: "2030-04-01", lines: ["api 100.00", "platform 800.00"], total: "900.00" },
      { issued: "2030-05-01", lines: ["api 100.00", "platform 800.00"], total: "900.00" },
    ]);

    const contract = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}`));
    expect(contract).toMatchObject({ version: 2, subscription_ids: [customer.subscriptionId] });
    const listed = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}/amendments`));
    expect(listed.data.map((amendment: { version: number }) => amendment.version)).toEqual([2]);
    expect(await auditTrailOf(suite.testApp.handle.database, contractId)).toEqual([
      { action: "contract.created", reason: null },
      { action: "contract.amended", reason: "Renegotiated at the QBR" },
    ]);
  });
});

describe("prepaid commit amendments", () => {
  let customer: Customer;
  let contractId: string;

  beforeAll(async () => {
    await tenantWithPlans("Amended commits");
    customer = await subscribedCustomer();
    contractId = await contractAround(customer, {
      commits: [{ id: "prepaid", type: "prepaid", amount: "500.00", applies_to: ["usage"] }],
    });
    await advanceTestClock(tenant.admin, "2030-02-10T00:00:00Z");
    await calls(customer, "feb", "2030-02-10T00:00:00Z", 1000);
    await advanceTestClock(tenant.admin, "2030-03-10T00:00:00Z");
  });

  it("grows a commit, invoicing the difference on the next invoice, and never below what was drawn", async () => {
    // 1 March: February's 1,000 calls × 0.10 = 100.00, paid by the commit: 100.00 drawn, 400.00 left.
    const refused = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-03-10T00:00:00Z",
      changes: [
        {
          type: "set_commit",
          commit: { id: "prepaid", type: "prepaid", amount: "50.00", applies_to: ["usage"] },
        },
      ],
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        path: "$.changes[0].commit.amount",
        message:
          "cannot be reduced below what is already drawn: 100.00 of commit prepaid is drawn this term, so its amount must be at least 100.00",
      },
    ]);
    const grown = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-03-10T00:00:00Z",
      changes: [
        {
          type: "set_commit",
          commit: { id: "prepaid", type: "prepaid", amount: "800.00", applies_to: ["usage"] },
        },
      ],
    });
    expect(grown.status, JSON.stringify(grown.body)).toBe(201);
    expect(grown.body.amendment.described).toEqual([
      "Commit prepaid amount changed from 500.00 to 800.00 from 2030-03-10T00:00:00.000Z",
    ]);
    await calls(customer, "mar", "2030-03-10T00:00:00Z", 5000);
    await advanceTestClock(tenant.admin, "2030-04-01T00:00:01Z");

    // 1 April: March's 5,000 calls = 500.00, April's fee 1,000.00, the commit's 300.00 more; the commit
    // (400.00 + 300.00 = 700.00 left) pays the 500.00 of usage: total 1,800.00 − 500.00 = 1,300.00.
    const invoices = await invoicesOf(customer.customerId);
    expect(
      invoices.map((invoice) => [invoice.issued_at.slice(0, 10), invoice.total, invoice.commits]),
    ).toEqual([
      ["2030-01-01", "1500.00", "0.00"],
      ["2030-02-01", "1000.00", "0.00"],
      ["2030-03-01", "1000.00", "100.00"],
      ["2030-04-01", "1300.00", "500.00"],
    ]);
    expect(
      invoices[3].lines.map(
        (line: { charge_id: string; amount: string }) => `${line.charge_id} ${line.amount}`,
      ),
    ).toEqual(["api 500.00", "platform 1000.00", "prepaid 300.00"]);
    const balances = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}/balances`));
    expect(balances.balances[0]).toMatchObject({ granted: "800.00", drawn: "600.00", remaining: "200.00" });
  });
});

describe("amendments and the approval policy", () => {
  it("wait for a second person when the policy's contracts flag says so", async () => {
    await tenantWithPlans("Amendments approved");
    const customer = await subscribedCustomer();
    const contractId = await contractAround(customer);
    const policy = await tenant.admin.get("/v1/catalog/approval-policy");
    await expectOk(
      tenant.admin.patch("/v1/catalog/approval-policy", {
        approval_required_for: { ...policy.body.approval_required_for, contracts: true },
      }),
    );
    const author = await tenant.client("billing_ops");
    const body = {
      effective_at: "2030-06-01T00:00:00Z",
      reason: "Extension signed",
      changes: [{ type: "change_term", end: "2031-07-01T00:00:00Z" }],
    };
    const refused = await author.post(`/v1/contracts/${contractId}/amendments`, body);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.code).toBe("approval_required");
    expect((await expectOk(tenant.admin.get(`/v1/contracts/${contractId}`))).version).toBe(1);
    const pending = await tenant.admin.get("/v1/approval-requests?state=pending&limit=100");
    const request = pending.body.data.find((candidate: { kind: string }) => candidate.kind === "contract");
    expect(request.summary).toContain(`Amend contract ${contractId}`);
    expect((await author.post(`/v1/approval-requests/${request.id}/approve`, {})).status).toBe(403);
    expect((await tenant.admin.post(`/v1/approval-requests/${request.id}/approve`, {})).status).toBe(200);
    const made = await author.post(`/v1/contracts/${contractId}/amendments`, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.contract).toMatchObject({ version: 2, end: "2031-07-01T00:00:00.000Z" });
    expect(made.body.amendment).toMatchObject({
      approval_request_id: request.id,
      described: ["Term end moved from 2031-01-01T00:00:00.000Z to 2031-07-01T00:00:00.000Z"],
      author: { type: "api_key" },
    });
    // One approval, one amendment.
    expect((await author.post(`/v1/contracts/${contractId}/amendments`, body)).status).toBe(409);
  });
});

describe("one prepaid commit drawn by two subscriptions", () => {
  /** The plan "storage" (1.00 a GB a month in arrears) and a customer's second subscription on it. */
  async function storageSubscription(customer: Customer, fields: Record<string, unknown>): Promise<string> {
    const plan = await createPlan(tenant.admin, {
      code: `storage_${customer.externalId.replaceAll(/[^a-z0-9]/gi, "_").toLowerCase()}`,
      version: {
        currency: "USD",
        interval: "month",
        charges: [
          { id: "storage", type: "usage", meter: "storage_gb", model: "per_unit", unit_price: "1.00" },
        ],
      },
    });
    const subscription = await expectCreated(
      tenant.admin.post("/v1/subscriptions", {
        customer_id: customer.customerId,
        plan_id: plan.id,
        ...fields,
      }),
    );
    return subscription.id;
  }

  async function gigabytes(customer: Customer, id: string, at: string, count: number) {
    await ingestEvents(tenant.admin, [
      {
        id: `${customer.externalId}-storage-${id}`,
        customer: customer.externalId,
        name: "storage",
        timestamp: at,
        properties: { n: count },
      },
    ]);
  }

  /** 3,000 calls on 10 January and 10 February, 400 GB on 20 January and 200 GB on 20 February, each on its day. */
  async function useCallsAndStorage(customer: Customer) {
    for (const [day, step] of [
      ["2030-01-10", () => calls(customer, "jan", "2030-01-10T00:00:00Z", 3000)],
      ["2030-01-20", () => gigabytes(customer, "jan", "2030-01-20T00:00:00Z", 400)],
      ["2030-02-10", () => calls(customer, "feb", "2030-02-10T00:00:00Z", 3000)],
      ["2030-02-20", () => gigabytes(customer, "feb", "2030-02-20T00:00:00Z", 200)],
    ] as const) {
      await advanceTestClock(tenant.admin, `${day}T00:00:00Z`);
      await step();
    }
  }

  async function sharedContract(
    secondFields: Record<string, unknown>,
    terms: Record<string, unknown> = {
      commits: [{ id: "prepaid", type: "prepaid", amount: "1000.00", applies_to: ["usage"] }],
    },
  ) {
    const customer = await subscribedCustomer();
    const secondId = await storageSubscription(customer, secondFields);
    const contractId = await contractAround(customer, terms);
    const added = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: start,
      reason: "The storage deal joins the commit",
      changes: [{ type: "add_subscription", subscription_id: secondId }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.contract.subscription_ids).toEqual([customer.subscriptionId, secondId]);
    return { customer, secondId, contractId };
  }

  beforeAll(async () => {
    await tenantWithPlans("Shared commit");
    await createSumMeter(tenant.admin, "storage_gb", "storage");
  });

  it("draws in the order the invoices are finalized, and refuses a subscription held elsewhere", async () => {
    // The contract's subscription bills on the 1st (calendar), the storage one on the 15th (anniversary).
    const { customer, secondId, contractId } = await sharedContract({
      start_at: "2030-01-15T00:00:00Z",
      billing: "anniversary",
    });
    const again = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: start,
      changes: [{ type: "add_subscription", subscription_id: secondId }],
    });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toEqual({
      path: "$.changes[0].subscription_id",
      message: `is already held by contract ${contractId}`,
    });
    await useCallsAndStorage(customer);
    await advanceTestClock(tenant.admin, "2030-03-15T00:00:01Z");

    // 1 Jan: platform 1,000.00 and the commit 1,000.00. 1 Feb: January's 3,000 calls = 300.00, drawn
    // (700.00 left). 15 Feb: the storage period 15 Jan–15 Feb, 400 GB = 400.00, drawn (300.00 left).
    // 1 Mar: February's 3,000 calls = 300.00, drawn (0.00 left). 15 Mar: 200 GB = 200.00, nothing left.
    const invoices = await invoicesOf(customer.customerId);
    expect(
      invoices.map((invoice) => [
        invoice.issued_at.slice(0, 10),
        invoice.subtotal,
        invoice.commits,
        invoice.total,
      ]),
    ).toEqual([
      ["2030-01-01", "2000.00", "0.00", "2000.00"],
      ["2030-02-01", "1300.00", "300.00", "1000.00"],
      ["2030-02-15", "400.00", "400.00", "0.00"],
      ["2030-03-01", "1300.00", "300.00", "1000.00"],
      ["2030-03-15", "200.00", "0.00", "200.00"],
    ]);
    const balances = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}/balances`));
    expect(balances.balances[0]).toMatchObject({ granted: "1000.00", drawn: "1000.00", remaining: "0.00" });
  });

  it("draws for both when both are billed at once, on one invoice of the bill run", async () => {
    await tenantWithPlans("Shared commit, same instants");
    await createSumMeter(tenant.admin, "storage_gb", "storage");
    const { customer, contractId } = await sharedContract({ start_at: start, billing: "calendar" });
    await useCallsAndStorage(customer);
    await advanceTestClock(tenant.admin, "2030-03-01T00:00:01Z");

    // 1 Feb: January's 300.00 of calls and 400.00 of storage, both drawn: 700.00 (300.00 left).
    // 1 Mar: February's 300.00 of calls and 200.00 of storage: 300.00 drawn, 200.00 billed.
    const invoices = await invoicesOf(customer.customerId);
    expect(
      invoices.map((invoice) => [
        invoice.issued_at.slice(0, 10),
        invoice.subscription_ids.length,
        invoice.subtotal,
        invoice.commits,
        invoice.total,
      ]),
    ).toEqual([
      ["2030-01-01", 2, "2000.00", "0.00", "2000.00"],
      ["2030-02-01", 2, "1700.00", "700.00", "1000.00"],
      ["2030-03-01", 2, "1500.00", "300.00", "1200.00"],
    ]);
    const balances = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}/balances`));
    expect(balances.balances[0]).toMatchObject({ drawn: "1000.00", remaining: "0.00" });
  });

  it("trues up a postpaid commit against the spend of both", async () => {
    await tenantWithPlans("Shared postpaid commit");
    await createSumMeter(tenant.admin, "storage_gb", "storage");
    const { customer } = await sharedContract(
      { start_at: start, billing: "calendar" },
      { end: "2030-04-01T00:00:00Z", commits: [{ id: "minimum", type: "postpaid", amount: "5000.00" }] },
    );
    for (const [month, gigabytesUsed] of [
      ["01", 400],
      ["02", 300],
      ["03", 200],
    ] as const) {
      await advanceTestClock(tenant.admin, `2030-${month}-20T00:00:00Z`);
      await gigabytes(customer, month, `2030-${month}-20T00:00:00Z`, gigabytesUsed);
    }
    await advanceTestClock(tenant.admin, "2030-04-01T00:00:01Z");

    // The term (January to March) spent 3 × 1,000.00 of platform and 400 + 300 + 200 GB of storage
    // (900.00): 3,900.00, so the minimum of 5,000.00 is trued up by 1,100.00 on 1 April, beside
    // March's 200.00 of storage (the contract's subscription alone spent 3,000.00: 2,000.00 would be wrong).
    const invoices = await invoicesOf(customer.customerId);
    expect(invoices.map((invoice) => [invoice.issued_at.slice(0, 10), invoice.total])).toEqual([
      ["2030-01-01", "1000.00"],
      ["2030-02-01", "1400.00"],
      ["2030-03-01", "1300.00"],
      ["2030-04-01", "1300.00"],
    ]);
    const trueUp = invoices[3].lines.find((line: { kind: string }) => line.kind === "commit_true_up");
    expect(trueUp).toMatchObject({ charge_id: "minimum", amount: "1100.00" });
  });
});

/** The contract's commit lines, each as its term's start and amount. */
async function commitLinesOf(customer: Customer): Promise<string[]> {
  return (await invoicesOf(customer.customerId)).flatMap((invoice) =>
    invoice.lines
      .filter((line: { kind: string }) => line.kind === "commit")
      .map(
        (line: { period_start: string; amount: string }) =>
          `${line.period_start.slice(0, 10)} ${line.amount}`,
      ),
  );
}

/** Each commit balance as its id, term, and what was granted, drawn or trued up, and expired. */
async function balancesOf(contractId: string): Promise<string[]> {
  const { balances } = await expectOk(tenant.admin.get(`/v1/contracts/${contractId}/balances`));
  return balances.map(
    (balance: { id: string; term_start: string; term_end: string; [amount: string]: string }) =>
      `${balance.id} ${balance.term_start.slice(0, 10)}–${balance.term_end.slice(0, 10)} granted ${balance.granted} ${
        balance.type === "prepaid" ? `drawn ${balance.drawn}` : `true_up ${balance.true_up}`
      } expired ${balance.expired}`,
  );
}

describe("stopping the renewal of an auto-renewing contract after it renewed", () => {
  it("ends it at the end of the term in progress, keeping every term already invoiced", async () => {
    // From 1 January to 1 April 2030 in three-month terms, renewing: a prepaid commit of 300.00 for
    // usage and a minimum spend of 3,500.00 per term. Renewed on 1 April and 1 July; on 1 August the
    // customer asks not to renew again.
    await tenantWithPlans("Renewal stopped");
    const customer = await subscribedCustomer();
    const contractId = await contractAround(customer, {
      end: "2030-04-01T00:00:00Z",
      renewal: "auto",
      commits: [
        { id: "prepaid", type: "prepaid", amount: "300.00", applies_to: ["usage"] },
        { id: "minimum", type: "postpaid", amount: "3500.00" },
      ],
    });
    await advanceTestClock(tenant.admin, "2030-08-01T00:00:01Z");
    const stopped = await tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
      effective_at: "2030-08-01T00:00:01Z",
      changes: [{ type: "change_term", renewal: "none" }],
    });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(201);
    expect(stopped.body.contract).toMatchObject({
      version: 2,
      start: "2030-01-01T00:00:00.000Z",
      end: "2030-10-01T00:00:00.000Z",
      renewal: "none",
      first_term_end: "2030-04-01T00:00:00.000Z",
    });
    expect(stopped.body.amendment.described).toEqual([
      "Renewal stopped: the contract ends at the end of the term in progress, 2030-10-01T00:00:00.000Z (its terms keep the first term's length)",
    ]);
    await advanceTestClock(tenant.admin, "2030-08-10T00:00:00Z");
    await calls(customer, "aug", "2030-08-10T00:00:00Z", 1000);
    await advanceTestClock(tenant.admin, "2031-01-01T00:00:01Z");

    // Each term bills its commit of 300.00 at its start and, at its end, trues up the minimum:
    // January to March spent 3 × 1,000.00 of platform (500.00 short), so did April to June; July to
    // September 3,000.00 and August's 1,000 calls × 0.10 = 100.00 (400.00 short). 1 September: the
    // 100.00 of August's calls are drawn from the July term's commit. 1 October: September's calls
    // (none) and the true-up; the subscription ends there, so no platform fee and nothing after.
    expect(await invoiceFigures(customer.customerId)).toEqual([
      { issued: "2030-01-01", lines: ["platform 1000.00", "prepaid 300.00"], total: "1300.00" },
      { issued: "2030-02-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-03-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      {
        issued: "2030-04-01",
        lines: ["api 0.00", "minimum 500.00", "platform 1000.00", "prepaid 300.00"],
        total: "1800.00",
      },
      { issued: "2030-05-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-06-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      {
        issued: "2030-07-01",
        lines: ["api 0.00", "minimum 500.00", "platform 1000.00", "prepaid 300.00"],
        total: "1800.00",
      },
      { issued: "2030-08-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-09-01", lines: ["api 100.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-10-01", lines: ["api 0.00", "minimum 400.00"], total: "400.00" },
    ]);
    expect(await commitLinesOf(customer)).toEqual([
      "2030-01-01 300.00",
      "2030-04-01 300.00",
      "2030-07-01 300.00",
    ]);
    expect(await balancesOf(contractId)).toEqual([
      "prepaid 2030-01-01–2030-04-01 granted 300.00 drawn 0.00 expired 300.00",
      "prepaid 2030-04-01–2030-07-01 granted 300.00 drawn 0.00 expired 300.00",
      "prepaid 2030-07-01–2030-10-01 granted 300.00 drawn 100.00 expired 200.00",
      "minimum 2030-01-01–2030-04-01 granted 0.00 true_up 500.00 expired 0.00",
      "minimum 2030-04-01–2030-07-01 granted 0.00 true_up 500.00 expired 0.00",
      "minimum 2030-07-01–2030-10-01 granted 0.00 true_up 400.00 expired 0.00",
    ]);
  });

  it("ends it at a new end inside the term in progress (cut short) or at a later term's end, and refuses the rest naming the field", async () => {
    await tenantWithPlans("Renewed term moved");
    const customer = await subscribedCustomer();
    const contractId = await contractAround(customer, {
      end: "2030-04-01T00:00:00Z",
      renewal: "auto",
      commits: [{ id: "prepaid", type: "prepaid", amount: "300.00", applies_to: ["usage"] }],
    });
    await advanceTestClock(tenant.admin, "2030-08-01T00:00:01Z");
    const amend = (change: Record<string, unknown>) =>
      tenant.admin.post(`/v1/contracts/${contractId}/amendments`, {
        effective_at: "2030-08-01T00:00:01Z",
        changes: [{ type: "change_term", ...change }],
      });
    const refusals: [Record<string, unknown>, string][] = [
      // Under renewal, `end` is the first term's end: moving it would move every term already invoiced.
      [
        { end: "2030-12-01T00:00:00Z" },
        'the contract renewed on 2030-04-01T00:00:00.000Z: under renewal its end is its first term\'s end, and moving it would move the terms already begun; give renewal "none" with a new end to end the contract there',
      ],
      [
        { end: "2031-01-01T00:00:00Z", renewal: "auto" },
        'the contract renewed on 2030-04-01T00:00:00.000Z: under renewal its end is its first term\'s end, and moving it would move the terms already begun; give renewal "none" with a new end to end the contract there',
      ],
      // A term not begun is not cut short: its commit would be granted in full for part of a term.
      [
        { end: "2030-12-01T00:00:00Z", renewal: "none" },
        "falls inside the term from 2030-10-01T00:00:00.000Z to 2031-01-01T00:00:00.000Z, which has not begun: a renewed contract ends inside the term in progress (from 2030-07-01T00:00:00.000Z to 2030-10-01T00:00:00.000Z) or at the end of a later term",
      ],
      [
        { end: "2030-07-15T00:00:00Z", renewal: "none" },
        "must be after effective_at (2030-08-01T00:00:01.000Z): the term cannot end before the amendment takes effect",
      ],
    ];
    for (const [change, message] of refusals) {
      const refused = await amend(change);
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.code).toBe("amendment_refused");
      expect(refused.body.errors).toEqual([{ path: "$.changes[0].end", message }]);
    }
    expect(await expectOk(tenant.admin.get(`/v1/contracts/${contractId}`))).toMatchObject({
      version: 1,
      end: "2030-04-01T00:00:00.000Z",
      renewal: "auto",
      first_term_end: null,
    });

    // A later term's end: the term from 1 October is the last one.
    const later = await amend({ end: "2031-01-01T00:00:00Z", renewal: "none" });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.contract).toMatchObject({ end: "2031-01-01T00:00:00.000Z", renewal: "none" });
    expect(later.body.amendment.described).toEqual([
      "Term end moved from 2030-04-01T00:00:00.000Z to 2031-01-01T00:00:00.000Z (its terms keep the first term's length)",
      "Renewal changed from auto to none",
    ]);
    // Then 15 September, inside the term in progress: that term is cut short there.
    const cut = await amend({ end: "2030-09-15T00:00:00Z" });
    expect(cut.status, JSON.stringify(cut.body)).toBe(201);
    expect(cut.body.contract).toMatchObject({
      version: 3,
      end: "2030-09-15T00:00:00.000Z",
      renewal: "none",
      first_term_end: "2030-04-01T00:00:00.000Z",
    });
    await advanceTestClock(tenant.admin, "2031-01-01T00:00:01Z");

    // 15 September ends the subscription as an immediate cancellation would: September's fee is given
    // back for the 16 of its 30 days left, 1,000.00 × 16/30 = 533.33. No commit after July's.
    const figures = await invoiceFigures(customer.customerId);
    expect(figures.slice(-3)).toEqual([
      { issued: "2030-08-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-09-01", lines: ["api 0.00", "platform 1000.00"], total: "1000.00" },
      { issued: "2030-09-15", lines: ["api 0.00", "platform -533.33"], total: "-533.33" },
    ]);
    expect(await commitLinesOf(customer)).toEqual([
      "2030-01-01 300.00",
      "2030-04-01 300.00",
      "2030-07-01 300.00",
    ]);
    expect(await balancesOf(contractId)).toEqual([
      "prepaid 2030-01-01–2030-04-01 granted 300.00 drawn 0.00 expired 300.00",
      "prepaid 2030-04-01–2030-07-01 granted 300.00 drawn 0.00 expired 300.00",
      "prepaid 2030-07-01–2030-09-15 granted 300.00 drawn 0.00 expired 300.00",
    ]);
  });
});
