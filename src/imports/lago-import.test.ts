// The Lago importer against a local server that speaks Lago's API (read
// through the official lago-javascript-client): an organization of 24
// customers across standard, graduated, volume, package and percentage
// charges, a charge with filters, a charge paid in advance, a minimum
// commitment and a trial, wallets, coupons (one limited to a plan), applied
// coupons and finalized invoices, and records with no exact Fairbill
// equivalent. A wrong key fails the import naming the key; a dry run changes
// nothing; the import creates what maps exactly and lists the rest for a
// person with the reason; a second run creates nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compareImportedInvoices,
  expectDryRunToldTheSameStory,
  expectNoSourceKeyKept,
  expectSecondRunCreatedNothing,
  importRecordsOf,
  reasonsBySourceRecord,
  runImportJob,
} from "../../test/support/imports.ts";
import {
  type LocalLago,
  lagoAppliedCoupon,
  lagoBillableMetric,
  lagoCharge,
  lagoCoupon,
  lagoCustomer,
  lagoInvoice,
  lagoPlan,
  lagoSubscription,
  lagoWallet,
  startLocalLago,
} from "../../test/support/local-lago-server.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";

let lago: LocalLago;
const suite = testAppForFile({ allowPrivateTargets: true, tenantName: "Leaving Lago" });

const day = 86_400_000;
const today = Date.now() - (Date.now() % day);
const dayAt = (days: number) => new Date(today + days * day).toISOString();
/** Lago ends a period on its last second. */
const lastSecondBefore = (days: number) => new Date(today + days * day - 1000).toISOString();

const planOfIndex = ["starter", "storage", "volume_yearly", "packages", "payments", "ai"] as const;

/** The starter plan's charge, which has a code of its own: an old invoice's fee names it by its Lago id. */
const starterCalls = lagoCharge({
  metric: "api_calls",
  code: "api_requests",
  model: "standard",
  properties: { amount: "0.01" },
});

