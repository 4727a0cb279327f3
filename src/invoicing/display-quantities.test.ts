// A metered quantity with many decimals prints rounded on what the customer
// reads (the invoice PDF and HTML), to its meter's display_decimals (default
// 2); the API, the line's explanation and exports keep it exact.
import { beforeAll, describe, expect, it } from "vitest";
import { createMeter, createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { readPdfText } from "./documents/pdf-text.ts";

const suite = testAppForFile();
let invoiceId: string;
let meterId: string;

async function pdfText(): Promise<string> {
  const pdf = await suite.testApp.app.inject({
    method: "GET",
    url: `/v1/invoices/${invoiceId}/pdf`,
    headers: { authorization: `Bearer ${suite.tenant.admin.key}` },
  });
  expect(pdf.statusCode).toBe(200);
  return readPdfText(pdf.rawPayload).flat().join("\n");
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-03-01T00:00:00Z");
  meterId = (
    await createMeter(suite.tenant.admin, {
      code: "storage",
      name: "Storage",
      event_name: "stored",
      aggregation: "sum",
      property: "gigabytes",
      effective_from: "2026-02-01T00:00:00Z",
    })
  ).id;
  const plan = await createPlan(suite.tenant.admin, {
    code: "storage-plan",
    version: {
      charges: [{ id: "storage", type: "usage", meter: "storage", model: "per_unit", unit_price: "1.00" }],
    },
  });
  const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
    customer: { external_id: "long-decimals" },
    subscription: { billing: "calendar" },
  });
  await advanceTestClock(suite.tenant.admin, "2026-03-10T00:00:00Z");
  await ingestEvents(suite.tenant.admin, [
    {
      id: "s1",
      customer: "long-decimals",
      name: "stored",
      timestamp: "2026-03-05T00:00:00Z",
      properties: { gigabytes: "1.123456789" },
    },
    {
      id: "s2",
      customer: "long-decimals",
      name: "stored",
      timestamp: "2026-03-06T00:00:00Z",
      properties: { gigabytes: "2.000000001" },
    },
  ]);
  await advanceTestClock(suite.tenant.admin, "2026-04-01T12:00:00Z");
  const invoices = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customer.id}`));
  const usageInvoice = invoices.data.find((invoice: { lines: { kind: string }[] }) =>
    invoice.lines.some((line) => line.kind === "usage"),
  );
  invoiceId = usageInvoice.id;
});

describe("quantities on customer documents", () => {
  it("keeps the exact quantity in the API", async () => {
    const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${invoiceId}`));
    const usage = invoice.lines.find((line: { kind: string }) => line.kind === "usage");
    expect(usage.quantity).toBe("3.12345679");
  });

  it("prints the quantity rounded to two decimals by default, the exact one in the explanation", async () => {
    const text = await pdfText();
    expect(text).toMatch(/(^|\s)3\.12(\s|$)/m);
    expect(text).toContain("quantity 3.12345679");
    const html = await suite.testApp.app.inject({
      method: "GET",
      url: `/v1/invoices/${invoiceId}/html`,
      headers: { authorization: `Bearer ${suite.tenant.admin.key}` },
    });
    expect(html.body).toContain(">3.12<");
  });

  it("prints as many decimals as the meter's display_decimals", async () => {
    const meter = await expectOk(suite.tenant.admin.patch(`/v1/meters/${meterId}`, { display_decimals: 4 }));
    expect(meter.display_decimals).toBe(4);
    expect(await pdfText()).toMatch(/(^|\s)3\.1235(\s|$)/m);
  });
});
