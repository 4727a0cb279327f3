// A marketplace's external sales (issue #21, item 5) through the API: item
// mappings, a CSV upload refused whole in atomic mode with each bad row named
// by row and column, a good upload recorded once (sent again, skipped), JSON
// rows, and each sale matched against the partner's statements or listed
// unmatched with its reason, there and in the month's reconciliation.
//
// By hand (EUR): Alpha subscribes to Growth (161.35 a month) and Support
// (30.00 a month) from 1 January 2030; the marketplace earns 20 % of Growth.
// Its January statement has one revenue share line for Alpha's January
// invoice, covering Growth at 161.35; February's the same for February's.
//   jan-1  Alpha, MP-GROWTH, 15 January, 161.35  matched (January's line: 161.35)
//   jan-2  Alpha, MP-SUPPORT, 15 January, 30.00  no settlement line (Support earns nothing)
//   jan-3  Alpha, GIFT-CARD, 20 January, 10.00   no mapping
//   jan-4  nobody, MP-GROWTH, 21 January, 161.35 unknown customer
//   feb-1  Alpha, MP-GROWTH, 3 February, 150.00  amount differs by -11.35 (February's line: 161.35)
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Marketplace" });
let partnerId: string;
let alpha: { id: string; external_id: string };

const header = "external_id,date,customer_reference,item,quantity,amount,currency";
const goodCsv = () =>
  [
    header,
    `jan-1,2030-01-15,${alpha.external_id},MP-GROWTH,1,161.35,EUR`,
    `jan-2,2030-01-15,${alpha.id},MP-SUPPORT,1,30.00,EUR`,
    `jan-3,2030-01-20,${alpha.external_id},GIFT-CARD,1,10.00,EUR`,
    "jan-4,2030-01-21,nobody,MP-GROWTH,1,161.35,EUR",
    `feb-1,2030-02-03T09:30:00Z,${alpha.external_id},MP-GROWTH,1,150.00,EUR`,
  ].join("\n");

type Sale = {
  external_id: string;
  state: string;
  reason: { code: string } | null;
  difference: string | null;
};

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2030-01-01T00:00:00Z");
  alpha = await createCustomer(suite.tenant.admin, { name: "Alpha", currency: "EUR", timezone: "UTC" });
  for (const [code, amount] of [
    ["growth", "161.35"],
    ["support", "30.00"],
  ] as const) {
    const plan = await createPlan(suite.tenant.admin, {
      code,
      version: { currency: "EUR", charges: [{ id: "platform", type: "fixed", amount }] },
    });
    await subscribe(suite.tenant.admin, {
      customer_id: alpha.id,
      plan_id: plan.id,
      start_at: "2030-01-01T00:00:00Z",
      billing: "calendar",
    });
  }
  partnerId = (
    await expectCreated(
      suite.tenant.admin.post("/v1/partners", {
        code: "market",
        name: "Market",
        kind: "marketplace",
        currency: "EUR",
      }),
    )
  ).id;
  await expectCreated(
    suite.tenant.admin.post(`/v1/partners/${partnerId}/agreements`, {
      effective_from: "2030-01-01T00:00:00Z",
      basis: "accrual",
      revenue_shares: [{ plan: "growth", percent: "20" }],
    }),
  );
  await expectCreated(
    suite.tenant.admin.post(`/v1/partners/${partnerId}/attributions`, {
      customer_id: alpha.id,
      attributed_from: "2030-01-01T00:00:00Z",
    }),
  );
  await advanceTestClock(suite.tenant.admin, "2030-02-15T00:00:00Z");
  for (const period of ["2030-01", "2030-02"])
    await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: partnerId, period }),
    );
}, 180_000); // two plans, a partner and two months billed through the API on a loaded machine

const salesOf = async (query = "") =>
  (await expectOk(suite.tenant.admin.get(`/v1/partners/${partnerId}/external-sales${query}`))).data as Sale[];

