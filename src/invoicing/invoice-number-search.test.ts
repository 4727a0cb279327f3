// Finding invoices by part of their number (GET /v1/invoices?number=…), as
// the console's search does: any case, anywhere in the number; a draft has no
// number and is never found; % and _ match only themselves; an empty text is
// refused naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();
const numbers: string[] = [];

beforeAll(async () => {
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: "number-search",
    currency: "USD",
  });
  for (const finalize of [true, true, false]) {
    const invoice = await expectCreated(
      suite.tenant.admin.post<{ number: string | null }>("/v1/invoices", {
        customer_id: customer.id,
        currency: "USD",
        lines: [{ description: "Consulting", quantity: "1", unit_amount: "10.00" }],
        finalize,
      }),
    );
    if (invoice.number !== null) numbers.push(invoice.number);
  }
});

async function found(text: string): Promise<(string | null)[]> {
  const page = await expectOk(
    suite.tenant.admin.get<{ data: { number: string | null }[] }>(
      `/v1/invoices?number=${encodeURIComponent(text)}`,
    ),
  );
  return page.data.map((invoice) => invoice.number).sort();
}

describe("invoices by number", () => {
  it("finds an invoice by any part of its number, in any case, and never a draft", async () => {
    const [first, second] = numbers as [string, string];
    expect(numbers).toHaveLength(2);
    expect(await found(second)).toEqual([second]);
    expect(await found(second.slice(-3))).toEqual([second]);
    expect(await found(first.slice(0, 4).toLowerCase())).toEqual([first, second].sort());
  });

  it("matches % and _ as themselves", async () => {
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
  });

  it("refuses an empty text, naming the field", async () => {
    const refused = await suite.tenant.admin.get<{ errors: { path: string }[] }>("/v1/invoices?number=");
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error) => error.path)).toEqual(["query.number"]);
  });
});
