// The seller's branding in the portal and the statement of account as PDF
// (issue 19): a billing operator sets the seller's logo and colours with the
// invoicing settings (a colour that is not #RRGGBB, or an accent colour that
// would fail WCAG AA as text on white, is refused naming the field); the
// portal reads them with the seller's name, and the text colour on the
// primary colour that passes AA. The statement PDF lists what the CSV lists,
// with the currency, in the seller's branding, and what is owed by age; its
// balances are worked by hand below.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { readPdfText } from "../invoicing/index.ts";

const day = 24 * 3600 * 1000;
const clock = new TestClock("2026-03-01T12:00:00Z");

// A 1×1 PNG.
const logo =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const suite = testAppForFile({ clock, tenantName: "Statement seller" });
let customerId: string;
let token: string;
const numbers: Record<string, string> = {};

function portal() {
  return suite.testApp.rawClient(`Portal ${token}`);
}

async function invoice(description: string, amount: string) {
  const made = await suite.tenant.admin.post("/v1/invoices", {
    customer_id: customerId,
    currency: "USD",
    lines: [{ description, quantity: "1", unit_amount: amount }],
    finalize: true,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  numbers[description] = made.body.number;
  return made.body;
}

beforeAll(async () => {
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: "statement-acme",
    name: "Acme Statements Inc.",
    email: "ap@acme.example",
    currency: "USD",
    timezone: "UTC",
    locale: "en-US",
    invoice_settings: { net_payment_terms_days: 0 },
  });
  customerId = customer.id;
  const link = await suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {});
  expect(link.status).toBe(201);
  token = link.body.token;
});

