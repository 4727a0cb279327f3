import { describe, expect, it } from "vitest";
import type { CustomerBody } from "../../test/support/api-types.ts";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import {
  createCustomer,
  createDraftPlan,
  createMeter,
  createPlan,
  ingestEvents,
  subscribe,
} from "../../test/support/builders.ts";
import { fixedInvoiceLine } from "../../test/support/invoice-lines.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import type { InvoiceLine } from "../core/index.ts";
import { currencyFor, Decimal, settleInvoice } from "../core/index.ts";
import { couponsFor, recordCouponUse } from "./coupons.ts";

const clock = new TestClock("2026-06-01T00:00:00Z");

const suite = testAppForFile({ clock });

/** Moves the clock on a millisecond, so that ids and instants order as things happen. */
function tick(): Date {
  clock.current = new Date(clock.current.getTime() + 1);
  return clock.current;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

async function newCustomer(fields: Partial<CustomerBody> = {}): Promise<string> {
  return (await createCustomer(suite.tenant.admin, fields)).id;
}

async function newCoupon(fields: Record<string, unknown> = {}) {
  tick();
  const response = await suite.tenant.admin.post("/v1/coupons", {
    code: unique("SAVE"),
    name: "Ten percent off",
    type: "percentage",
    percent: "10",
    duration: "forever",
    ...fields,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function redeem(customerId: string, body: Record<string, unknown>) {
  tick();
  return suite.tenant.admin.post(`/v1/customers/${customerId}/coupons`, body);
}

/** A whole-period fixed line of `amount`, dated now. */
function fixedLine(amount: string): InvoiceLine {
  const now = clock.current.getTime();
  return fixedInvoiceLine(amount, { periodStart: now, periodEnd: now });
}

describe("coupons", () => {
  it("creates, reads and lists coupons, with codes unique regardless of case", async () => {
    const coupon = await newCoupon({ code: "Spring25", percent: "25", metadata: { campaign: "spring" } });
    expect(coupon).toMatchObject({
      id: expect.stringMatching(/^cpn_/),
      code: "Spring25",
      type: "percentage",
      percent: "25",
      amount: null,
      currency: null,
      duration: "forever",
      duration_invoices: null,
      applies_to: { plan_ids: [], meter_codes: [] },
      max_redemptions: null,
      redemption_count: 0,
      archived_at: null,
    });
    expect((await suite.tenant.admin.get(`/v1/coupons/${coupon.id}`)).body).toEqual(coupon);
    const byCode = await suite.tenant.admin.get("/v1/coupons?code=SPRING25");
    expect(byCode.body.data.map((row: { id: string }) => row.id)).toEqual([coupon.id]);
    const clash = await suite.tenant.admin.post("/v1/coupons", {
      code: "spring25",
      name: "Clash",
      type: "percentage",
      percent: "5",
      duration: "once",
    });
    expectProblem(clash, 409, "coupon_code_taken");
    expect(clash.body.errors[0].path).toBe("$.code");
  });

  it("refuses inconsistent terms, naming each field", async () => {
    const paths = async (body: Record<string, unknown>) => {
      const response = await suite.tenant.admin.post("/v1/coupons", {
        code: unique("BAD"),
        name: "Bad",
        ...body,
      });
      expect(response.status).toBe(400);
      return response.body.errors.map((error: { path: string }) => error.path).sort();
    };
    expect(await paths({ type: "percentage", duration: "forever" })).toEqual(["$.percent"]);
    expect(await paths({ type: "percentage", percent: "150", amount: "5", duration: "forever" })).toEqual([
      "$.amount",
      "$.percent",
    ]);
    expect(await paths({ type: "fixed", amount: "10.001", currency: "USD", duration: "once" })).toEqual([
      "$.amount",
    ]);
    expect(await paths({ type: "fixed", amount: "10", duration: "once", percent: "5" })).toEqual([
      "$.currency",
      "$.percent",
    ]);
    expect(await paths({ type: "percentage", percent: "5", duration: "repeating" })).toEqual([
      "$.duration_invoices",
    ]);
    expect(await paths({ type: "percentage", percent: "5", duration: "once", duration_invoices: 3 })).toEqual(
      ["$.duration_invoices"],
    );
    expect(
      await paths({
        type: "percentage",
        percent: "5",
        duration: "forever",
        redeem_by: "2026-01-01T00:00:00Z",
      }),
    ).toEqual(["$.redeem_by"]);
    expect(
      await paths({
        type: "percentage",
        percent: "5",
        duration: "forever",
        applies_to: { plan_ids: ["pln_missing"], meter_codes: ["no-such-meter"] },
      }),
    ).toEqual(["$.applies_to.meter_codes[0]", "$.applies_to.plan_ids[0]"]);
    expect(await paths({ type: "percent", percent: 5, duration: "forever", extra: true })).toEqual(
      expect.arrayContaining(["$.type", "$.percent", "$.extra"]),
    );
  });

  it("limits a coupon to plans and meters that exist and hands the restrictions to invoicing", async () => {
    const meter = await createMeter(suite.tenant.admin, { code: unique("api-calls-") });
    const plan = await createDraftPlan(suite.tenant.admin, {
      code: unique("pro-"),
      name: "Pro",
      version: { charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    });
    const coupon = await newCoupon({
      applies_to: { plan_ids: [plan.id], meter_codes: [meter.code] },
      type: "fixed",
      amount: "5",
      currency: "USD",
      percent: undefined,
      duration: "repeating",
      duration_invoices: 3,
    });
    expect(coupon).toMatchObject({
      amount: "5.00",
      currency: "USD",
      applies_to: { plan_ids: [plan.id], meter_codes: [meter.code] },
    });
    const customerId = await newCustomer();
    const redemption = await redeem(customerId, { coupon_id: coupon.id });
    expect(redemption.status).toBe(201);
    const forInvoicing = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      clock.current,
    );
    expect(forInvoicing.coupons).toEqual([
      {
        id: redemption.body.id,
        discount: { type: "fixed", amount: new Decimal(5) },
        duration: { type: "repeating", invoices: 3 },
      },
    ]);
    expect(forInvoicing.restrictions.get(redemption.body.id)).toEqual({
      planIds: [plan.id],
      meterCodes: [meter.code],
      subscriptionId: null,
      currency: "USD",
    });
  });

  it("refuses archived, expired and exhausted coupons with their own codes", async () => {
    const customerId = await newCustomer();
    const archived = await newCoupon();
    const archive = await suite.tenant.admin.post(`/v1/coupons/${archived.id}/archive`, {
      reason: "campaign over",
    });
    expect(archive.body.archived_at).not.toBeNull();
    const refusedArchived = await redeem(customerId, { coupon_code: archived.code.toLowerCase() });
    expectProblem(refusedArchived, 409, "coupon_archived");
    expect(refusedArchived.body.errors).toMatchObject([{ path: "$.coupon_code", message: "is archived" }]);
    const archivedList = await suite.tenant.admin.get("/v1/coupons?archived=true");
    expect(archivedList.body.data.map((row: { id: string }) => row.id)).toContain(archived.id);

    const expiring = await newCoupon({ redeem_by: new Date(clock.current.getTime() + 60_000).toISOString() });
    clock.current = new Date(clock.current.getTime() + 120_000);
    const refusedExpired = await redeem(customerId, { coupon_id: expiring.id });
    expectProblem(refusedExpired, 409, "coupon_expired");
    expect(refusedExpired.body.errors).toMatchObject([{ path: "$.coupon_id" }]);

    const single = await newCoupon({ max_redemptions: 1 });
    expect((await redeem(customerId, { coupon_id: single.id })).status).toBe(201);
    const refusedExhausted = await redeem(await newCustomer(), { coupon_id: single.id });
    expectProblem(refusedExhausted, 409, "coupon_exhausted");
    expect((await suite.tenant.admin.get(`/v1/coupons/${single.id}`)).body.redemption_count).toBe(1);
  });

  it("lets exactly one of two concurrent redemptions take a coupon's last redemption", async () => {
    const coupon = await newCoupon({ max_redemptions: 1 });
    const [first, second] = await Promise.all([
      suite.tenant.admin.post(`/v1/customers/${await newCustomer()}/coupons`, { coupon_code: coupon.code }),
      suite.tenant.admin.post(`/v1/customers/${await newCustomer()}/coupons`, { coupon_code: coupon.code }),
    ]);
    const statuses = [first?.status, second?.status].sort();
    expect(statuses).toEqual([201, 409]);
    const refused = first?.status === 409 ? first : second;
    expect(refused?.body.code).toBe("coupon_exhausted");
    expect((await suite.tenant.admin.get(`/v1/coupons/${coupon.id}`)).body.redemption_count).toBe(1);
  });

  it("refuses a fixed coupon in another currency than the customer's, a second redemption and bad references", async () => {
    const euros = await newCoupon({ type: "fixed", percent: undefined, amount: "5", currency: "EUR" });
    const dollarCustomer = await newCustomer({ currency: "USD" });
    const mismatch = await redeem(dollarCustomer, { coupon_code: euros.code });
    expectProblem(mismatch, 409, "coupon_currency_mismatch");
    expect(mismatch.body.errors).toMatchObject([
      { path: "$.coupon_code", message: "is in EUR, the customer is billed in USD" },
    ]);
    const customerId = await newCustomer();
    expect((await redeem(customerId, { coupon_code: euros.code })).status).toBe(201);
    const again = await redeem(customerId, { coupon_id: euros.id });
    expectProblem(again, 409, "coupon_already_redeemed");

    const both = await redeem(customerId, { coupon_code: euros.code, coupon_id: euros.id });
    expectRefusedAt(both, "$.coupon_id");
    const neither = await redeem(customerId, {});
    expect(neither.body.errors[0].path).toBe("$.coupon_code");
    const unknown = await redeem(customerId, { coupon_code: "NOPE" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: "$.coupon_code", message: 'no coupon with code "NOPE"' }]);
    const noSubscription = await redeem(customerId, { coupon_id: euros.id, subscription_id: "sub_missing" });
    expectRefusedAt(noSubscription, "$.subscription_id");
    const missingCustomer = await redeem("cus_00000000000000000000000000", { coupon_id: euros.id });
    expect(missingCustomer.status).toBe(404);
  });

  it("binds a redemption to a subscription and checks a fixed coupon against its currency", async () => {
    const customerId = await newCustomer();
    const plan = await createPlan(suite.tenant.admin, {
      code: unique("basic-"),
      name: "Basic",
      version: { charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
    });
    const subscription = await subscribe(suite.tenant.admin, { customer_id: customerId, plan_id: plan.id });
    const euros = await newCoupon({ type: "fixed", percent: undefined, amount: "5", currency: "EUR" });
    const mismatch = await redeem(customerId, { coupon_id: euros.id, subscription_id: subscription.id });
    expectProblem(mismatch, 409, "coupon_currency_mismatch");
    const percent = await newCoupon();
    const bound = await redeem(customerId, { coupon_id: percent.id, subscription_id: subscription.id });
    expect(bound.status).toBe(201);
    expect(bound.body.subscription_id).toBe(subscription.id);
    const forInvoicing = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      clock.current,
    );
    expect(forInvoicing.restrictions.get(bound.body.id)?.subscriptionId).toBe(subscription.id);
  });

  it("removes a redemption: in force before the removal, not after; listed only on request", async () => {
    const customerId = await newCustomer();
    const coupon = await newCoupon({ duration: "once" });
    const redemption = await redeem(customerId, { coupon_code: coupon.code });
    const redeemedAt = clock.current;
    tick();
    const removed = await suite.tenant.admin.delete(
      `/v1/customers/${customerId}/coupons/${redemption.body.id}`,
      {
        "fairbill-reason": "applied by mistake",
      },
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: "removed", removal_reason: "applied by mistake" });
    const removedAt = clock.current;

    const atRedemption = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      redeemedAt,
    );
    expect(atRedemption.coupons.map((entry) => entry.id)).toEqual([redemption.body.id]);
    expect(atRedemption.coupons[0]?.duration).toEqual({ type: "repeating", invoices: 1 });
    const before = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      new Date(redeemedAt.getTime() - 1),
    );
    expect(before.coupons).toEqual([]);
    const after = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      removedAt,
    );
    expect(after.coupons).toEqual([]);

    expect((await suite.tenant.admin.get(`/v1/customers/${customerId}/coupons`)).body.data).toEqual([]);
    const all = await suite.tenant.admin.get(`/v1/customers/${customerId}/coupons?include_removed=true`);
    expect(all.body.data.map((row: { id: string }) => row.id)).toEqual([redemption.body.id]);
    // Removing frees the customer to redeem the coupon again; the removed redemption still counted.
    expect((await redeem(customerId, { coupon_code: coupon.code })).status).toBe(201);
    expect((await suite.tenant.admin.get(`/v1/coupons/${coupon.id}`)).body.redemption_count).toBe(2);
    const gone = await suite.tenant.admin.delete(`/v1/customers/${customerId}/coupons/rdm_missing`);
    expect(gone.status).toBe(404);
  });

  it("feeds the engine in redemption order and stores the counts and discounts it computed", async () => {
    const customerId = await newCustomer();
    const half = await newCoupon({ percent: "50", duration: "once" });
    const fiver = await newCoupon({
      type: "fixed",
      percent: undefined,
      amount: "5",
      currency: "USD",
      duration: "repeating",
      duration_invoices: 2,
    });
    const first = await redeem(customerId, { coupon_code: half.code });
    const second = await redeem(customerId, { coupon_code: fiver.code });

    const settleNext = async (invoiceId: string, amount: string) => {
      const context = suite.tenant.context();
      const account = await couponsFor(suite.testApp.handle.database, context, customerId, clock.current);
      const { invoice, state } = settleInvoice({
        issuedAt: clock.current.getTime(),
        lines: [fixedLine(amount)],
        terms: { currency: currencyFor("USD"), coupons: account.coupons, creditGrants: [] },
        state: {
          couponInvoiceCounts: account.counts,
          grantBalances: new Map(),
          customerBalance: new Decimal(0),
        },
      });
      await context.database.transaction().execute((transaction) =>
        recordCouponUse(transaction, context, {
          invoiceId,
          counts: state.couponInvoiceCounts,
          discounts: invoice.discounts,
        }),
      );
      return invoice;
    };

    const january = await settleNext("inv_january", "100.00");
    expect(january.discounts.map((entry) => [entry.couponId, entry.amount.toFixed()])).toEqual([
      [first.body.id, "50"],
      [second.body.id, "5"],
    ]);
    const redemptions = (await suite.tenant.admin.get(`/v1/customers/${customerId}/coupons`)).body.data;
    const statusOf = (id: string) => redemptions.find((row: { id: string }) => row.id === id);
    expect(statusOf(first.body.id)).toMatchObject({
      invoice_count: 1,
      invoices_remaining: 0,
      status: "completed",
    });
    expect(statusOf(second.body.id)).toMatchObject({
      invoice_count: 1,
      invoices_remaining: 1,
      status: "active",
    });

    const february = await settleNext("inv_february", "100.00");
    expect(february.discounts.map((entry) => [entry.couponId, entry.amount.toFixed()])).toEqual([
      [second.body.id, "5"],
    ]);
    const march = await couponsFor(
      suite.testApp.handle.database,
      suite.tenant.context(),
      customerId,
      clock.current,
    );
    expect(march.coupons).toEqual([]);

    const stored = await suite.testApp.handle.database
      .selectFrom("coupon_discounts")
      .select(["redemption_id", "invoice_id", "amount"])
      .where("redemption_id", "in", [first.body.id, second.body.id])
      .orderBy("invoice_id")
      .orderBy("redemption_id")
      .execute();
    expect(
      stored.map((row) => [row.invoice_id, row.redemption_id, new Decimal(row.amount).toFixed()]),
    ).toEqual(
      [
        ["inv_february", second.body.id, "5"],
        ["inv_january", first.body.id, "50"],
        ["inv_january", second.body.id, "5"],
      ].sort((left, right) => `${left[0]}${left[1]}`.localeCompare(`${right[0]}${right[1]}`)),
    );
    const audit = await auditTrailOf(suite.testApp.handle.database, "inv_january");
    expect(audit.map((entry) => entry.action)).toEqual(["coupons.applied"]);
  });

  it("discounts only the lines of the subscription a coupon was redeemed for, on an invoice that bills several", async () => {
    // A customer with three subscriptions billed together on the 1st of each month: A on pro (10.00 in
    // advance and calls at 1.00), B and C both on seats (20.00 in advance). HALF (50%) is redeemed for B,
    // CALLS (10% off the calls meter) for A, the day before.
    clock.set("2026-06-30T00:00:00Z");
    const meter = await createMeter(suite.tenant.admin, {
      code: unique("calls-"),
      event_name: unique("call-"),
      effective_from: "2026-06-01T00:00:00Z",
    });
    const pro = await createPlan(suite.tenant.admin, {
      code: unique("pro-"),
      version: {
        charges: [
          { id: "base", type: "fixed", amount: "10.00", timing: "in_advance" },
          { id: "calls", type: "usage", meter: meter.code, model: "per_unit", unit_price: "1.00" },
        ],
      },
    });
    const seats = await createPlan(suite.tenant.admin, {
      code: unique("seats-"),
      version: { charges: [{ id: "seats", type: "fixed", amount: "20.00", timing: "in_advance" }] },
    });
    const customer = await createCustomer(suite.tenant.admin, { currency: "USD", timezone: "UTC" });
    const subscribeTo = (planId: string) =>
      subscribe(suite.tenant.admin, {
        customer_id: customer.id,
        plan_id: planId,
        start_at: "2026-07-01T00:00:00Z",
        billing: "calendar",
      });
    const a = await subscribeTo(pro.id);
    const b = await subscribeTo(seats.id);
    await subscribeTo(seats.id);
    const half = await newCoupon({ percent: "50" });
    const calls = await newCoupon({ applies_to: { meter_codes: [meter.code] } });
    const halfForB = await redeem(customer.id, { coupon_id: half.id, subscription_id: b.id });
    const callsForA = await redeem(customer.id, { coupon_id: calls.id, subscription_id: a.id });
    expect([halfForB.status, callsForA.status]).toEqual([201, 201]);

    clock.set("2026-07-01T00:00:00Z");
    expect((await suite.tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body).toEqual({
      issued: 1,
      finalized: 1,
    });
    clock.set("2026-07-20T00:00:00Z");
    await ingestEvents(
      suite.tenant.admin,
      Array.from({ length: 10 }, (_, index) => ({
        id: unique("call-event-"),
        name: meter.event_name,
        timestamp: `2026-07-${String(index + 10)}T00:00:00Z`,
        customer: customer.external_id,
        properties: {},
      })),
    );
    clock.set("2026-08-01T00:00:00Z");
    expect((await suite.tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body).toEqual({
      issued: 1,
      finalized: 1,
    });
    const invoices = [
      ...(await suite.tenant.admin.get(`/v1/invoices?customer_id=${customer.id}&limit=10`)).body.data,
    ].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
    const figures = (invoice: {
      subtotal: string;
      discount: string;
      total: string;
      discounts: { redemption_id: string; amount: string }[];
    }) => ({
      subtotal: invoice.subtotal,
      discounts: invoice.discounts.map((entry) => [entry.redemption_id, entry.amount]),
      discount: invoice.discount,
      total: invoice.total,
    });
    // 1 July: A 10.00, B 20.00, C 20.00. HALF takes 50% of B's 20.00; CALLS has no calls line of A to take from.
    expect(figures(invoices[0])).toEqual({
      subtotal: "50.00",
      discounts: [[halfForB.body.id, "10.00"]],
      discount: "10.00",
      total: "40.00",
    });
    // 1 August: A's 10 calls 10.00 and 10.00, B 20.00, C 20.00. HALF 10.00; CALLS 10% of A's calls, 1.00.
    expect(figures(invoices[1])).toEqual({
      subtotal: "60.00",
      discounts: [
        [halfForB.body.id, "10.00"],
        [callsForA.body.id, "1.00"],
      ],
      discount: "11.00",
      total: "49.00",
    });
    // CALLS counted only the invoice that had A's calls on it.
    const redemptions = (await suite.tenant.admin.get(`/v1/customers/${customer.id}/coupons`)).body.data;
    const countOf = (id: string) => redemptions.find((row: { id: string }) => row.id === id)?.invoice_count;
    expect([countOf(halfForB.body.id), countOf(callsForA.body.id)]).toEqual([2, 1]);
  });
});
