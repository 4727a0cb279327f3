// Server-side sort of the main lists (`?sort=name`, `?sort=-total`): the
// order asked for across pages of two, ties broken by id the same way (so
// that no row repeats or goes missing between pages), an unknown field
// refused naming `query.sort`, and a cursor refused with another sort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice, createPlan, subscribe } from "../support/builders.ts";
import { readEveryPage } from "../support/paged-lists.ts";
import { expectCreated, expectOk, expectRefusedFields } from "../support/responses.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";

let testApp: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Sorts" }));
});
afterAll(async () => testApp?.close());

/** The rows ordered by `key`, ties by id, ascending or descending: what the API must answer. */
function expectedOrder<Row extends { id: string }>(
  rows: Row[],
  key: (row: Row) => string | number,
  descending: boolean,
): string[] {
  const sign = descending ? -1 : 1;
  return [...rows]
    .sort((first, second) => {
      const [a, b] = [key(first), key(second)];
      if (a !== b) return sign * (a < b ? -1 : 1);
      return sign * (first.id < second.id ? -1 : 1);
    })
    .map((row) => row.id);
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe("sorted lists", () => {
  it("sorts customers by name both ways across pages, ties by id", async () => {
    const names = ["Beta", "Alpha", "Beta", "Gamma", "Alpha"];
    const customers = [];
    for (const name of names) customers.push(await createCustomer(tenant.admin, { name }));
    const byName = (row: { name?: string | null }) => row.name ?? "";
    expect(ids(await readEveryPage(tenant.admin, "/v1/customers?sort=name&limit=2"))).toEqual(
      expectedOrder(customers, byName, false),
    );
    expect(ids(await readEveryPage(tenant.admin, "/v1/customers?sort=-name&limit=2"))).toEqual(
      expectedOrder(customers, byName, true),
    );
  });

  it("sorts invoices by total, ties across pages, and by number with drafts first", async () => {
    const customer = await createCustomer(tenant.admin, { currency: "USD" });
    const totals = ["30.00", "10.00", "30.00", "20.00", "30.00", "5.00"];
    const invoices = [];
    for (const [index, amount] of totals.entries()) {
      invoices.push(
        await createOneOffInvoice(
          tenant.admin,
          customer.id,
          [{ description: "Work", quantity: "1", unit_amount: amount }],
          { finalize: index % 3 !== 0 },
        ),
      );
    }
    const query = `/v1/invoices?customer_id=${customer.id}&limit=2`;
    const descending = await readEveryPage<{ id: string; total: string }>(
      tenant.admin,
      `${query}&sort=-total`,
    );
    expect(ids(descending)).toEqual(expectedOrder(invoices, (row) => Number(row.total), true));
    expect(descending.map((invoice) => invoice.total)).toEqual([
      "30.00",
      "30.00",
      "30.00",
      "20.00",
      "10.00",
      "5.00",
    ]);
    const ascending = await readEveryPage<{ id: string }>(tenant.admin, `${query}&sort=total`);
    expect(ids(ascending)).toEqual(expectedOrder(invoices, (row) => Number(row.total), false));
    const byNumber = await readEveryPage<{ id: string; number: string | null }>(
      tenant.admin,
      `${query}&sort=number`,
    );
    expect(ids(byNumber)).toEqual(expectedOrder(invoices, (row) => row.number ?? "", false));
    expect(byNumber.slice(0, 2).map((invoice) => invoice.number)).toEqual([null, null]);
  });

  it("sorts payments by amount, credit notes by total and subscriptions by start", async () => {
    const customer = await createCustomer(tenant.admin, { currency: "USD" });
    const invoice = await createOneOffInvoice(tenant.admin, customer.id, [
      { description: "Work", quantity: "1", unit_amount: "100.00" },
    ]);
    const payments = [];
    for (const amount of ["7.00", "3.00", "7.00", "1.00"]) {
      payments.push(
        await expectCreated(
          tenant.admin.post<{ id: string; amount: string }>(`/v1/invoices/${invoice.id}/payments`, {
            amount,
            method: "bank_transfer",
          }),
        ),
      );
    }
    const paid = await readEveryPage<{ id: string }>(
      tenant.admin,
      `/v1/payments?customer_id=${customer.id}&sort=-amount&limit=3`,
    );
    expect(ids(paid)).toEqual(expectedOrder(payments, (row) => Number(row.amount), true));

    const notes = [];
    for (const amount of ["4.00", "9.00", "4.00"]) {
      const corrected = await createOneOffInvoice(tenant.admin, customer.id, [
        { description: "Work", quantity: "1", unit_amount: amount },
      ]);
      notes.push(
        await expectCreated(
          tenant.admin.post<{ id: string; total: string }>(`/v1/invoices/${corrected.id}/credit-notes`, {
            reason: "billing_error",
            full: true,
          }),
        ),
      );
    }
    const credited = await readEveryPage<{ id: string }>(
      tenant.admin,
      `/v1/credit-notes?customer_id=${customer.id}&sort=total&limit=2`,
    );
    expect(ids(credited)).toEqual(expectedOrder(notes, (row) => Number(row.total), false));

    const plan = await createPlan(tenant.admin, {
      code: "sorted",
      version: { currency: "USD", charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    });
    const subscriptions = [];
    for (const start of ["2027-03-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-03-01T00:00:00Z"]) {
      const subscriber = await createCustomer(tenant.admin, { currency: "USD" });
      subscriptions.push(
        await subscribe(tenant.admin, { customer_id: subscriber.id, plan_id: plan.id, start_at: start }),
      );
    }
    const started = await readEveryPage<{ id: string }>(
      tenant.admin,
      `/v1/subscriptions?plan_id=${plan.id}&sort=-started_at&limit=2`,
    );
    expect(ids(started)).toEqual(
      expectedOrder(subscriptions, (row) => Date.parse(String(row.started_at)), true),
    );
  });

  it("refuses an unknown sort field and a cursor made for another sort", async () => {
    expect(await expectRefusedFields(tenant.admin.get("/v1/invoices?sort=amount_due"))).toEqual([
      "query.sort",
    ]);
    expect(await expectRefusedFields(tenant.admin.get("/v1/customers?sort=-color"))).toEqual(["query.sort"]);
    const first = await expectOk(
      tenant.admin.get<{ next_cursor: string | null }>("/v1/customers?sort=name&limit=1"),
    );
    expect(first.next_cursor).not.toBeNull();
    const refused = await tenant.admin.get(`/v1/customers?sort=-name&cursor=${first.next_cursor}`);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("sort=name");
    const unsorted = await tenant.admin.get(`/v1/customers?cursor=${first.next_cursor}`);
    expect(unsorted.status).toBe(400);
  });
});