describe("the seller's branding", () => {
  it("is set with the invoicing settings, refusing a colour that is not #RRGGBB or fails AA on white", async () => {
    const notAColor = await suite.tenant.admin.put("/v1/invoicing-settings", {
      branding: { primary_color: "blue" },
    });
    expectRefusedAt(notAColor, "$.branding.primary_color");

    // Yellow on white: luminance 0.2126 + 0.7152 × 0.6038 = 0.6444, so (1 + 0.05) / (0.6444 + 0.05) = 1.51:1.
    const faint = await suite.tenant.admin.put("/v1/invoicing-settings", {
      branding: { accent_color: "#FFCC00" },
    });
    expect(faint.status).toBe(400);
    expect(faint.body.errors).toEqual([
      expect.objectContaining({
        path: "$.branding.accent_color",
        message: expect.stringContaining("1.51:1"),
      }),
    ]);
    const script = await suite.tenant.admin.put("/v1/invoicing-settings", {
      branding: { logo_url: "javascript:alert(1)" },
    });
    expectRefusedAt(script, "$.branding.logo_url");

    const saved = await suite.tenant.admin.put("/v1/invoicing-settings", {
      seller: { name: "Northwind Billing GmbH" },
      branding: { logo_url: logo, primary_color: "#0B3D91", accent_color: "#0969da" },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.branding).toEqual({
      logo_url: logo,
      primary_color: "#0b3d91",
      accent_color: "#0969da",
    });
    const audit = await suite.tenant.admin.get("/v1/audit-events?action=invoicing_settings.updated");
    expect(JSON.stringify(audit.body)).toContain("#0b3d91");
  });

  it("shows in the portal with the seller's name and a text colour that passes AA on the primary colour", async () => {
    const me = await portal().get("/v1/portal/me");
    expect(me.status).toBe(200);
    expect(me.body.seller).toEqual({
      name: "Northwind Billing GmbH",
      logo_url: logo,
      primary_color: "#0b3d91",
      primary_text_color: "#ffffff",
      accent_color: "#0969da",
    });
    // A light primary colour gets black text; removing the logo leaves the name alone.
    await suite.tenant.admin.put("/v1/invoicing-settings", {
      branding: { primary_color: "#ffcc00", logo_url: null },
    });
    expect((await portal().get("/v1/portal/me")).body.seller).toMatchObject({
      logo_url: null,
      primary_color: "#ffcc00",
      primary_text_color: "#000000",
    });
    await suite.tenant.admin.put("/v1/invoicing-settings", {
      branding: { primary_color: "#0b3d91", logo_url: logo },
    });
  });
});

describe("the statement of account as PDF", () => {
  it("lists the entries with the currency, the balances worked by hand, and what is owed by age", async () => {
    // 1 March: invoice A, 100.00. 5 March: invoice B, 1,250.00 (due at once: net 0 days).
    await invoice("Setup", "100.00");
    clock.advance(4 * day);
    const second = await invoice("Annual licence", "1250.00");
    // 8 March: A is paid by bank transfer. 12 March: 50.00 of B is credited.
    clock.advance(3 * day);
    const firstId = (
      await suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=10`)
    ).body.data.find((entry: { number: string }) => entry.number === numbers.Setup).id;
    const paid = await suite.tenant.admin.post(`/v1/invoices/${firstId}/payments`, {
      amount: "100.00",
      method: "bank_transfer",
      reference: "WIRE-8",
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    clock.advance(4 * day);
    const credited = await suite.tenant.admin.post(`/v1/invoices/${second.id}/credit-notes`, {
      reason: "billing_error",
      lines: [{ invoice_line_id: second.lines[0].id, amount: "50.00" }],
    });
    expect(credited.status, JSON.stringify(credited.body)).toBe(201);
    expect(credited.body.total).toBe("50.00");
    // 20 March: the statement from 3 March, through a link issued today.
    clock.advance(8 * day);
    const link = await suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {});
    token = link.body.token;

    const answer = await suite.testApp.app.inject({
      method: "GET",
      url: "/v1/portal/statement.pdf?from=2026-03-03T00:00:00Z",
      headers: { authorization: `Portal ${token}` },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/pdf");
    expect(answer.headers["content-disposition"]).toBe('attachment; filename="statement.pdf"');
    const bytes = new Uint8Array(answer.rawPayload);
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    // The logo is drawn as an image.
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\/Subtype \/Image/);

    const pages = readPdfText(bytes);
    expect(pages).toHaveLength(1);
    const lines = pages[0]!;
    expect(lines).toContain("Northwind Billing GmbH");
    expect(lines).toContain("Statement of account");
    expect(lines).toContain("Acme Statements Inc.");
    expect(lines).toContain("ap@acme.example");
    expect(lines).toContain("Mar 3, 2026");
    expect(lines).toContain("Mar 20, 2026");
    // Brought forward: invoice A, 100.00, issued before 3 March.
    const opening = lines.indexOf("Balance brought forward");
    expect(lines.slice(opening - 1, opening + 2)).toEqual([
      "Mar 3, 2026",
      "Balance brought forward",
      "$100.00",
    ]);
    // B: 100.00 + 1,250.00 = 1,350.00; A's payment: 1,350.00 − 100.00 = 1,250.00; the credit note: 1,200.00.
    // Each row: date, type, description, its reference beneath, the debit or the credit, the balance.
    const rowOf = (reference: string) => {
      const at = lines.indexOf(reference);
      expect(at, `a row for ${reference}`).toBeGreaterThan(-1);
      return lines.slice(at - 3, at + 3);
    };
    expect(rowOf(numbers["Annual licence"]!)).toEqual([
      "Mar 5, 2026",
      "Invoice",
      "Invoice",
      numbers["Annual licence"],
      "$1,250.00",
      "$1,350.00",
    ]);
    expect(rowOf(paid.body.id)).toEqual([
      "Mar 8, 2026",
      "Payment",
      `Payment of ${numbers.Setup}`,
      paid.body.id,
      "$100.00",
      "$1,250.00",
    ]);
    expect(rowOf(credited.body.number)).toEqual([
      "Mar 12, 2026",
      "Credit note",
      `Credit note for ${numbers["Annual licence"]}`,
      credited.body.number,
      "$50.00",
      "$1,200.00",
    ]);
    // Closing: debits 1,250.00, credits 100.00 + 50.00 = 150.00, balance 100.00 + 1,250.00 − 150.00 = 1,200.00.
    const closing = lines.indexOf("Closing balance");
    expect(lines.slice(closing - 1, closing + 4)).toEqual([
      "Mar 20, 2026",
      "Closing balance",
      "$1,250.00",
      "$150.00",
      "$1,200.00",
    ]);
    const summary = lines.indexOf("Summary");
    expect(lines.slice(summary, summary + 9)).toEqual([
      "Summary",
      "Opening balance",
      "$100.00",
      "Invoiced and refunded",
      "$1,250.00",
      "Paid and credited",
      "$150.00",
      "Closing balance",
      "$1,200.00",
    ]);
    // Owed on 20 March: B's 1,200.00, due on 5 March, 15 days past due.
    const ageing = lines.indexOf("Owed on Mar 20, 2026, by days past due");
    expect(lines.slice(ageing + 1, ageing + 13)).toEqual([
      "Not yet due",
      "$0.00",
      "1–30 days past due",
      "$1,200.00",
      "31–60 days past due",
      "$0.00",
      "61–90 days past due",
      "$0.00",
      "Over 90 days past due",
      "$0.00",
      "Total owed",
      "$1,200.00",
    ]);
    expect(lines.at(-1)).toBe("Statement of account · Page 1 of 1");

    // Bad dates are named, as for the CSV.
    const backwards = await portal().get(
      "/v1/portal/statement.pdf?from=2026-03-21T00:00:00Z&to=2026-03-01T00:00:00Z",
    );
    expectRefusedAt(backwards, "$.from");
  });
});
