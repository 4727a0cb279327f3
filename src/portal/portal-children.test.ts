// The portal of a parent account sees its children (issue #21, item 2): it
// lists each child with its open balance and latest invoices, lists a child's
// invoices and opens their PDFs, read-only (it pays none of them). A child's
// portal sees no children, and neither its parent's invoices nor its
// sibling's; a parent does not reach a customer outside its hierarchy.
//
// By hand (USD): North has two one-off invoices, 100.00 (paid 40.00, so
// 60.00 owed) and 25.50 (open): an open balance of 85.50. South has one of
// 300.00, open, and a draft of 7.00, which no portal shows. The parent has
// one of 10.00.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "Hierarchy portal" });
const ids: Record<string, string> = {};
const invoiceIds: Record<string, string> = {};

async function oneOffInvoice(customerId: string, amount: string, finalize = true): Promise<string> {
  const invoice = await expectCreated(
    suite.tenant.admin.post("/v1/invoices", {
      customer_id: customerId,
      currency: "USD",
      lines: [{ description: "Setup", quantity: "1", unit_amount: amount }],
      finalize,
    }),
  );
  return invoice.id;
}

async function portalOf(customerId: string) {
  const link = await expectCreated(suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {}));
  return suite.testApp.rawClient(`Portal ${link.token}`);
}

beforeAll(async () => {
  ids.parent = (await createCustomer(suite.tenant.admin, { name: "Holding", currency: "USD" })).id;
  for (const name of ["North", "South"])
    ids[name] = (
      await createCustomer(suite.tenant.admin, { name, currency: "USD", parent_customer_id: ids.parent })
    ).id;
  ids.outsider = (await createCustomer(suite.tenant.admin, { name: "Outsider", currency: "USD" })).id;
  invoiceIds.north = await oneOffInvoice(ids.North as string, "100.00");
  await expectCreated(
    suite.tenant.admin.post(`/v1/invoices/${invoiceIds.north}/payments`, {
      amount: "40.00",
      method: "bank_transfer",
    }),
  );
  invoiceIds.northSecond = await oneOffInvoice(ids.North as string, "25.50");
  invoiceIds.south = await oneOffInvoice(ids.South as string, "300.00");
  invoiceIds.southDraft = await oneOffInvoice(ids.South as string, "7.00", false);
  invoiceIds.parent = await oneOffInvoice(ids.parent as string, "10.00");
  invoiceIds.outsider = await oneOffInvoice(ids.outsider as string, "5.00");
}, 180_000); // customers, invoices and a payment through the API on a loaded machine

describe("the portal of a parent account", () => {
  it("lists its children with their open balance and latest invoices", async () => {
    const portal = await portalOf(ids.parent as string);
    const children = await expectOk(portal.get("/v1/portal/children"));
    expect(
      children.data.map(
        (child: { name: string; open_balances: unknown; latest_invoices: { id: string }[] }) => [
          child.name,
          child.open_balances,
          child.latest_invoices.map((invoice) => invoice.id),
        ],
      ),
    ).toEqual([
      ["North", [{ currency: "USD", amount: "85.50" }], [invoiceIds.northSecond, invoiceIds.north]],
      ["South", [{ currency: "USD", amount: "300.00" }], [invoiceIds.south]],
    ]);
  });

  it("opens a child's invoices and their PDFs, read-only", async () => {
    const portal = await portalOf(ids.parent as string);
    const invoices = await expectOk(portal.get(`/v1/portal/children/${ids.South}/invoices`));
    expect(
      invoices.data.map((invoice: { id: string; total: string }) => [invoice.id, invoice.total]),
    ).toEqual([[invoiceIds.south, "300.00"]]);
    const pdf = await portal.get(`/v1/portal/invoices/${invoiceIds.south}/pdf`);
    expect([pdf.status, String(pdf.headers["content-type"])]).toEqual([200, "application/pdf"]);
    const pay = await portal.post(`/v1/portal/invoices/${invoiceIds.south}/pay`, {});
    expect(pay.status).toBe(404);
    const draft = await portal.get(`/v1/portal/invoices/${invoiceIds.southDraft}/pdf`);
    expect(draft.status).toBe(404);
  });

  it("does not reach a customer outside its hierarchy", async () => {
    const portal = await portalOf(ids.parent as string);
    expect((await portal.get(`/v1/portal/children/${ids.outsider}/invoices`)).status).toBe(404);
    expect((await portal.get(`/v1/portal/invoices/${invoiceIds.outsider}/pdf`)).status).toBe(404);
  });
});

describe("the portal of a child account", () => {
  it("sees no children, and neither its parent's invoices nor its sibling's", async () => {
    const portal = await portalOf(ids.North as string);
    expect((await expectOk(portal.get("/v1/portal/children"))).data).toEqual([]);
    for (const other of [ids.parent, ids.South])
      expect((await portal.get(`/v1/portal/children/${other}/invoices`)).status).toBe(404);
    for (const invoice of [invoiceIds.parent, invoiceIds.south])
      expect((await portal.get(`/v1/portal/invoices/${invoice}/pdf`)).status).toBe(404);
    const own = await expectOk(portal.get("/v1/portal/invoices"));
    expect(own.data.map((invoice: { id: string }) => invoice.id).sort()).toEqual(
      [invoiceIds.north, invoiceIds.northSecond].sort(),
    );
  });
});
