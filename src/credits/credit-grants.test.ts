import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditLedgerEntry } from "../../test/support/api-types.ts";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer } from "../../test/support/builders.ts";
import {
  grantCredits,
  openWallet,
  requestCreditGrant,
  topUpWallet,
} from "../../test/support/credit-grants.ts";
import { readEveryPage } from "../../test/support/paged-lists.ts";
import { expectProblem, expectRefusedAt, expectRefusedFields } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import { Decimal, sumDecimals } from "../core/index.ts";
import { expireCredits } from "./credit-expiry.ts";

// A clock the tests move, so that grants expire and become effective on cue.
const clock = new TestClock("2026-03-01T00:00:00Z");

const suite = testAppForFile({ clock, allowPrivateTargets: true });
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

const newCustomer = async () => (await createCustomer(suite.tenant.admin)).id;

/** Every ledger entry of the customer in `currency`, oldest first, read through the API. */
async function ledgerOf(customerId: string, currency = "USD") {
  const entries = await readEveryPage<CreditLedgerEntry>(
    suite.tenant.admin,
    `/v1/customers/${customerId}/credit-ledger?currency=${currency}&limit=2`,
  );
  return entries.reverse();
}

/** The ledger adds up: each grant's remaining is the sum of its entries, the account's balance the sum of all. */
async function expectLedgerBalances(customerId: string, currency = "USD") {
  const entries = await ledgerOf(customerId, currency);
  const grants = (
    await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-grants?currency=${currency}&limit=100`)
  ).body.data;
  for (const grant of grants) {
    const sum = sumDecimals(
      entries.filter((entry) => entry.grant_id === grant.id).map((entry) => new Decimal(entry.amount)),
    );
    expect(sum.toFixed(2), `grant ${grant.id}`).toBe(grant.remaining);
  }
  const total = sumDecimals(entries.map((entry) => new Decimal(entry.amount)));
  const last = entries.at(-1);
  if (last) expect(last.balance_after).toBe(total.toFixed(2));
  // Each entry's balance_after is the running sum up to it.
  let running = new Decimal(0);
  for (const entry of entries) {
    running = running.plus(entry.amount);
    expect(entry.balance_after).toBe(running.toFixed(2));
  }
  const balances = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
  const account = balances.body.data.find((row: { currency: string }) => row.currency === currency);
  expect(account.ledger_balance).toBe(total.toFixed(2));
  return entries;
}

describe("credit grants", () => {
  it("grants promotional credits, with an increment on the ledger and an audit entry", async () => {
    const customerId = await newCustomer();
    const created = await grantCredits(suite.tenant.admin, customerId, {
      name: "Welcome credits",
      amount: "50",
      metadata: { campaign: "spring" },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^cgr_/),
      customer_id: customerId,
      amount: "50.00",
      remaining: "50.00",
      cost_basis: null,
      priority: 100,
      effective_at: clock.current.toISOString(),
      expires_at: null,
      status: "active",
      wallet_id: null,
    });
    // The answer to the grant warns of nothing for free credits; reading it back gives the grant itself.
    const { warnings, ...grant } = created;
    expect(warnings).toEqual([]);
    expect((await suite.tenant.admin.get(`/v1/credit-grants/${created.id}`)).body).toEqual(grant);

    const entries = await expectLedgerBalances(customerId);
    expect(entries).toMatchObject([
      { kind: "increment", grant_id: created.id, amount: "50.00", grant_balance_after: "50.00" },
    ]);
    const audit = await auditTrailOf(suite.testApp.handle.database, created.id);
    expect(audit.map((entry) => entry.action)).toEqual(["credit_grant.created"]);
  });

  it("sends credit.granted with the grant as the API shows it: by hand, a purchased top-up, a free one", async () => {
    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/credits"),
      event_types: ["credit.granted"],
    });
    expect(endpoint.status).toBe(201);
    const customerId = await newCustomer();
    const byHand = await grantCredits(suite.tenant.admin, customerId, {
      name: "Annual commitment",
      amount: "1200",
      type: "purchased",
      cost_basis: "1000",
    });
    const wallet = await openWallet(suite.tenant.admin, customerId, { rate: "10" });
    const purchased = await topUpWallet(suite.tenant.admin, wallet.id, {
      amount: "500",
      reason: "bought credits",
    });
    const free = await topUpWallet(suite.tenant.admin, wallet.id, {
      amount: "100",
      paid_amount: "0",
      reason: "goodwill",
    });
    // Voiding a grant grants nothing.
    await suite.tenant.admin.post(`/v1/credit-grants/${byHand.id}/void`, { reason: "contract cancelled" });

    await suite.testApp.runJobs();
    const delivered = receiver.verified("/credits", endpoint.body.secret);
    const timestamp = clock.current.toISOString();
    expect(delivered).toHaveLength(3);
    // Granted by hand as purchased, the answer also warns that no VAT was invoiced (not part of the grant).
    const { warnings, ...byHandGrant } = byHand;
    expect(warnings.map((warning: { code: string }) => warning.code)).toEqual(["vat_not_invoiced"]);
    for (const grant of [byHandGrant, purchased.grant, free.grant]) {
      expect(delivered).toContainEqual({
        id: expect.any(String),
        type: "credit.granted",
        timestamp,
        data: grant,
      });
    }
    expect(purchased.grant).toMatchObject({
      type: "purchased",
      cost_basis: "50.00",
      wallet_id: wallet.id,
    });
    expect(free.grant).toMatchObject({
      type: "promotional",
      cost_basis: null,
      wallet_id: wallet.id,
    });
  });

  it("needs a cost basis for purchased credits and refuses one for promotional credits", async () => {
    const customerId = await newCustomer();
    const purchased = await grantCredits(suite.tenant.admin, customerId, {
      name: "Prepaid",
      amount: "100",
      currency: "EUR",
      type: "purchased",
      cost_basis: "90",
      priority: 10,
    });
    expect(purchased).toMatchObject({ type: "purchased", cost_basis: "90.00", priority: 10 });

    const missing = requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Prepaid",
      amount: "100",
      currency: "EUR",
      type: "purchased",
    });
    expect(await expectRefusedFields(missing)).toEqual(["$.cost_basis"]);

    const free = await requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Gift",
      amount: "10",
      currency: "EUR",
      cost_basis: "5",
    });
    expectRefusedAt(free, "$.cost_basis");
  });

  it("reports every bad field by path", async () => {
    const customerId = await newCustomer();
    const bad = requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Bad",
      amount: "10.001",
      effective_at: "2026-04-01T00:00:00Z",
      expires_at: "2026-03-15T00:00:00Z",
    });
    expect((await expectRefusedFields(bad)).sort()).toEqual(["$.amount", "$.expires_at"]);
    const zero = requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Zero",
      amount: "0",
      currency: "XYZ",
    });
    expect((await expectRefusedFields(zero)).sort()).toEqual(["$.amount", "$.currency"]);
    const past = await requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Past",
      amount: "1",
      effective_at: "2025-01-01T00:00:00Z",
      expires_at: "2025-02-01T00:00:00Z",
    });
    expect(past.body.errors).toEqual([
      { path: "$.expires_at", message: "is in the past: the credits would never be usable" },
    ]);
    const schema = await requestCreditGrant(suite.tenant.admin, customerId, {
      name: "Schema",
      amount: 5,
      type: "free",
      surprise: 1,
    });
    expect(schema.status).toBe(400);
    const paths = schema.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["$.amount", "$.type", "$.surprise"]));
  });

  it("answers 404 for an unknown customer and 409 for an archived one", async () => {
    const unknown = await requestCreditGrant(suite.tenant.admin, "cus_00000000000000000000000000", {
      name: "Nobody",
      amount: "1",
    });
    expect(unknown.status).toBe(404);
    const customerId = await newCustomer();
    await suite.tenant.admin.post(`/v1/customers/${customerId}/archive`, {});
    const archived = await requestCreditGrant(suite.tenant.admin, customerId, { name: "Late", amount: "1" });
    expectProblem(archived, 409, "customer_archived");
  });

  it("voids what is left of a grant with a void entry, once", async () => {
    const customerId = await newCustomer();
    const grant = await grantCredits(suite.tenant.admin, customerId, {
      name: "Mistake",
      amount: "25.50",
    });
    const voided = await suite.tenant.admin.post(`/v1/credit-grants/${grant.id}/void`, {
      reason: "granted to the wrong customer",
    });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      status: "voided",
      remaining: "0.00",
      void_reason: "granted to the wrong customer",
    });
    const entries = await expectLedgerBalances(customerId);
    expect(entries.map((entry) => [entry.kind, entry.amount, entry.reason])).toEqual([
      ["increment", "25.50", null],
      ["void", "-25.50", "granted to the wrong customer"],
    ]);
    const again = await suite.tenant.admin.post(`/v1/credit-grants/${grant.id}/void`, { reason: "twice" });
    expectProblem(again, 409, "credit_grant_voided");
    const noReason = await suite.tenant.admin.post(`/v1/credit-grants/${grant.id}/void`, {});
    expectRefusedAt(noReason, "$.reason");
    const audit = await auditTrailOf(suite.testApp.handle.database, grant.id);
    expect(audit).toEqual([
      { action: "credit_grant.created", reason: null },
      { action: "credit_grant.voided", reason: "granted to the wrong customer" },
    ]);
  });

  it("counts a grant as available only inside its window, even before the expiry is written", async () => {
    const customerId = await newCustomer();
    const later = await grantCredits(suite.tenant.admin, customerId, {
      name: "Next month",
      amount: "30",
      effective_at: "2026-04-01T00:00:00Z",
    });
    const expiring = await grantCredits(suite.tenant.admin, customerId, {
      name: "Short-lived",
      amount: "20",
      expires_at: "2026-03-10T00:00:00Z",
    });
    const balancesNow = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
    expect(balancesNow.body.data).toMatchObject([
      { currency: "USD", available: "20.00", scheduled: "30.00", ledger_balance: "50.00" },
    ]);
    await clock.restoredAfter(async () => {
      clock.current = new Date("2026-03-10T00:00:00Z");
      const atExpiry = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
      expect(atExpiry.body.data[0]).toMatchObject({
        available: "0.00",
        scheduled: "30.00",
        ledger_balance: "50.00",
      });
      const statuses = Object.fromEntries(
        atExpiry.body.data[0].grants.map((grant: { grant_id: string; status: string }) => [
          grant.grant_id,
          grant.status,
        ]),
      );
      expect(statuses).toEqual({ [later.id]: "scheduled", [expiring.id]: "expired" });

      const result = await expireCredits(
        suite.testApp.handle.database,
        suite.tenant.context(),
        clock.current,
      );
      expect(result.expiredGrants).toBeGreaterThanOrEqual(1);
      const entries = await expectLedgerBalances(customerId);
      expect(entries.at(-1)).toMatchObject({
        kind: "expiry",
        grant_id: expiring.id,
        amount: "-20.00",
        occurred_at: "2026-03-10T00:00:00.000Z",
        balance_after: "30.00",
      });
      const again = await expireCredits(suite.testApp.handle.database, suite.tenant.context(), clock.current);
      expect(again.expiredGrants).toBe(0);

      clock.current = new Date("2026-04-01T00:00:00Z");
      const effective = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
      expect(effective.body.data[0]).toMatchObject({
        available: "30.00",
        scheduled: "0.00",
        ledger_balance: "30.00",
      });
    });
  });

  it("voids an expired grant with an expiry entry dated at its expiry, not a void", async () => {
    const customerId = await newCustomer();
    const grant = await grantCredits(suite.tenant.admin, customerId, {
      name: "Trial credits",
      amount: "5",
      expires_at: "2026-03-02T00:00:00Z",
    });
    await clock.restoredAfter(async () => {
      clock.current = new Date("2026-03-05T00:00:00Z");
      const voided = await suite.tenant.admin.post(`/v1/credit-grants/${grant.id}/void`, {
        reason: "cleanup",
      });
      expect(voided.body.status).toBe("voided");
      const entries = await expectLedgerBalances(customerId);
      expect(entries.map((entry) => [entry.kind, entry.occurred_at])).toEqual([
        ["increment", "2026-03-01T00:00:00.000Z"],
        ["expiry", "2026-03-02T00:00:00.000Z"],
      ]);
    });
  });

  it("lists a customer's grants newest first with filters and pages, and keeps other customers' apart", async () => {
    const customerId = await newCustomer();
    const ids: string[] = [];
    const start = clock.current;
    // Ids order by creation time; a millisecond apart they order as created. The clock stays moved on.
    for (const [index, currency] of ["USD", "EUR", "USD"].entries()) {
      clock.current = new Date(start.getTime() + index);
      const response = await grantCredits(suite.tenant.admin, customerId, {
        name: `${currency} grant`,
        amount: "1",
        currency,
      });
      ids.push(response.id);
    }
    const first = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-grants?limit=2`);
    expect(first.body.data.map((grant: { id: string }) => grant.id)).toEqual([ids[2], ids[1]]);
    const second = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/credit-grants?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: ids[0] })], next_cursor: null });
    const euros = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-grants?currency=EUR`);
    expect(euros.body.data.map((grant: { id: string }) => grant.id)).toEqual([ids[1]]);
    const balances = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
    expect(
      balances.body.data.map((row: { currency: string; available: string }) => [row.currency, row.available]),
    ).toEqual([
      ["EUR", "1.00"],
      ["USD", "2.00"],
    ]);
    const badCursor = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/credit-ledger?cursor=nonsense`,
    );
    expectRefusedAt(badCursor, "query.cursor");
    const otherCustomer = await newCustomer();
    expect((await suite.tenant.admin.get(`/v1/customers/${otherCustomer}/credit-grants`)).body.data).toEqual(
      [],
    );
  });
});