describe("a marketplace's external sales", () => {
  it("maps the partner's items, refusing an unknown plan and a second mapping by field", async () => {
    const unknown = await suite.tenant.admin.post(`/v1/partners/${partnerId}/item-mappings`, {
      external_item: "MP-ENTERPRISE",
      item: { kind: "plan", code: "enterprise" },
    });
    expect([unknown.status, unknown.body.errors[0].path]).toEqual([400, "$.item.code"]);
    for (const [externalItem, code] of [
      ["MP-GROWTH", "growth"],
      ["MP-SUPPORT", "support"],
    ])
      await expectCreated(
        suite.tenant.admin.post(`/v1/partners/${partnerId}/item-mappings`, {
          external_item: externalItem,
          item: { kind: "plan", code },
        }),
      );
    const twice = await suite.tenant.admin.post(`/v1/partners/${partnerId}/item-mappings`, {
      external_item: "MP-GROWTH",
      item: { kind: "product", code: "anything" },
    });
    expect([twice.status, twice.body.errors[0].path]).toEqual([409, "$.external_item"]);
    const listed = await expectOk(suite.tenant.admin.get(`/v1/partners/${partnerId}/item-mappings`));
    expect(listed.data.map((mapping: { external_item: string }) => mapping.external_item)).toEqual([
      "MP-GROWTH",
      "MP-SUPPORT",
    ]);
  });

  it("refuses a CSV with bad rows whole in atomic mode, naming each row and column", async () => {
    const csv = [
      header,
      `ok-1,2030-01-15,${alpha.external_id},MP-GROWTH,1,161.35,EUR`,
      `bad-1,2030-01-15,${alpha.external_id},MP-GROWTH,1,lots,EUR`,
      `bad-2,2030-02-30,${alpha.external_id},MP-GROWTH,1,1.00,EUR`,
      `ok-1,2030-01-16,${alpha.external_id},MP-GROWTH,1,2.00,EUR`,
    ].join("\n");
    const refused = await suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, { csv });
    expect(refused.status).toBe(400);
    const messages = refused.body.errors.map((error: { path: string; message: string }) => error.message);
    expect(messages).toEqual([
      expect.stringMatching(/^row 3, column amount: /),
      "row 4, column date: is not a day of the calendar",
      "row 5, column external_id: repeats row 2",
    ]);
    expect(refused.body.errors.every((error: { path: string }) => error.path === "$.csv")).toBe(true);
    const badHeader = await suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, {
      csv: "external_id,sku\nx,y",
    });
    expect(badHeader.status).toBe(400);
    expect(JSON.stringify(badHeader.body.errors)).toContain("row 1, column sku: is not a column");
    const neither = await suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, {});
    expect([neither.status, neither.body.errors[0].path]).toEqual([400, "$.transactions"]);
    expect(await salesOf()).toEqual([]);
  });

  it("records a good CSV once: sent again as a text/csv body, every row is skipped", async () => {
    const first = await expectOk(
      suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, { csv: goodCsv() }),
    );
    expect([first.created, first.skipped, first.refused]).toEqual([5, 0, 0]);
    expect(first.records.map((record: { source: string }) => record.source)).toEqual([
      "row 2",
      "row 3",
      "row 4",
      "row 5",
      "row 6",
    ]);
    // The file itself as the body, as a spreadsheet exports it.
    const again = await expectOk(
      suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, goodCsv(), {
        "content-type": "text/csv",
      }),
    );
    expect([again.created, again.skipped, again.refused]).toEqual([0, 5, 0]);
    expect((await salesOf()).length).toBe(5);
  });

  it("takes JSON rows: an external id sent with other values is refused, in atomic mode the upload with it", async () => {
    const rows = [
      {
        external_id: "jan-1",
        date: "2030-01-15",
        customer_reference: alpha.external_id,
        item: "MP-GROWTH",
        quantity: "1",
        amount: "99.00",
        currency: "EUR",
      },
      {
        external_id: "mar-1",
        date: "2030-03-01",
        customer_reference: alpha.external_id,
        item: "MP-GROWTH",
        quantity: "2",
        amount: "322.70",
        currency: "EUR",
      },
    ];
    const atomic = await suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, {
      transactions: rows,
    });
    expect(atomic.status).toBe(400);
    expect(atomic.body.errors.map((error: { path: string }) => error.path)).toEqual([
      "$.transactions[0].external_id",
    ]);
    expect((await salesOf()).length).toBe(5);
    const partial = await expectOk(
      suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, {
        transactions: rows,
        atomic: false,
      }),
    );
    expect([partial.created, partial.skipped, partial.refused]).toEqual([1, 0, 1]);
    expect(partial.records[0]).toMatchObject({ source: "$.transactions[0]", outcome: "refused" });
    const malformed = await suite.tenant.admin.post(`/v1/partners/${partnerId}/external-sales`, {
      transactions: [{ ...rows[1], amount: "1,00" }],
    });
    expect([malformed.status, malformed.body.errors[0].path]).toEqual([400, "$.transactions[0].amount"]);
  });

  it("matches each sale against the statements, and lists the unmatched ones with their reasons", async () => {
    const sales = await salesOf();
    expect(
      sales.map((sale) => [sale.external_id, sale.state, sale.reason?.code ?? null, sale.difference]),
    ).toEqual([
      ["jan-1", "matched", null, null],
      ["jan-2", "unmatched", "no_settlement_line", null],
      ["jan-3", "unmatched", "no_mapping", null],
      ["jan-4", "unmatched", "unknown_customer", null],
      ["feb-1", "unmatched", "amount_differs", "-11.35"],
      ["mar-1", "unmatched", "no_settlement_line", null],
    ]);
    const unmatched = await salesOf("?state=unmatched");
    expect(unmatched.map((sale) => sale.external_id)).toEqual(["jan-2", "jan-3", "jan-4", "feb-1", "mar-1"]);
    expect(JSON.stringify(unmatched[3])).toContain("the amount differs by -11.35");

    const reconciliation = await expectOk(suite.tenant.admin.get("/v1/reconciliation?period=2030-01"));
    expect(reconciliation.clean).toBe(false);
    expect(
      reconciliation.external_sales.unmatched.map((sale: { external_id: string; reason: string }) => [
        sale.external_id,
        sale.reason,
      ]),
    ).toEqual([
      ["jan-2", "no_settlement_line"],
      ["jan-3", "no_mapping"],
      ["jan-4", "unknown_customer"],
    ]);
  });
});
