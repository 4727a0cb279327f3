// The cut-over through the API, on the test clock: two customers and their
// subscriptions imported from CSV on 1 January 2031 (the old system bills
// them), the clock advanced to 1 March with its bill runs issuing nothing for
// them (they wait for the cut-over), a parallel run over
// January and February where the old system billed customer 1's February
// fee at 26.00 instead of 25.00. The checklist starts with what is missing
// (the run's difference, the webhook endpoint), a second person accepts the
// difference (the person who asked for the run may not), a webhook endpoint
// is added, and the checklist turns ok. The switch date is refused before
// that and in the past; set on 1 April, Fairbill bills the imported
// subscriptions from then and not before, and the old system's
// subscriptions are listed for cancellation. Every change is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan } from "../../test/support/builders.ts";
import { runImportJob } from "../../test/support/imports.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({
  allowPrivateTargets: true,
  email: {
    smtpUrl: "smtp://mail.example.com:587",
    emailFrom: "Billing <billing@example.com>",
    dataDirectory: "",
  },
  tenantName: "Cut-over tests",
});

const header =
  "customer_external_id,invoice_number,period_start,period_end,charge_code,description,quantity,unit_price,amount,tax,total";
const months = [
  ["2031-01-01T00:00:00Z", "2031-02-01T00:00:00Z"],
  ["2031-02-01T00:00:00Z", "2031-03-01T00:00:00Z"],
];

/** The old system's invoices: the fixed fee each month, customer 1's February fee billed at 26.00. */
function oldInvoicesCsv(): string {
  const rows = [header];
  for (const customer of [0, 1])
    for (const [month, [start, end]] of months.entries()) {
      const fee = customer === 1 && month === 1 ? "26.00" : "25.00";
      rows.push(
        `cust-${customer},OLD-${customer}-${month + 1},${start},${end},base,Standard,1,${fee},${fee},0.00,${fee}`,
      );
    }
  return `${rows.join("\n")}\n`;
}

function importCsv(object: "customers" | "subscriptions", text: string): Promise<LooseJson> {
  return runImportJob(suite.testApp, suite.tenant.admin, { source: "csv", csv: { object, text } });
}

async function checklistOf(): Promise<Record<string, LooseJson>> {
  const cutOver = await suite.tenant.admin.get("/v1/cut-over");
  expect(cutOver.status, JSON.stringify(cutOver.body)).toBe(200);
  return Object.fromEntries(cutOver.body.checklist.map((entry: LooseJson) => [entry.item, entry]));
}

beforeAll(async () => {
  await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2031-01-01T00:00:00Z" });
  await createPlan(suite.tenant.admin, {
    code: "standard",
    name: "Standard",
    version: { charges: [{ id: "base", type: "fixed", amount: "25.00", timing: "in_arrears" }] },
  });
}, 300_000);

