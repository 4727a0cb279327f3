// Credit notes with tax, through the API: the tax of every credit note of an
// invoice adds up to at most the invoice's tax, and a full credit note takes
// exactly what is left of the invoice's total, so rounding the tax once per
// invoice (as the engine does) never makes a full credit note impossible.
import { describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { expectRefusedFields } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";

const suite = appForFile();

type Line = { description: string; quantity: string; unit_amount: string };
type InvoiceBody = {
  id: string;
  subtotal: string;
  tax: string;
  total: string;
  lines: [{ id: string }, { id: string }, ...{ id: string }[]];
};

/** A finalized one-off invoice of `lines` to a customer in a country taxed at `percent`. */
async function taxedInvoice(
  options: { percent: string; inclusive?: boolean; currency?: string },
  lines: Line[],
): Promise<{ tenant: TestTenant; invoice: InvoiceBody }> {
  const tenant = await suite.testApp.newTenant();
  const rate = await tenant.admin.post("/v1/tax-rates", {
    country: "FR",
    name: "TVA",
    percent: options.percent,
    inclusive: options.inclusive ?? false,
  });
  expect(rate.status, JSON.stringify(rate.body)).toBe(201);
  const currency = options.currency ?? "EUR";
  const customer = await createCustomer(tenant.admin, { external_id: "taxed", currency, country: "FR" });
  const invoice = await tenant.admin.post("/v1/invoices", {
    customer_id: customer.id,
    currency,
    lines,
    finalize: true,
  });
  expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
  return { tenant, invoice: invoice.body };
}

const cents = (description: string, amount: string): Line => ({
  description,
  quantity: "1",
  unit_amount: amount,
});

describe("credit notes with tax", () => {
  it("credits an invoice of 0.05 + 0.05 at 10 % in full: its total of 0.11, not 0.12", async () => {
    const { tenant, invoice } = await taxedInvoice({ percent: "10" }, [
      cents("a", "0.05"),
      cents("b", "0.05"),
    ]);
    expect([invoice.subtotal, invoice.tax, invoice.total]).toEqual(["0.10", "0.01", "0.11"]);
    const full = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      full: true,
    });
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    expect([full.body.subtotal, full.body.tax, full.body.total]).toEqual(["0.10", "0.01", "0.11"]);
    expect(full.body.lines.map((line: { amount: string; tax: string }) => [line.amount, line.tax])).toEqual([
      ["0.05", "0.01"],
      ["0.05", "0.00"],
    ]);
    expect((await tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      amount_credited: "0.11",
      amount_remaining: "0.00",
      status: "paid",
    });
  });

  it("gives partial credit notes at most the invoice's tax, and the last one exactly what is left", async () => {
    const { tenant, invoice } = await taxedInvoice({ percent: "10" }, [
      cents("a", "0.05"),
      cents("b", "0.05"),
    ]);
    const first = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "0.05" }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect([first.body.subtotal, first.body.tax, first.body.total]).toEqual(["0.05", "0.01", "0.06"]);
    const second = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      lines: [{ invoice_line_id: invoice.lines[1].id, amount: "0.05" }],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect([second.body.subtotal, second.body.tax, second.body.total]).toEqual(["0.05", "0.00", "0.05"]);
    const nothingLeft = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "other",
      full: true,
    });
    expect(nothingLeft.status).toBe(409);
  });

  it("credits an inclusive-tax invoice in yen in full, the tax being the part of it that is tax", async () => {
    const { tenant, invoice } = await taxedInvoice({ percent: "10", inclusive: true, currency: "JPY" }, [
      cents("a", "5"),
      cents("b", "5"),
      cents("c", "5"),
    ]);
    // 15 × 10 / 110 = 1.36…: 1 yen of tax, rounded once.
    expect([invoice.subtotal, invoice.tax, invoice.total]).toEqual(["15", "1", "15"]);
    const first = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "5" }],
    });
    expect([first.body.subtotal, first.body.tax, first.body.total]).toEqual(["5", "0", "5"]);
    const rest = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      full: true,
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect([rest.body.subtotal, rest.body.tax, rest.body.total]).toEqual(["10", "1", "10"]);
  });

  it("refuses a line credited twice in one note beyond what the line has, naming the second entry", async () => {
    const { tenant, invoice } = await taxedInvoice({ percent: "20" }, [
      cents("a", "10.00"),
      cents("b", "10.00"),
    ]);
    const twice = tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      lines: [
        { invoice_line_id: invoice.lines[0].id, amount: "6.00" },
        { invoice_line_id: invoice.lines[0].id, amount: "6.00" },
      ],
    });
    expect(await expectRefusedFields(twice)).toEqual(["$.lines[1].amount"]);
  });

  it("credits in full an invoice whose negative line lowers its total: the total, not the positive lines", async () => {
    const { tenant, invoice } = await taxedInvoice({ percent: "10" }, [
      cents("Pro plan", "49.00"),
      cents("Unused time on Basic", "-20.00"),
    ]);
    expect([invoice.subtotal, invoice.tax, invoice.total]).toEqual(["29.00", "2.90", "31.90"]);
    const full = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "order_change",
      full: true,
    });
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    expect([full.body.subtotal, full.body.tax, full.body.total]).toEqual(["29.00", "2.90", "31.90"]);
    expect(full.body.lines.map((line: { invoice_line_id: string }) => line.invoice_line_id)).toEqual([
      invoice.lines[0].id,
    ]);
  });
});
