// Partners and settlements through the API (issue #21, items 3 and 4), on the
// hand-worked example: a reseller at 20 % of the Growth plan's fees with a
// 50.00 minimum guarantee, a referral partner at 25.00 per activated
// customer, and a refund of January's invoice clawed back in February. Every
// statement is checked to the cent and each line against its invoice.
//
// By hand (EUR, no tax): Growth 161.35 a month, Support 30.00 a month.
//   Reseller, January: Alpha's invoice INV-1 (Growth + Support = 191.35):
//     20 % of 161.35 = 32.27; the guarantee tops it up by 17.73 to 50.00.
//   Reseller, February: Alpha's and Beta's February invoices, 32.27 each =
//     64.54 earned (above 50.00); Alpha's January invoice refunded in full on
//     10 February takes back 32.27 × 191.35 / 191.35 = 32.27: total 32.27.
//   Referral, January: Gamma's first invoice: 25.00. February: Delta's first
//     invoice: 25.00 (Gamma's second invoice activates no one).
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribe } from "../../test/support/builders.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk, expectRefusedFields } from "../../test/support/responses.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Partners" });
let secondAdmin: ApiClient;
const ids: Record<string, string> = {};

type Statement = {
  id: string;
  period: string;
  status: string;
  total: string;
  earned: string;
  lines: {
    kind: string;
    source: { type: string; id: string; reference: string };
    invoice_id: string | null;
    amount: string;
  }[];
};