function seedOrganization(): void {
  lago.add(
    "billable_metrics",
    lagoBillableMetric({ code: "api_calls", aggregation: "count_agg" }),
    lagoBillableMetric({ code: "storage_gb", aggregation: "sum_agg", fieldName: "gb" }),
    lagoBillableMetric({ code: "payments", aggregation: "sum_agg", fieldName: "amount" }),
    lagoBillableMetric({
      code: "tokens",
      aggregation: "sum_agg",
      fieldName: "tokens",
      filters: [{ key: "model", values: ["gpt", "claude", "mistral"] }],
    }),
    lagoBillableMetric({ code: "active_users", aggregation: "unique_count_agg", fieldName: "user_id" }),
    lagoBillableMetric({ code: "seats_held", aggregation: "sum_agg", fieldName: "seats", recurring: true }),
  );
  lago.add(
    "plans",
    lagoPlan({
      code: "starter",
      amountCents: 1900,
      payInAdvance: true,
      trialPeriod: 14,
      charges: [starterCalls],
    }),
    lagoPlan({
      code: "storage",
      amountCents: 4900,
      charges: [
        lagoCharge({
          metric: "storage_gb",
          model: "graduated",
          properties: {
            graduated_ranges: [
              { from_value: 0, to_value: 100, per_unit_amount: "0.50", flat_amount: "0" },
              { from_value: 101, to_value: null, per_unit_amount: "0.25", flat_amount: "10" },
            ],
          },
        }),
      ],
    }),
    lagoPlan({
      code: "volume_yearly",
      interval: "yearly",
      amountCents: 49000,
      payInAdvance: true,
      minimumCommitmentCents: 60000,
      charges: [
        lagoCharge({
          metric: "api_calls",
          model: "volume",
          properties: {
            volume_ranges: [
              { from_value: 0, to_value: 10000, per_unit_amount: "0.002", flat_amount: "0" },
              { from_value: 10001, to_value: null, per_unit_amount: "0.001", flat_amount: "5" },
            ],
          },
        }),
      ],
    }),
    lagoPlan({
      code: "packages",
      amountCents: 0,
      charges: [
        lagoCharge({
          metric: "api_calls",
          model: "package",
          payInAdvance: true,
          properties: { amount: "5.00", package_size: 1000, free_units: 100 },
        }),
      ],
    }),
    lagoPlan({
      code: "payments",
      amountCents: 0,
      charges: [
        lagoCharge({
          metric: "payments",
          model: "percentage",
          properties: {
            rate: "1.5",
            fixed_amount: "0.25",
            free_units_per_events: null,
            free_units_per_total_aggregation: null,
            per_transaction_min_amount: "0.10",
            per_transaction_max_amount: "5",
          },
        }),
      ],
    }),
    lagoPlan({
      code: "ai",
      amountCents: 2900,
      charges: [
        lagoCharge({
          metric: "tokens",
          model: "standard",
          properties: { amount: "0.002" },
          filters: [
            { values: { model: ["gpt"] }, properties: { amount: "0.003" } },
            { values: { model: ["claude", "mistral"] }, properties: { amount: "0.0025" } },
          ],
        }),
        lagoCharge({ metric: "active_users", model: "standard", properties: { amount: "1" } }),
      ],
    }),
    lagoPlan({
      code: "percent_tiers",
      amountCents: 0,
      charges: [
        lagoCharge({
          metric: "payments",
          model: "graduated_percentage",
          properties: {
            graduated_percentage_ranges: [{ from_value: 0, to_value: null, rate: "1", flat_amount: "0" }],
          },
        }),
      ],
    }),
    lagoPlan({
      code: "seats",
      amountCents: 0,
      charges: [lagoCharge({ metric: "seats_held", model: "standard", properties: { amount: "10" } })],
    }),
  );
  lago.add(
    "coupons",
    lagoCoupon({
      code: "WELCOME",
      type: "percentage",
      percentageRate: "10.0",
      frequency: "recurring",
      frequencyDuration: 3,
    }),
    lagoCoupon({ code: "TENOFF", type: "fixed_amount", amountCents: 1000, frequency: "once" }),
    lagoCoupon({
      code: "LOYAL",
      type: "percentage",
      percentageRate: "5",
      frequency: "forever",
      planCodes: ["starter"],
    }),
  );
  for (let index = 0; index < 24; index++) {
    const externalId = `cust_${String(index).padStart(2, "0")}`;
    lago.add(
      "customers",
      lagoCustomer({
        externalId,
        name: `Customer ${index}`,
        country: index % 2 === 0 ? "FR" : "DE",
        ...(index % 2 === 0 ? { taxNumber: `FR${String(10000000000 + index)}` } : {}),
        ...(index === 1 ? { netPaymentTerm: 30 } : {}),
      }),
    );
    const plan = index === 20 ? "percent_tiers" : index === 21 ? "seats" : planOfIndex[index % 6];
    lago.add(
      "subscriptions",
      lagoSubscription({
        externalId: `sub_${String(index).padStart(2, "0")}`,
        customer: externalId,
        plan: plan as string,
        startedAt: dayAt(-40),
        periodStart: dayAt(-10),
        periodEnd: lastSecondBefore(20),
        ...(index === 22 ? { endingAt: dayAt(30) } : {}),
        ...(index === 23 ? { status: "pending" as const, startedAt: dayAt(5) } : {}),
        ...(index === 19 ? { billingTime: "calendar" as const } : {}),
      }),
    );
  }
  lago.add(
    "applied_coupons",
    lagoAppliedCoupon({ couponCode: "WELCOME", customer: "cust_01" }),
    lagoAppliedCoupon({ couponCode: "TENOFF", customer: "cust_02" }),
  );
  lago.add(
    "wallets",
    lagoWallet({ customer: "cust_03", rateAmount: "1.0", creditsBalance: "50.0", balanceCents: 5000 }),
    lagoWallet({ customer: "cust_04", rateAmount: "0.5", creditsBalance: "20.0", balanceCents: 1000 }),
    lagoWallet({
      customer: "cust_05",
      rateAmount: "1.0",
      creditsBalance: "0.0",
      balanceCents: 0,
      status: "terminated",
    }),
  );
  for (const [number, start] of [
    ["LAG-0001", -70],
    ["LAG-0002", -40],
  ] as const) {
    lago.add(
      "invoices",
      lagoInvoice({
        number,
        customer: "cust_00",
        issuingDate: dayAt(start + 30).slice(0, 10),
        // The second invoice had a coupon: 1.00 off before tax.
        ...(number === "LAG-0002" ? { couponsCents: 100 } : {}),
        fees: [
          {
            type: "subscription",
            code: "starter",
            units: "1.0",
            unitAmount: "19.0",
            amountCents: 1900,
            taxesCents: 380,
            from: dayAt(start + 30),
            to: lastSecondBefore(start + 60),
          },
          {
            type: "charge",
            chargeLagoId: starterCalls.lago_id,
            code: "api_calls",
            units: "1234.0",
            unitAmount: "0.01",
            amountCents: 1234,
            taxesCents: 247,
            from: dayAt(start),
            to: lastSecondBefore(start + 30),
          },
        ],
      }),
    );
  }
  lago.add(
    "invoices",
    lagoInvoice({
      number: "LAG-0003",
      customer: "cust_03",
      issuingDate: dayAt(-60).slice(0, 10),
      type: "credit",
      fees: [],
    }),
    lagoInvoice({
      number: "LAG-DRAFT",
      customer: "cust_00",
      issuingDate: dayAt(-1).slice(0, 10),
      status: "draft",
      fees: [],
    }),
  );
}

