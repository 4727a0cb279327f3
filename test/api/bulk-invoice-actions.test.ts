// Bulk actions on invoices (finalize drafts, retry payments, send reminders):
// each id acted on by its single route's use case in its own transaction,
// partial success reported per id in the request's order (another tenant's
// invoice is not found for that item and stays as it was), the same answer
// again for a repeated Idempotency-Key with nothing done twice, bad ids named
// by their index, and an audit entry per change. Payments are retried through
// the Stripe provider against the local Stripe server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStripe, startLocalStripe } from "../support/local-stripe-server.ts";
import { expectCreated, expectOk, expectRefusedFields } from "../support/responses.ts";
import { startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";
import { freezeTestClock } from "../support/test-clock-api.ts";

type BulkResult = {
  done: number;
  refused: number;
  results: {
    invoice_id: string;
    outcome: "done" | "refused";
    summary: string | null;
    problem: { status: number; code: string; detail: string } | null;
  }[];
};
type Invoice = { id: string; status: string; number: string | null };

let testApp: TestApp;
let tenant: TestTenant;
let stranger: TestTenant;
let stripe: LocalStripe;

beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateTargets: true });
  tenant = await testApp.newTenant("Bulk");
  stranger = await testApp.newTenant("Stranger");
  stripe = await startLocalStripe();
});
afterAll(async () => {
  await stripe?.close();
  await testApp?.close();
});

let sequence = 0;
async function customer(owner: TestTenant, fields: Record<string, unknown> = {}): Promise<string> {
  sequence += 1;
  const created = await expectCreated(
    owner.admin.post<{ id: string }>("/v1/customers", {
      external_id: `bulk-${sequence}`,
      currency: "USD",
      ...fields,
    }),
  );
  return created.id;
}

async function invoice(owner: TestTenant, customerId: string, finalize: boolean, amount = "40.00") {
  return expectCreated(
    owner.admin.post<Invoice>("/v1/invoices", {
      customer_id: customerId,
      currency: "USD",
      lines: [{ description: "Work", quantity: "1", unit_amount: amount }],
      finalize,
    }),
  );
}

async function read(owner: TestTenant, id: string): Promise<Invoice> {
  return expectOk(owner.admin.get<Invoice>(`/v1/invoices/${id}`));
}

async function auditActions(owner: TestTenant, id: string): Promise<string[]> {
  const page = await expectOk(
    owner.admin.get<{ data: { action: string }[] }>(`/v1/audit-events?object_id=${id}`),
  );
  return page.data.map((entry) => entry.action);
}

describe("bulk finalize", () => {
  it("finalizes the drafts, refuses the rest per id, and leaves another tenant's draft alone", async () => {
    const buyer = await customer(tenant);
    const drafts = [await invoice(tenant, buyer, false), await invoice(tenant, buyer, false)];
    const final = await invoice(tenant, buyer, true);
    const foreign = await invoice(stranger, await customer(stranger), false);
    const ids = [drafts[0]?.id, final.id, foreign.id, drafts[1]?.id, "inv_missing"] as string[];
    const answer = await expectOk(
      tenant.admin.post<BulkResult>("/v1/invoices/bulk-finalize", { invoice_ids: ids }),
    );
    expect(answer.done).toBe(2);
    expect(answer.refused).toBe(3);
    expect(answer.results.map((result) => [result.invoice_id, result.outcome, result.problem?.code])).toEqual(
      [
        [ids[0], "done", undefined],
        [ids[1], "refused", "invoice_not_draft"],
        [ids[2], "refused", "not_found"],
        [ids[3], "done", undefined],
        [ids[4], "refused", "not_found"],
      ],
    );
    expect(answer.results[2]?.problem?.status).toBe(404);
    for (const draft of drafts) {
      const finalized = await read(tenant, draft.id);
      expect(finalized.status).toBe("open");
      expect(answer.results.find((result) => result.invoice_id === draft.id)?.summary).toBe(
        `finalized as ${finalized.number}`,
      );
      expect(await auditActions(tenant, draft.id)).toContain("invoice.finalized");
    }
    expect((await read(stranger, foreign.id)).status).toBe("draft");
  });

  it("answers a repeated Idempotency-Key with the first answer and finalizes nothing twice", async () => {
    const buyer = await customer(tenant);
    const draft = await invoice(tenant, buyer, false);
    const key = { "idempotency-key": `bulk-finalize-${draft.id}` };
    const body = { invoice_ids: [draft.id] };
    const first = await tenant.admin.post<BulkResult>("/v1/invoices/bulk-finalize", body, key);
    expect(first.status).toBe(200);
    expect(first.body.done).toBe(1);
    const again = await tenant.admin.post<BulkResult>("/v1/invoices/bulk-finalize", body, key);
    expect(again.status).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    const finalizations = (await auditActions(tenant, draft.id)).filter(
      (action) => action === "invoice.finalized",
    );
    expect(finalizations).toHaveLength(1);
    // Without the key, a second request finds the invoice final already: refused, not finalized again.
    const fresh = await expectOk(tenant.admin.post<BulkResult>("/v1/invoices/bulk-finalize", body));
    expect(fresh.results[0]?.problem?.code).toBe("invoice_not_draft");
  });

  it("names a bad or repeated id by its index, and refuses an empty or too long list", async () => {
    expect(
      await expectRefusedFields(
        tenant.admin.post("/v1/invoices/bulk-finalize", {
          invoice_ids: ["inv_a", "inv_b", "inv_c", "cus_x"],
        }),
      ),
    ).toEqual(["$.invoice_ids[3]"]);
    expect(
      await expectRefusedFields(
        tenant.admin.post("/v1/invoices/bulk-finalize", { invoice_ids: ["inv_a", "inv_b", "inv_a"] }),
      ),
    ).toEqual(["$.invoice_ids[2]"]);
    expect(
      await expectRefusedFields(tenant.admin.post("/v1/invoices/bulk-finalize", { invoice_ids: [] })),
    ).toEqual(["$.invoice_ids"]);
    const tooMany = Array.from({ length: 101 }, (_, index) => `inv_${index}`);
    expect(
      await expectRefusedFields(tenant.admin.post("/v1/invoices/bulk-collect", { invoice_ids: tooMany })),
    ).toEqual(["$.invoice_ids"]);
  });
});