async function firstInvoiceOf(customerId: string, period: string) {
  const listed = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=10`));
  return listed.data.find((invoice: { period_start: string }) => invoice.period_start.startsWith(period));
}

beforeAll(async () => {
  secondAdmin = await suite.tenant.client("admin");
  await freezeTestClock(suite.tenant.admin, "2030-01-01T00:00:00Z");
  for (const [code, amount] of [
    ["growth", "161.35"],
    ["support", "30.00"],
  ] as const) {
    ids[code] = (
      await createPlan(suite.tenant.admin, {
        code,
        version: { currency: "EUR", charges: [{ id: "platform", type: "fixed", amount }] },
      })
    ).id;
  }
  const customers = [
    ["alpha", ["growth", "support"], "2030-01-01T00:00:00Z"],
    ["beta", ["growth"], "2030-02-01T00:00:00Z"],
    ["gamma", ["support"], "2030-01-01T00:00:00Z"],
    ["delta", ["support"], "2030-02-01T00:00:00Z"],
  ] as const;
  for (const [name, plans, start] of customers) {
    const customer = await createCustomer(suite.tenant.admin, { name, currency: "EUR", timezone: "UTC" });
    ids[name] = customer.id;
    for (const plan of plans) {
      await subscribe(suite.tenant.admin, {
        customer_id: customer.id,
        plan_id: ids[plan] as string,
        start_at: start,
        billing: "calendar",
      });
    }
  }
});

describe("partners and settlements", () => {
  it("makes partners, agreements and attributions, refusing bad input by field", async () => {
    const refused = await expectRefusedFields(
      suite.tenant.admin.post("/v1/partners", {
        code: "North Wind",
        name: "",
        kind: "agent",
        currency: "EURO",
      }),
    );
    expect(refused).toEqual(expect.arrayContaining(["$.code", "$.name", "$.kind", "$.currency"]));
    for (const [kind, code, name] of [
      ["reseller", "northwind", "Northwind Resellers"],
      ["referral", "contoso", "Contoso Referrals"],
    ] as const) {
      const partner = await expectCreated(
        suite.tenant.admin.post("/v1/partners", { code, name, kind, currency: "EUR" }),
      );
      ids[kind] = partner.id;
    }
    const badTerms = await expectRefusedFields(
      suite.tenant.admin.post(`/v1/partners/${ids.reseller}/agreements`, {
        effective_from: "2030-01-01T00:00:00Z",
        basis: "accrual",
        revenue_shares: [{ plan: "growth", percent: "120" }],
        volume_tiers: [
          { up_to: null, percent: "20" },
          { up_to: "100.00", percent: "25" },
        ],
      }),
    );
    expect(badTerms).toContain("$.revenue_shares[0].percent");
    await expectCreated(
      suite.tenant.admin.post(`/v1/partners/${ids.reseller}/agreements`, {
        effective_from: "2030-01-01T00:00:00Z",
        basis: "accrual",
        revenue_shares: [{ plan: "growth", percent: "20" }],
        minimum_guarantee: "50.00",
        clawback: { refunds: true, credit_notes: true, chargebacks: true },
      }),
    );
    await expectCreated(
      suite.tenant.admin.post(`/v1/partners/${ids.referral}/agreements`, {
        effective_from: "2030-01-01T00:00:00Z",
        basis: "accrual",
        activation_fee: "25.00",
      }),
    );
    for (const [partner, customer, from] of [
      ["reseller", "alpha", "2030-01-01T00:00:00Z"],
      ["reseller", "beta", "2030-01-15T00:00:00Z"],
      ["referral", "gamma", "2030-01-01T00:00:00Z"],
      ["referral", "delta", "2030-01-20T00:00:00Z"],
    ] as const) {
      await expectCreated(
        suite.tenant.admin.post(`/v1/partners/${ids[partner]}/attributions`, {
          customer_id: ids[customer],
          attributed_from: from,
        }),
      );
    }
    const twice = await suite.tenant.admin.post(`/v1/partners/${ids.referral}/attributions`, {
      customer_id: ids.alpha,
      attributed_from: "2030-01-01T00:00:00Z",
    });
    expect([twice.status, twice.body.errors[0].path]).toEqual([409, "$.customer_id"]);
  });

  it("settles January to the cent, approved by a second person, and records it paid", async () => {
    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:00Z");
    const alphaJanuary = await firstInvoiceOf(ids.alpha as string, "2030-01");
    expect(alphaJanuary.total).toBe("191.35");
    ids.alphaJanuary = alphaJanuary.id;

    const reseller: Statement = await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: ids.reseller, period: "2030-01" }),
    );
    expect(reseller.lines.map((line) => [line.kind, line.source.reference, line.amount])).toEqual([
      ["revenue_share", alphaJanuary.number, "32.27"],
      ["minimum_guarantee", "Minimum guarantee", "17.73"],
    ]);
    expect([reseller.earned, reseller.total, reseller.status]).toEqual(["32.27", "50.00", "draft"]);
    expect(reseller.lines[0]?.invoice_id).toBe(alphaJanuary.id);

    const gammaJanuary = await firstInvoiceOf(ids.gamma as string, "2030-01");
    const referral: Statement = await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: ids.referral, period: "2030-01" }),
    );
    expect(referral.lines.map((line) => [line.kind, line.invoice_id, line.amount])).toEqual([
      ["activation_fee", gammaJanuary.id, "25.00"],
    ]);

    // Four-eyes: who computed it may not approve it.
    const self = await suite.tenant.admin.post(`/v1/partner-settlements/${reseller.id}/approve`, {});
    expect(self.status).toBe(403);
    const approved = await expectOk(secondAdmin.post(`/v1/partner-settlements/${reseller.id}/approve`, {}));
    expect(approved.status).toBe("approved");
    const again = await suite.tenant.admin.post("/v1/partner-settlements", {
      partner_id: ids.reseller,
      period: "2030-01",
    });
    expect([again.status, again.body.code]).toEqual([409, "settlement_approved"]);

    const csv = await suite.tenant.admin.get(`/v1/partner-settlements/${reseller.id}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(`revenue_share,20 % of ${alphaJanuary.number},invoice,${alphaJanuary.id}`);
    expect(csv.body).toContain("total,Total,,,,,,,,50.00,EUR");
    const pdf = await suite.tenant.admin.get(`/v1/partner-settlements/${reseller.id}/pdf`);
    expect([pdf.status, String(pdf.headers["content-type"])]).toEqual([200, "application/pdf"]);

    const paid = await expectOk(
      suite.tenant.admin.post(`/v1/partner-settlements/${reseller.id}/payments`, {
        reference: "SEPA-PARTNER-2030-01",
      }),
    );
    expect([paid.status, paid.payment_reference]).toEqual(["paid", "SEPA-PARTNER-2030-01"]);

    // Booked on 1 February: the commission owed on approval, the payable paid off on payment.
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2030-02"));
    expect(journal.balanced).toBe(true);
    expect(
      journal.lines
        .filter((line: { document_id: string }) => line.document_id === reseller.id)
        .map((line: Record<string, string>) => [
          line.document_type,
          line.account,
          line.account_role,
          line.debit,
          line.credit,
          line.reference,
        ]),
    ).toEqual([
      // Entries of one day in the order of their ids.
      ["partner_settlement_payment", "2300", "partner_payables", "50.00", "", "SEPA-PARTNER-2030-01"],
      ["partner_settlement_payment", "1000", "cash", "", "50.00", "SEPA-PARTNER-2030-01"],
      ["partner_settlement", "6100", "partner_commissions", "50.00", "", "northwind 2030-01"],
      ["partner_settlement", "2300", "partner_payables", "", "50.00", "northwind 2030-01"],
    ]);
    // The referral partner's statement, not approved, is not booked.
    expect(journal.lines.some((line: { document_id: string }) => line.document_id === referral.id)).toBe(
      false,
    );
  });

  it("claws January's refunded invoice back in February's statement", async () => {
    const payment = await recordPayment(suite.tenant.admin, ids.alphaJanuary!, "191.35");
    await advanceTestClock(suite.tenant.admin, "2030-02-10T00:00:00Z");
    const refund = await expectCreated(
      suite.tenant.admin.post(`/v1/payments/${payment.id}/refunds`, {
        amount: "191.35",
        reason: "cancelled in January",
      }),
    );
    await advanceTestClock(suite.tenant.admin, "2030-03-01T00:00:00Z");
    const alphaFebruary = await firstInvoiceOf(ids.alpha as string, "2030-02");
    const betaFebruary = await firstInvoiceOf(ids.beta as string, "2030-02");

    const reseller: Statement = await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: ids.reseller, period: "2030-02" }),
    );
    expect(
      reseller.lines
        .map((line) => [line.kind, line.source.type, line.invoice_id, line.amount])
        .sort(
          (left, right) =>
            String(left[2]).localeCompare(String(right[2])) ||
            String(left[0]).localeCompare(String(right[0])),
        ),
    ).toEqual(
      [
        ["revenue_share", "invoice", alphaFebruary.id, "32.27"],
        ["revenue_share", "invoice", betaFebruary.id, "32.27"],
        ["clawback", "refund", ids.alphaJanuary, "-32.27"],
      ].sort(
        (left, right) =>
          String(left[2]).localeCompare(String(right[2])) || String(left[0]).localeCompare(String(right[0])),
      ),
    );
    expect(reseller.lines.find((line) => line.kind === "clawback")?.source.id).toBe(refund.id);
    expect([reseller.earned, reseller.total]).toEqual(["64.54", "32.27"]);

    const deltaFebruary = await firstInvoiceOf(ids.delta as string, "2030-02");
    const referral: Statement = await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: ids.referral, period: "2030-02" }),
    );
    expect(referral.lines.map((line) => [line.kind, line.invoice_id, line.amount])).toEqual([
      ["activation_fee", deltaFebruary.id, "25.00"],
    ]);
    const listed = await expectOk(
      suite.tenant.admin.get(`/v1/partner-settlements?partner_id=${ids.reseller}`),
    );
    expect(listed.data.map((statement: Statement) => statement.total)).toEqual(["32.27", "50.00"]);
  });

  it("adjusts an approved month in the next statement, and reports the partner KPIs", async () => {
    const february = (
      await expectOk(suite.tenant.admin.get(`/v1/partner-settlements?partner_id=${ids.reseller}`))
    ).data[0];
    await expectOk(secondAdmin.post(`/v1/partner-settlements/${february.id}/approve`, {}));
    // Alpha's February invoice, unpaid, is voided after February was approved.
    const alphaFebruary = await firstInvoiceOf(ids.alpha as string, "2030-02");
    await expectOk(
      suite.tenant.admin.post(`/v1/invoices/${alphaFebruary.id}/void`, { reason: "wrong plan" }),
    );
    const march: Statement = await expectCreated(
      suite.tenant.admin.post("/v1/partner-settlements", { partner_id: ids.reseller, period: "2030-03" }),
    );
    // February again: Beta's 32.27, topped up by 17.73, less the 32.27 clawback = 17.73 instead of 32.27.
    const adjustment = march.lines.find((line) => line.kind === "adjustment");
    expect(adjustment).toMatchObject({ amount: "-14.54", source: { type: "settlement", id: february.id } });
    // March: Alpha's and Beta's March invoices, 32.27 each, and the adjustment: 64.54 - 14.54 = 50.00.
    expect([march.earned, march.total]).toEqual(["64.54", "50.00"]);
    // February's approved statement itself is unchanged.
    expect((await expectOk(suite.tenant.admin.get(`/v1/partner-settlements/${february.id}`))).total).toBe(
      "32.27",
    );

    const kpis = await expectOk(suite.tenant.admin.get("/v1/partner-kpis"));
    // Approved: the reseller's January and February; February was adjusted.
    expect(kpis.settlement_accuracy_rate).toEqual({
      approved_statements: 2,
      adjusted_after_approval: 1,
      percent: "50.00",
    });
    // January's statement was paid on 1 February, when its period ended.
    expect(kpis.time_to_settle).toEqual({ paid_statements: 1, mean_days: "0.0" });
    // 161.35 in January, 2 × 161.35 in February.
    expect(kpis.revenue_by_partner).toEqual([
      { partner_id: ids.reseller, currency: "EUR", revenue: "484.05" },
    ]);
  });

  it("opens a partner's approved statements through a signed link, and no other partner's", async () => {
    const tooShort = await suite.tenant.admin.post(`/v1/partners/${ids.reseller}/statement-links`, {
      expires_in_seconds: 30,
    });
    expect([tooShort.status, tooShort.body.errors[0].path]).toEqual([400, "$.expires_in_seconds"]);
    const link = await expectCreated(
      suite.tenant.admin.post(`/v1/partners/${ids.reseller}/statement-links`, {}),
    );
    expect(link.url).toMatch(/\/partner\/#token=fbpl_/);
    const reseller = suite.testApp.rawClient(`Partner ${link.token}`);
    expect((await expectOk(reseller.get("/v1/partner-view/me"))).code).toBe("northwind");

    // January (paid) and February (approved); March, a draft, is not shown. Each line names its source.
    const statements = (await expectOk(reseller.get("/v1/partner-view/statements"))).data;
    expect(
      statements.map((statement: Statement) => [statement.period, statement.status, statement.total]),
    ).toEqual([
      ["2030-02", "approved", "32.27"],
      ["2030-01", "paid", "50.00"],
    ]);
    expect(statements[1].lines[0]).toMatchObject({
      invoice_id: ids.alphaJanuary,
      source: { type: "invoice" },
    });
    expect(statements[0]).not.toHaveProperty("created_by");
    const csv = await reseller.get(`/v1/partner-view/statements/${statements[1].id}/csv`);
    expect([csv.status, csv.body]).toEqual([200, expect.stringContaining("total,Total,,,,,,,,50.00,EUR")]);
    const pdf = await reseller.get(`/v1/partner-view/statements/${statements[1].id}/pdf`);
    expect([pdf.status, String(pdf.headers["content-type"])]).toEqual([200, "application/pdf"]);

    // The referral partner's approved January statement is refused to the reseller's link.
    const referralJanuary = (
      await expectOk(suite.tenant.admin.get(`/v1/partner-settlements?partner_id=${ids.referral}`))
    ).data.find((statement: Statement) => statement.period === "2030-01");
    await expectOk(secondAdmin.post(`/v1/partner-settlements/${referralJanuary.id}/approve`, {}));
    expect((await reseller.get(`/v1/partner-view/statements/${referralJanuary.id}/csv`)).status).toBe(404);
    const referralLink = await expectCreated(
      suite.tenant.admin.post(`/v1/partners/${ids.referral}/statement-links`, {}),
    );
    const referral = suite.testApp.rawClient(`Partner ${referralLink.token}`);
    expect((await referral.get(`/v1/partner-view/statements/${referralJanuary.id}/csv`)).status).toBe(200);

    // A changed token, a portal-style header or an API key opens nothing.
    const [claims, signature] = (link.token as string).slice("fbpl_".length).split(".") as [string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(claims, "base64url").toString()),
        partner_id: ids.referral,
      }),
    ).toString("base64url");
    expect(
      (await suite.testApp.rawClient(`Partner fbpl_${forged}.${signature}`).get("/v1/partner-view/me"))
        .status,
    ).toBe(401);
    expect((await suite.testApp.rawClient(`Portal ${link.token}`).get("/v1/partner-view/me")).status).toBe(
      401,
    );
    expect((await suite.tenant.admin.get("/v1/partner-view/statements")).status).toBe(403);
  });
});
