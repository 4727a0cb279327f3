// Credit notes on an invoice that a contract's prepaid commit partly paid:
// they give back what the invoice charged, after the draw, with its tax, every
// figure worked by hand. The enterprise contract of contract-fixtures.ts
// (platform 2,000.00 and support 500.00 a month in advance, tokens at 1.00)
// from 1 January 2030, with a prepaid commit of 1,000.00 drawn by usage, for a
// customer taxed at 20%. The 1 February invoice: January's 300 tokens 300.00,
// platform 2,000.00, support 500.00 = 2,800.00; the commit draws 300.00; tax
// 20% of 2,500.00 = 500.00; total 3,000.00.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "../../test/support/builders.ts";
import {
  enterpriseContractCustomer,
  sellEnterpriseContracts,
  contractStart as start,
  tokensUsed,
} from "../../test/support/contract-fixtures.ts";
import { expectCreated, expectOk, expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Commit-drawn credit notes" });

type InvoiceLine = { id: string; charge_id: string; amount: string };
type Invoice = {
  id: string;
  issued_at: string;
  subtotal: string;
  commits: string | null;
  tax: string;
  total: string;
  lines: InvoiceLine[];
};
type CreditNote = {
  subtotal: string;
  tax: string;
  total: string;
  lines: { invoice_line_id: string; amount: string; tax: string }[];
};

describe("credit notes on an invoice a prepaid commit drew on", () => {
  let february: Invoice;

  beforeAll(async () => {
    await expectCreated(
      suite.tenant.admin.post("/v1/tax-rates", { country: "FR", name: "TVA", percent: "20" }),
    );
    const planId = (await sellEnterpriseContracts(suite.tenant)).id;
    await freezeTestClock(suite.tenant.admin, start);
    const { customer } = await enterpriseContractCustomer(suite.tenant.admin, planId, {
      commit: "1000.00",
      end: "2030-04-01T00:00:00Z",
    });
    await expectOk(suite.tenant.admin.patch(`/v1/customers/${customer.id}`, { country: "FR" }));
    await advanceTestClock(suite.tenant.admin, "2030-01-20T00:00:00Z");
    await ingestEvents(suite.tenant.admin, [tokensUsed("credited", customer.external_id, "01", 300)]);
    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:01Z");
    const page = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customer.id}&limit=10`));
    february = (page.data as Invoice[]).find((invoice) => invoice.issued_at.startsWith("2030-02-01"))!;
    expect(february).toMatchObject({
      subtotal: "2800.00",
      commits: "300.00",
      tax: "500.00",
      total: "3000.00",
    });
    expect(february.lines.map((line) => [line.charge_id, line.amount])).toEqual([
      ["tokens", "300.00"],
      ["platform", "2000.00"],
      ["support", "500.00"],
    ]);
  });

  it("split the 2,500.00 charged after the draw over the lines, and a full one takes exactly what is left", async () => {
    const [tokens, platform, support] = february.lines.map((line) => line.id);
    const creditNotes = `/v1/invoices/${february.id}/credit-notes`;
    // Each line can give back its share of 2,500.00: tokens 267.86, platform 1,785.71, support 446.43
    // (300, 2,000 and 500 of 2,800 to the cent, largest remainders first).
    const tooMuch = await suite.tenant.admin.post(creditNotes, {
      reason: "other",
      lines: [{ invoice_line_id: platform, amount: "1785.72" }],
    });
    expectProblem(tooMuch, 400, "validation_failed");
    expect(tooMuch.body.errors).toEqual([
      { path: "$.lines[0].amount", message: "is more than the 1785.71 of this line left to credit" },
    ]);
    const first = await expectCreated<CreditNote>(
      suite.tenant.admin.post(creditNotes, {
        reason: "other",
        lines: [{ invoice_line_id: platform, amount: "1000.00" }],
      }),
    );
    expect(first).toMatchObject({ subtotal: "1000.00", tax: "200.00", total: "1200.00" });
    // What is left: tokens 267.86, platform 785.71, support 446.43 = 1,500.00, and the 300.00 of tax left.
    const full = await expectCreated<CreditNote>(
      suite.tenant.admin.post(creditNotes, { reason: "other", full: true }),
    );
    expect(full).toMatchObject({ subtotal: "1500.00", tax: "300.00", total: "1800.00" });
    expect(full.lines.map((line) => [line.invoice_line_id, line.amount])).toEqual([
      [tokens, "267.86"],
      [platform, "785.71"],
      [support, "446.43"],
    ]);
    expectProblem(
      await suite.tenant.admin.post(creditNotes, { reason: "other", full: true }),
      409,
      "nothing_to_credit",
    );
  });
});