describe("bulk retry payment", () => {
  it("charges each invoice through Stripe, reports a declined card per invoice, and refuses a paid one", async () => {
    await expectOk(
      tenant.admin.put("/v1/payment-settings", {
        provider: "stripe",
        stripe: {
          secret_key: stripe.secretKey,
          webhook_secret: stripe.webhookSecret,
          api_base_url: stripe.url,
        },
      }),
    );
    const payer = async (paymentMethod: string) => {
      const id = await customer(tenant, { email: `payer${sequence}@example.com` });
      await expectCreated(
        tenant.admin.post(`/v1/customers/${id}/payment-methods`, { payment_method: paymentMethod }),
      );
      return id;
    };
    const good = await invoice(tenant, await payer("pm_card_visa"), true, "25.00");
    const declined = await invoice(tenant, await payer("pm_card_chargeDeclined"), true, "30.00");
    const paid = await invoice(tenant, await customer(tenant), true, "10.00");
    await expectCreated(
      tenant.admin.post(`/v1/invoices/${paid.id}/payments`, { amount: "10.00", method: "bank_transfer" }),
    );
    const answer = await expectOk(
      tenant.admin.post<BulkResult>("/v1/invoices/bulk-collect", {
        invoice_ids: [good.id, declined.id, paid.id],
      }),
    );
    expect(answer.results.map((result) => result.outcome)).toEqual(["done", "done", "refused"]);
    expect(answer.results[0]?.summary).toMatch(/^payment pay_\w+ succeeded$/);
    expect(answer.results[1]?.summary).toMatch(/^payment pay_\w+ failed: /);
    expect(answer.results[2]?.problem).toMatchObject({ status: 409, code: "invoice_not_collected" });
    expect((await read(tenant, good.id)).status).toBe("paid");
    expect((await read(tenant, declined.id)).status).toBe("open");
    const foreign = await invoice(stranger, await customer(stranger), true);
    const across = await expectOk(
      tenant.admin.post<BulkResult>("/v1/invoices/bulk-collect", { invoice_ids: [foreign.id] }),
    );
    expect(across.results[0]?.problem?.code).toBe("not_found");
    await expectOk(tenant.admin.put("/v1/payment-settings", { provider: "manual" }));
  });
});

describe("bulk send reminder", () => {
  it("emails a reminder for each invoice owed, audited, and refuses a draft and a customer without an email address", async () => {
    const withEmail = await customer(tenant, { email: "owes@example.com" });
    const owed = await invoice(tenant, withEmail, true);
    const draft = await invoice(tenant, withEmail, false);
    const silent = await invoice(tenant, await customer(tenant), true);
    const foreign = await invoice(stranger, await customer(stranger, { email: "other@example.com" }), true);
    const answer = await expectOk(
      tenant.admin.post<BulkResult>("/v1/invoices/bulk-send-reminder", {
        invoice_ids: [owed.id, draft.id, silent.id, foreign.id],
      }),
    );
    expect(answer.results.map((result) => [result.outcome, result.problem?.code])).toEqual([
      ["done", undefined],
      ["refused", "invoice_not_owed"],
      ["refused", "customer_without_email"],
      ["refused", "not_found"],
    ]);
    expect(answer.results[0]?.summary).toBe("invoice emailed again (not yet due)");
    expect(await auditActions(tenant, owed.id)).toContain("invoice.reminder_sent");
    expect(await auditActions(tenant, silent.id)).not.toContain("invoice.reminder_sent");
    const emails = await expectOk(tenant.admin.get<{ data: { to: string }[] }>("/v1/emails?limit=100"));
    expect(JSON.stringify(emails.data)).toContain("owes@example.com");
    const single = await expectOk(
      tenant.admin.post<{ template: string; days_overdue: number }>(`/v1/invoices/${owed.id}/send-reminder`),
    );
    expect(single).toMatchObject({ template: "invoice_issued", days_overdue: 0 });
    // Past its due date, the reminder is the dunning reminder with the days overdue.
    const dueAt = (await expectOk(tenant.admin.get<{ due_at: string }>(`/v1/invoices/${owed.id}`))).due_at;
    await freezeTestClock(tenant.admin, new Date(Date.parse(dueAt) + 3 * 86_400_000).toISOString());
    const overdue = await expectOk(
      tenant.admin.post<BulkResult>("/v1/invoices/bulk-send-reminder", { invoice_ids: [owed.id] }),
    );
    expect(overdue.results[0]?.summary).toBe("reminder emailed (3 days overdue)");
  });
});