describe("the cut-over", () => {
  let runId: string;

  it("lists what is missing before anything is imported", async () => {
    const checklist = await checklistOf();
    expect(checklist.imports).toMatchObject({ status: "missing", missing_ids: ["none"] });
    expect(checklist.parallel_run).toMatchObject({ status: "missing", missing_ids: ["none"] });
    expect(checklist.payment_methods).toMatchObject({ status: "ok" });
    expect(checklist.payment_methods.detail).toContain("recorded by hand");
    expect(checklist.webhooks).toMatchObject({ status: "missing", missing_count: 1 });
    expect(checklist.emails).toMatchObject({ status: "ok" });
  });

  it("finds the imports clean and the emails configured once the customers are imported", async () => {
    const customers = await importCsv(
      "customers",
      "external_id,name,email,currency\ncust-0,Zero,zero@example.com,USD\ncust-1,One,,USD\n",
    );
    expect(customers).toMatchObject({ status: "completed", created: 2, refused: 0 });
    const subscriptions = await importCsv(
      "subscriptions",
      "external_id,customer_external_id,plan_code,start_at\nold-sub-0,cust-0,standard,2031-01-01T00:00:00Z\nold-sub-1,cust-1,standard,2031-01-01T00:00:00Z\n",
    );
    expect(subscriptions).toMatchObject({ status: "completed", created: 2, refused: 0 });
    const checklist = await checklistOf();
    expect(checklist.imports).toMatchObject({ status: "ok", missing_count: 0 });
    expect(checklist.imports.detail).toContain("(csv customers, csv subscriptions)");
    // Customer 1 is billed and has no email address.
    expect(checklist.emails).toMatchObject({ status: "missing", missing_count: 1 });
    expect(checklist.emails.missing_ids[0]).toMatch(/^cus_/);
    expect(checklist.emails.detail).toContain("1 customer billed has no email address");
    const updated = await suite.tenant.admin.patch(`/v1/customers/${checklist.emails.missing_ids[0]}`, {
      email: "one@example.com",
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((await checklistOf()).emails).toMatchObject({ status: "ok" });
  });

  it("keeps an import with a refused record from counting as clean until a person resolves it", async () => {
    const refused = await importCsv(
      "customers",
      "external_id,email\ncust-0,zero@example.com\ncust-2,not-an-address\n",
    );
    expect(refused).toMatchObject({ status: "completed", refused: 1 });
    const checklist = await checklistOf();
    expect(checklist.imports).toMatchObject({ status: "missing", missing_ids: [refused.id] });
    expect(checklist.imports.detail).toContain("left 1 refused record unresolved");
    const resolve = (position: number, body: unknown) =>
      suite.tenant.admin.post(`/v1/imports/${refused.id}/records/${position}/resolve`, body);
    const decision = { reason: "cust-2 left before the switch: not needed in Fairbill." };
    expect((await resolve(1, {})).status).toBe(400);
    expect((await resolve(0, decision)).body.code).toBe("import_record_not_refused");
    expect((await resolve(9, decision)).status).toBe(404);
    const resolved = await resolve(1, decision);
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ outcome: "refused", resolution: { reason: decision.reason } });
    expect((await resolve(1, decision)).body.code).toBe("import_record_already_resolved");
    const report = await suite.tenant.admin.get(`/v1/imports/${refused.id}/records?outcome=refused`);
    expect(report.body.data[0].resolution).toMatchObject({ reason: decision.reason });
    expect((await checklistOf()).imports.status).toBe("ok");
  });

  it("issues no invoice for the imported subscriptions while no switch date is set", async () => {
    // The old system bills January and February (due 1 February and 1 March): the bill runs of the
    // advanced clock pass both billing dates and Fairbill issues nothing, not to bill the customers twice.
    const advanced = await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2031-03-01T01:00:00Z" });
    expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
    const invoices = await suite.tenant.admin.get("/v1/invoices?limit=100");
    expect(invoices.body.data).toEqual([]);
  });

  it("needs each difference of the parallel run accepted by a person other than the one who ran it", async () => {
    // The old system billed January and February; Fairbill has billed nothing, and computes what it would have.
    const created = await suite.tenant.admin.post("/v1/parallel-runs", {
      old_invoices_csv: oldInvoicesCsv(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    runId = created.body.id;
    await suite.testApp.runJobs();
    const run = (await suite.tenant.admin.get(`/v1/parallel-runs/${runId}`)).body;
    expect(run).toMatchObject({ status: "completed", invoices: 4, matching: 3, customers_total: 2 });
    const checklist = await checklistOf();
    expect(checklist.parallel_run).toMatchObject({
      status: "missing",
      missing_count: 1,
      missing_ids: ["3.0"],
    });
    const differences = (await suite.tenant.admin.get(`/v1/parallel-runs/${runId}/differences`)).body.data;
    expect(differences).toEqual([
      expect.objectContaining({
        id: "3.0",
        customer_external_id: "cust-1",
        charge_code: "base",
        cause: "price",
        difference: "-1.00",
        acceptance: null,
      }),
    ]);
    const accept = (client: typeof suite.tenant.admin, difference: string, body: unknown) =>
      client.post(`/v1/parallel-runs/${runId}/differences/${difference}/accept`, body);
    const reason = { reason: "The old system overcharged customer 1 in February; refunded there." };
    const own = await accept(suite.tenant.admin, "3.0", reason);
    expect(own.status, JSON.stringify(own.body)).toBe(403);
    expect(own.body.code).toBe("accepter_ran_the_run");
    const second = await suite.tenant.client("billing_ops");
    expect((await accept(second, "3.0", {})).status).toBe(400);
    expect((await accept(second, "3.1", reason)).status).toBe(404);
    expect((await accept(second, "banana", reason)).status).toBe(404);
    const accepted = await accept(second, "3.0", reason);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.acceptance).toMatchObject({ reason: reason.reason });
    const again = await accept(second, "3.0", reason);
    expectProblem(again, 409, "difference_already_accepted");
    expect((await checklistOf()).parallel_run).toMatchObject({ status: "ok", missing_count: 0 });
    const audit = await suite.tenant.admin.get("/v1/audit-events?action=parallel_run.difference_accepted");
    expect(audit.body.data).toHaveLength(1);
  });

  it("refuses the switch date until every item is ok, and in the past", async () => {
    const early = await suite.tenant.admin.post("/v1/cut-over", { switch_at: "2031-04-01T00:00:00Z" });
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.code).toBe("cut_over_not_ready");
    expect(early.body.detail).toContain("Webhook endpoints configured");
    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: "http://127.0.0.1:9/fairbill-events",
      event_types: ["*"],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const ready = await suite.tenant.admin.get("/v1/cut-over");
    expect(ready.body.ready, JSON.stringify(ready.body.checklist)).toBe(true);
    expect(ready.body.switch).toBeNull();
    const past = await suite.tenant.admin.post("/v1/cut-over", { switch_at: "2031-02-15T00:00:00Z" });
    expectRefusedAt(past, "$.switch_at");
  });

  it("bills the imported subscriptions from the switch date, not before, and lists the old ones to cancel", async () => {
    const set = await suite.tenant.admin.post("/v1/cut-over", {
      switch_at: "2031-04-01T00:00:00Z",
      reason: "Parallel run accepted",
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.body.switch).toMatchObject({ switch_at: "2031-04-01T00:00:00.000Z", subscriptions_moved: 2 });
    expect(
      set.body.old_subscriptions_to_cancel.map((entry: LooseJson) => [entry.source, entry.external_id]),
    ).toEqual([
      ["csv", "old-sub-0"],
      ["csv", "old-sub-1"],
    ]);
    const twice = await suite.tenant.admin.post("/v1/cut-over", { switch_at: "2031-05-01T00:00:00Z" });
    expectProblem(twice, 409, "cut_over_already_set");
    const subscription = await suite.tenant.admin.get(
      `/v1/subscriptions/${set.body.old_subscriptions_to_cancel[0].subscription_id}`,
    );
    expect(subscription.body).toMatchObject({
      billed_through: "2031-03-31T23:59:59.999Z",
      next_billing_at: "2031-04-01T00:00:00.000Z",
    });
    // February and March were the old system's: Fairbill's first invoice is dated on the switch date.
    const advanced = await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2031-04-01T01:00:00Z" });
    expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
    const invoices = await suite.tenant.admin.get("/v1/invoices?limit=100");
    expect(invoices.body.data.map((invoice: LooseJson) => invoice.issued_at)).toEqual([
      "2031-04-01T00:00:00.000Z",
      "2031-04-01T00:00:00.000Z",
    ]);
    const audit = await suite.tenant.admin.get("/v1/audit-events?action=cut_over.set");
    expect(audit.body.data[0]).toMatchObject({ object_type: "cut_over" });
  });
});