function importLago(dryRun: boolean, apiKey = lago.apiKey): Promise<LooseJson> {
  return runImportJob(suite.testApp, suite.tenant.admin, {
    source: "lago",
    dry_run: dryRun,
    lago: { api_url: lago.url, api_key: apiKey },
  });
}

async function customerOf(externalId: string): Promise<LooseJson> {
  return (await suite.tenant.admin.get(`/v1/customers?external_id=${externalId}`)).body.data[0];
}

beforeAll(async () => {
  lago = await startLocalLago();
  seedOrganization();
});
afterAll(async () => {
  await lago?.close();
});

describe("importing a Lago organization", () => {
  let firstImport: LooseJson;
  let dryRun: LooseJson;

  it("fails with a clear error naming the key when Lago refuses it, and keeps no key", async () => {
    const failed = await importLago(false, "wrong_key");
    expect(failed.status).toBe("failed");
    expect(failed.failure).toMatch(/Lago refused the API key \(lago\.api_key\) with 401/);
    await expectNoSourceKeyKept(suite.testApp);
  });

  it("reports in a dry run what it would do, and changes nothing", async () => {
    dryRun = await importLago(true);
    expect(dryRun.status, dryRun.failure).toBe("completed");
    expect(dryRun.records_done).toBe(dryRun.records_total);
    expect(dryRun.created).toBeGreaterThan(50);
    expect((await suite.tenant.admin.get("/v1/customers?limit=5")).body.data).toEqual([]);
    expect((await suite.tenant.admin.get("/v1/plans")).body.data).toEqual([]);
    expect((await suite.tenant.admin.get("/v1/meters")).body.data).toEqual([]);
    expect(await suite.testApp.handle.database.selectFrom("imported_invoices").selectAll().execute()).toEqual(
      [],
    );
  });

  it("creates what maps exactly and leaves the rest for a person, with the reason and the source record", async () => {
    firstImport = await importLago(false);
    expect(firstImport.status, firstImport.failure).toBe("completed");
    const refused = await importRecordsOf(suite.tenant.admin, firstImport.id, "refused");
    const reasons = reasonsBySourceRecord(refused);
    expect(Object.keys(reasons).sort()).toEqual(
      [
        "billable_metric seats_held",
        "plan percent_tiers",
        "plan seats",
        "subscription sub_20",
        "subscription sub_21",
        "subscription sub_22",
      ].sort(),
    );
    expect(reasons["billable_metric seats_held"]).toMatch(/a recurring metric/);
    expect(reasons["plan percent_tiers"]).toMatch(/Fairbill has no graduated_percentage charge model/);
    expect(reasons["plan seats"]).toMatch(/billable metric seats_held could not be imported/);
    expect(reasons["subscription sub_20"]).toMatch(/plan percent_tiers was not imported/);
    expect(reasons["subscription sub_22"]).toMatch(/set to end on/);
    const plan = refused.find((record) => record.source_id === "percent_tiers");
    expect(plan.source_record).toMatchObject({
      code: "percent_tiers",
      charges: [{ charge_model: "graduated_percentage" }],
    });

    const skipped = await importRecordsOf(suite.tenant.admin, firstImport.id, "skipped");
    expect(skipped.map((record) => `${record.source_type}: ${record.reason}`).sort()).toEqual([
      "invoice: a credit invoice: a parallel run compares subscription invoices",
      "wallet: terminated in Lago",
    ]);
    const created = await importRecordsOf(suite.tenant.admin, firstImport.id, "created");
    const createdOf = (type: string) => created.filter((record) => record.source_type === type);
    expect(createdOf("billable_metric")).toHaveLength(5);
    expect(createdOf("plan")).toHaveLength(6);
    expect(createdOf("coupon")).toHaveLength(3);
    expect(createdOf("customer")).toHaveLength(24);
    expect(createdOf("subscription")).toHaveLength(21);
    expect(createdOf("applied_coupon")).toHaveLength(2);
    expect(createdOf("wallet")).toHaveLength(2);
    expect(createdOf("wallet.credits")).toHaveLength(2);
    expect(createdOf("invoice")).toHaveLength(2);
    expectDryRunToldTheSameStory(dryRun, firstImport);
  });

  it("maps each charge model, the filters, the fee, the trial and the minimum commitment", async () => {
    const plans: LooseJson[] = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data;
    const versionOf = async (code: string) => {
      const plan = plans.find((candidate) => candidate.code === code);
      expect(plan, code).toBeDefined();
      return (await suite.tenant.admin.get(`/v1/plans/${plan.id}/versions/1`)).body;
    };
    const starter = await versionOf("starter");
    expect(starter).toMatchObject({ state: "published", currency: "EUR", interval: "month", trial_days: 14 });
    expect(starter.charges).toEqual([
      expect.objectContaining({ id: "subscription_fee", type: "fixed", amount: "19", timing: "in_advance" }),
      expect.objectContaining({
        id: "api_requests",
        meter: "api_calls",
        model: "per_unit",
        unit_price: "0.01",
      }),
    ]);
    expect((await versionOf("storage")).charges[1]).toMatchObject({
      model: "graduated",
      tiers: [
        { up_to: "100", unit_price: "0.5" },
        { up_to: null, unit_price: "0.25", flat_fee: "10" },
      ],
    });
    const yearly = await versionOf("volume_yearly");
    expect(yearly).toMatchObject({ interval: "year", minimum_commitment: "600" });
    expect(yearly.charges[1]).toMatchObject({ model: "volume" });
    expect((await versionOf("packages")).charges).toEqual([
      expect.objectContaining({
        model: "package",
        package_size: "1000",
        package_price: "5",
        free_units: "100",
        timing: "in_advance",
      }),
    ]);
    expect((await versionOf("payments")).charges[0]).toMatchObject({
      model: "percentage",
      rate: "1.5",
      fixed_fee: "0.25",
      per_transaction_min: "0.1",
      per_transaction_max: "5",
    });
    expect((await versionOf("ai")).charges[1]).toMatchObject({
      meter: "tokens",
      dimensions: ["model"],
      prices: [
        { match: { model: "gpt" }, model: "per_unit", unit_price: "0.003" },
        { match: { model: "claude" }, model: "per_unit", unit_price: "0.0025" },
        { match: { model: "mistral" }, model: "per_unit", unit_price: "0.0025" },
      ],
      default: { model: "per_unit", unit_price: "0.002" },
    });
    const meters: LooseJson[] = (await suite.tenant.admin.get("/v1/meters?limit=100")).body.data;
    expect(meters.find((meter) => meter.code === "tokens")).toMatchObject({
      aggregation: "sum",
      property: "tokens",
      group_by: ["model"],
    });
    expect(meters.find((meter) => meter.code === "active_users")).toMatchObject({
      aggregation: "unique_count",
    });
  });

  it("keeps customers, subscriptions, coupons, wallets and invoices as history", async () => {
    const french = await customerOf("cust_00");
    expect(french).toMatchObject({
      name: "Customer 0",
      email: "cust_00@example.com",
      country: "FR",
      currency: "EUR",
      locale: "fr",
      billing_address: {
        line1: "cust_00 Rue de la Paix",
        city: "Paris",
        postal_code: "75002",
        country: "FR",
      },
      tax_ids: [{ type: "tax_id", value: "FR10000000000" }],
      metadata: { segment: "smb" },
    });
    expect((await customerOf("cust_01")).invoice_settings).toMatchObject({ net_payment_terms_days: 30 });

    const subscriptions: LooseJson[] = (
      await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${french.id}`)
    ).body.data;
    expect(subscriptions[0]).toMatchObject({
      external_id: "sub_00",
      started_at: dayAt(-40),
      billed_through: dayAt(-10),
      // Lago's period ends on its last second; Fairbill bills at the next period's start.
      next_billing_at: dayAt(20),
    });
    const calendar = (
      await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${(await customerOf("cust_19")).id}`)
    ).body.data[0];
    expect(calendar.billing).toBe("calendar");

    const coupons: LooseJson[] = (await suite.tenant.admin.get("/v1/coupons")).body.data;
    const starterPlan = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data.find(
      (plan: LooseJson) => plan.code === "starter",
    );
    expect(coupons.find((coupon) => coupon.code === "LOYAL")).toMatchObject({
      type: "percentage",
      percent: "5",
      duration: "forever",
      applies_to: { plan_ids: [starterPlan.id] },
    });
    expect(coupons.find((coupon) => coupon.code === "WELCOME")).toMatchObject({
      duration: "repeating",
      duration_invoices: 3,
    });
    expect(coupons.find((coupon) => coupon.code === "TENOFF")).toMatchObject({
      type: "fixed",
      amount: "10.00",
      currency: "EUR",
      duration: "once",
    });
    const redemptions = await suite.tenant.admin.get(
      `/v1/customers/${(await customerOf("cust_01")).id}/coupons`,
    );
    expect(redemptions.body.data).toEqual([expect.objectContaining({ coupon_code: "WELCOME" })]);

    const wallets = await suite.tenant.admin.get(`/v1/customers/${(await customerOf("cust_04")).id}/wallets`);
    expect(wallets.body.data).toEqual([
      expect.objectContaining({ currency: "EUR", rate: "2", balance: "10.00", credits: "20" }),
    ]);

    const history = await suite.testApp.handle.database
      .selectFrom("imported_invoices")
      .selectAll()
      .orderBy("number")
      .execute();
    expect(history.map((invoice) => [invoice.number, invoice.customer_external_id, invoice.total])).toEqual([
      ["LAG-0001", "cust_00", "37.61"],
      ["LAG-0002", "cust_00", "36.61"],
    ]);
    expect(history[1]).toMatchObject({
      period_start: new Date(dayAt(-40)),
      period_end: new Date(dayAt(-10)),
    });
    expect(history[1]?.lines).toEqual([
      expect.objectContaining({ charge_code: "subscription_fee", amount: "19", tax: "3.8" }),
      expect.objectContaining({
        charge_code: "api_requests",
        quantity: "1234.0",
        unit_price: "0.01",
        amount: "12.34",
      }),
      expect.objectContaining({ charge_code: "discount", amount: "-1", tax: "0" }),
    ]);
  });

  it("compares the invoices imported as history in a parallel run", async () => {
    expect(await compareImportedInvoices(suite.testApp, suite.tenant.admin, "cust_00", 2)).toEqual([
      ["LAG-0001", "37.61"],
      ["LAG-0002", "36.61"],
    ]);
    const none = await suite.tenant.admin.post("/v1/parallel-runs", {
      old_invoices: "imported",
      customer_external_ids: ["cust_05"],
    });
    expect(none.status).toBe(400);
    expect(none.body.errors[0]).toMatchObject({ path: "$.old_invoices" });
    const neither = await suite.tenant.admin.post("/v1/parallel-runs", {});
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0]).toMatchObject({ path: "$.old_invoices_csv" });
  });

  it("creates nothing on a second run: every record is skipped as imported before, or refused again", async () => {
    const second = await importLago(false);
    expect(second.status, second.failure).toBe("completed");
    expectSecondRunCreatedNothing(second, firstImport);
    expect((await suite.tenant.admin.get("/v1/customers?limit=100")).body.data).toHaveLength(24);
    expect(
      await suite.testApp.handle.database.selectFrom("imported_invoices").selectAll().execute(),
    ).toHaveLength(2);
  });

  it("refuses a request without the Lago address or key, naming the field", async () => {
    const missingKey = await suite.tenant.admin.post("/v1/imports", {
      source: "lago",
      lago: { api_url: lago.url },
    });
    expect(missingKey.status).toBe(400);
    expect(JSON.stringify(missingKey.body)).toContain("api_key");
    const missingLago = await suite.tenant.admin.post("/v1/imports", { source: "lago" });
    expect(missingLago.status).toBe(400);
    expect(JSON.stringify(missingLago.body)).toContain("$.lago");
  });
});
