// The Stripe importer against a local server that speaks Stripe Billing's
// API (read through the official SDK): an account of 50 customers across
// flat, per-seat, metered, tiered (graduated and volume) and package prices,
// with coupons, trials and credit balances, and records with no exact
// Fairbill equivalent. A dry run changes nothing; the import creates what
// maps exactly and lists the rest for a person with the reason; a second run
// creates nothing.
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
  type LocalStripeBilling,
  startLocalStripeBilling,
  stripeCoupon,
  stripeCustomer,
  stripeInvoice,
  stripeMeter,
  stripePrice,
  stripeProduct,
  stripeSubscription,
} from "../../test/support/local-stripe-billing.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";

let stripe: LocalStripeBilling;
const suite = testAppForFile({ allowPrivateTargets: true, tenantName: "Leaving Stripe" });

const day = 86_400_000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * day).toISOString();
const daysAhead = (days: number) => new Date(now + days * day).toISOString();

const prices = {
  flat: stripePrice({ id: "price_flat", product: "prod_base", unitAmountDecimal: "4900" }),
  seat: stripePrice({ id: "price_seat", product: "prod_seats", unitAmountDecimal: "1000" }),
  api: stripePrice({ id: "price_api", product: "prod_api", meter: "mtr_api", unitAmountDecimal: "0.5" }),
  storageGraduated: stripePrice({
    id: "price_storage_graduated",
    product: "prod_storage",
    meter: "mtr_storage",
    tiers: [
      { upTo: 100, unitAmountDecimal: "20" },
      { upTo: null, unitAmountDecimal: "10", flatAmountDecimal: "500" },
    ],
    tiersMode: "graduated",
  }),
  storageVolume: stripePrice({
    id: "price_storage_volume",
    product: "prod_storage",
    meter: "mtr_storage",
    tiers: [
      { upTo: 1000, unitAmountDecimal: "15" },
      { upTo: null, unitAmountDecimal: "12" },
    ],
    tiersMode: "volume",
  }),
  smsPackage: stripePrice({
    id: "price_sms_package",
    product: "prod_sms",
    meter: "mtr_sms",
    unitAmountDecimal: "150",
    transformQuantity: { divideBy: 100, round: "up" },
  }),
  annual: stripePrice({
    id: "price_annual",
    product: "prod_base",
    unitAmountDecimal: "50000",
    interval: "year",
  }),
  seatTiered: stripePrice({
    id: "price_seat_tiered",
    product: "prod_seats",
    tiers: [
      { upTo: 10, unitAmountDecimal: "1000" },
      { upTo: null, unitAmountDecimal: "800" },
    ],
  }),
  smsRoundDown: stripePrice({
    id: "price_sms_round_down",
    product: "prod_sms",
    meter: "mtr_sms",
    unitAmountDecimal: "150",
    transformQuantity: { divideBy: 100, round: "down" },
  }),
  setupFee: stripePrice({
    id: "price_setup",
    product: "prod_base",
    unitAmountDecimal: "9900",
    recurring: false,
  }),
};

/** What a subscription holds besides its id and customer; from ten days ago, its period ending in twenty days, unless told. */
type SubscriptionTerms = Omit<Parameters<typeof stripeSubscription>[0], "id" | "customer" | "start"> & {
  start?: string;
  periodEnd?: string;
};

/** Which prices customer `index` subscribes to, and how. */
function subscriptionTermsOf(index: number): SubscriptionTerms {
  const coupon = index % 10 === 0 ? { couponId: "WELCOME10" } : {};
  switch (index) {
    case 44:
      return { items: [{ price: prices.smsRoundDown }] };
    case 45:
      return { items: [{ price: prices.seatTiered, quantity: 12 }] };
    case 46:
      return { items: [{ price: prices.flat }], schedule: "sub_sched_1" };
    case 47:
      return { items: [{ price: prices.flat }], cancelAtPeriodEnd: true };
    case 48:
      return { items: [{ price: prices.flat }], status: "canceled" };
    case 49:
      return { items: [{ price: prices.annual }], couponId: "WELCOME10", periodEnd: daysAhead(355) };
  }
  switch (index % 5) {
    case 0:
      return { items: [{ price: prices.flat }, { price: prices.api }], ...coupon };
    case 1:
      return { items: [{ price: prices.seat, quantity: (index % 7) + 2 }], ...coupon };
    case 2:
      return { items: [{ price: prices.flat }, { price: prices.storageGraduated }], ...coupon };
    case 3:
      return { items: [{ price: prices.storageVolume }, { price: prices.smsPackage }], ...coupon };
    default: {
      const trialStart = daysAgo(5);
      const trialEnd = new Date(Date.parse(trialStart) + 14 * day).toISOString();
      return { start: trialStart, trialEnd, items: [{ price: prices.flat }], periodEnd: trialEnd };
    }
  }
}

/** Customer `index`'s subscription (`sub_007` of `cus_007`) on its terms. */
function subscriptionOf(index: number) {
  const { start = daysAgo(10), periodEnd = daysAhead(20), ...terms } = subscriptionTermsOf(index);
  const number = String(index).padStart(3, "0");
  return stripeSubscription({ id: `sub_${number}`, customer: `cus_${number}`, start, ...terms }, periodEnd);
}

function seedAccount(): void {
  stripe.add(
    "meters",
    stripeMeter({ id: "mtr_api", eventName: "api_call", displayName: "API calls", formula: "count" }),
    stripeMeter({
      id: "mtr_storage",
      eventName: "storage_used",
      displayName: "Storage",
      formula: "sum",
      payloadKey: "gigabytes",
    }),
    stripeMeter({ id: "mtr_sms", eventName: "sms_sent", displayName: "Text messages", formula: "sum" }),
  );
  stripe.add(
    "products",
    stripeProduct("prod_base", "Base platform"),
    stripeProduct("prod_seats", "Seats"),
    stripeProduct("prod_api", "API calls"),
    stripeProduct("prod_storage", "Storage"),
    stripeProduct("prod_sms", "Text messages"),
  );
  stripe.add("prices", ...Object.values(prices));
  stripe.add(
    "coupons",
    stripeCoupon({
      id: "WELCOME10",
      name: "Welcome",
      percentOff: 10,
      duration: "repeating",
      durationInMonths: 3,
    }),
    stripeCoupon({ id: "FLAT5", name: "Five off", amountOff: 500, duration: "forever" }),
    stripeCoupon({
      id: "SEATSONLY",
      name: "Seats only",
      percentOff: 20,
      duration: "once",
      appliesToProducts: ["prod_seats"],
    }),
  );
  const countries = ["US", "DE", "GB"] as const;
  for (let index = 0; index < 50; index++) {
    const country = countries[index % 3] as (typeof countries)[number];
    stripe.add(
      "customers",
      stripeCustomer({
        id: `cus_${String(index).padStart(3, "0")}`,
        name: `Customer ${index}`,
        email: `billing${index}@example.com`,
        address: {
          line1: `${index} Main Street`,
          city: "Springfield",
          postal_code: `1${String(index).padStart(4, "0")}`,
          country,
        },
        ...(country === "DE"
          ? { taxIds: [{ type: "eu_vat", value: `DE${String(100000000 + index)}` }], preferredLocale: "de" }
          : {}),
        ...(index === 3 ? { balance: -2500 } : {}),
        ...(index === 4 ? { balance: 1200 } : {}),
        ...(index === 7 ? { couponId: "FLAT5" } : {}),
      }),
    );
    stripe.add("subscriptions", subscriptionOf(index));
    stripe.add("invoices", ...invoicesOf(index));
  }
}

/** Each customer's two months billed in Stripe before its subscription (and customer 1's third, still open): 101, two pages. */
function invoicesOf(index: number): ReturnType<typeof stripeInvoice>[] {
  const padded = String(index).padStart(3, "0");
  const months = [
    [daysAgo(70), daysAgo(40)],
    [daysAgo(40), daysAgo(10)],
    ...(index === 1 ? [[daysAgo(10), daysAgo(5)]] : []),
  ];
  return months.map(([periodStart, periodEnd], month) =>
    stripeInvoice({
      id: `in_${padded}_${month + 1}`,
      number: `STR-${padded}-${month + 1}`,
      customer: `cus_${padded}`,
      subscription: `sub_${padded}`,
      price: prices.flat,
      periodStart: periodStart as string,
      periodEnd: periodEnd as string,
      amount: 4900,
      tax: index === 0 ? 980 : 0,
      status: month === 2 ? "open" : "paid",
    }),
  );
}

async function runImport(dryRun: boolean): Promise<LooseJson> {
  const run = await runImportJob(suite.testApp, suite.tenant.admin, {
    source: "stripe",
    dry_run: dryRun,
    stripe: { secret_key: stripe.secretKey, api_base_url: stripe.url },
  });
  expect(run.status, run.failure ?? undefined).toBe("completed");
  return run;
}

beforeAll(async () => {
  stripe = await startLocalStripeBilling();
  seedAccount();
});
afterAll(async () => {
  await stripe?.close();
});

describe("importing a Stripe account", () => {
  let dryRun: LooseJson;
  let firstImport: LooseJson;

  it("reports in a dry run what it would do, and changes nothing", async () => {
    dryRun = await runImport(true);
    expect(dryRun.dry_run).toBe(true);
    expect(dryRun.records_total).toBeGreaterThan(100);
    expect(dryRun.records_done).toBe(dryRun.records_total);
    const customers = await suite.tenant.admin.get("/v1/customers?limit=5");
    expect(customers.body.data).toEqual([]);
    const plans = await suite.tenant.admin.get("/v1/plans");
    expect(plans.body.data).toEqual([]);
    // The key is kept only while the import runs.
    await expectNoSourceKeyKept(suite.testApp);
  });

  it("creates what maps exactly and leaves the rest for a person, with the reason and the source record", async () => {
    firstImport = await runImport(false);
    const refused = await importRecordsOf(suite.tenant.admin, firstImport.id, "refused");
    const reasons = reasonsBySourceRecord(refused);
    expect(Object.keys(reasons).sort()).toEqual(
      [
        "coupon SEATSONLY",
        "customer.balance cus_004",
        "discount di_sub_049",
        "price_set price_seat_tiered",
        "price_set price_sms_round_down",
        "subscription sub_044",
        "subscription sub_045",
        "subscription sub_046",
        "subscription sub_047",
      ].sort(),
    );
    expect(reasons["price_set price_seat_tiered"]).toMatch(/tiers on a licensed quantity/);
    expect(reasons["price_set price_sms_round_down"]).toMatch(/rounded down/);
    expect(reasons["coupon SEATSONLY"]).toMatch(/applies only to products prod_seats/);
    expect(reasons["customer.balance cus_004"]).toMatch(/owes 1200/);
    expect(reasons["subscription sub_045"]).toMatch(/plan \(prices price_seat_tiered\) was not imported/);
    expect(reasons["subscription sub_046"]).toMatch(/subscription schedule sub_sched_1/);
    expect(reasons["subscription sub_047"]).toMatch(/set to cancel/);
    expect(reasons["discount di_sub_049"]).toMatch(/months in Stripe and Fairbill counts invoices/);
    const seatTiered = refused.find((record) => record.source_id === "price_seat_tiered");
    expect(seatTiered.source_record).toEqual(["price_seat_tiered"]);
    const balance = refused.find((record) => record.source_type === "customer.balance");
    expect(balance.source_record).toEqual({ balance: 1200, currency: "usd" });

    const skipped = await importRecordsOf(suite.tenant.admin, firstImport.id, "skipped");
    expect(
      skipped.map((record) => `${record.source_type} ${record.source_id}: ${record.reason}`).sort(),
    ).toEqual([
      "price price_setup: a one-time price billed by no subscription",
      "subscription sub_048: ended in Stripe",
    ]);
    const created = await importRecordsOf(suite.tenant.admin, firstImport.id, "created");
    const createdOf = (type: string) => created.filter((record) => record.source_type === type);
    const createdIdsOf = (type: string) =>
      createdOf(type)
        .map((record) => record.source_id)
        .sort();
    expect(createdOf("customer")).toHaveLength(50);
    expect(createdOf("billing.meter")).toHaveLength(3);
    // flat+api, seat, flat+graduated, volume+package, flat (trials), annual; price_api and the others alone.
    expect(createdIdsOf("coupon")).toEqual(["FLAT5", "WELCOME10"]);
    expect(createdOf("subscription")).toHaveLength(45);
    expect(createdOf("customer.balance")).toHaveLength(1);
    expect(createdOf("invoice")).toHaveLength(101);
    expect(createdIdsOf("discount")).toEqual([
      "di_cus_007",
      "di_sub_000",
      "di_sub_010",
      "di_sub_020",
      "di_sub_030",
      "di_sub_040",
    ]);
    expect(firstImport.created).toBe(created.length);
    // The dry run told the same story.
    const dryRunRefused = await importRecordsOf(suite.tenant.admin, dryRun.id, "refused");
    expect(dryRunRefused.map((record) => [record.source_id, record.reason])).toEqual(
      refused.map((record) => [record.source_id, record.reason]),
    );
    expectDryRunToldTheSameStory(dryRun, firstImport);
    expect(firstImport.refused).toBe(9);
    expect(firstImport.skipped).toBe(2);
  });

  it("keeps each customer's address, tax ids, locale and credit balance", async () => {
    const german = await suite.tenant.admin.get("/v1/customers?external_id=cus_001");
    expect(german.body.data[0]).toMatchObject({
      external_id: "cus_001",
      name: "Customer 1",
      email: "billing1@example.com",
      country: "DE",
      currency: "USD",
      locale: "de",
      billing_address: { line1: "1 Main Street", city: "Springfield", postal_code: "10001", country: "DE" },
      tax_ids: [{ type: "eu_vat", value: "DE100000001" }],
      metadata: { stripe_customer_id: "cus_001" },
    });
    const withCredit = await suite.tenant.admin.get("/v1/customers?external_id=cus_003");
    const balance = await suite.tenant.admin.get(`/v1/customers/${withCredit.body.data[0].id}/balance`);
    expect(JSON.stringify(balance.body)).toContain("25.00");
  });

  it("maps each price to its charge model, seats to quantities, trials and discounts to the subscription", async () => {
    const plans: LooseJson[] = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data;
    const planByCode = new Map(plans.map((plan) => [plan.code, plan]));
    const versionOf = async (code: string) => {
      const plan = planByCode.get(code);
      expect(plan, code).toBeDefined();
      return (await suite.tenant.admin.get(`/v1/plans/${plan.id}/versions/1`)).body;
    };
    const flatAndApi = await versionOf("stripe.price_api.price_flat");
    expect(flatAndApi).toMatchObject({ state: "published", currency: "USD", interval: "month" });
    expect(flatAndApi.charges).toEqual([
      expect.objectContaining({
        id: "price_api",
        type: "usage",
        meter: "api_call",
        model: "per_unit",
        unit_price: "0.005",
      }),
      expect.objectContaining({ id: "price_flat", type: "fixed", amount: "49", product: "prod_base" }),
    ]);
    const storage = await versionOf("stripe.price_flat.price_storage_graduated");
    expect(storage.charges[1]).toMatchObject({
      model: "graduated",
      tiers: [
        { up_to: "100", unit_price: "0.2" },
        { up_to: null, unit_price: "0.1", flat_fee: "5" },
      ],
    });
    const volumeAndPackage = await versionOf("stripe.price_sms_package.price_storage_volume");
    expect(volumeAndPackage.charges).toEqual([
      expect.objectContaining({
        model: "package",
        package_size: "100",
        package_price: "1.5",
        meter: "sms_sent",
      }),
      expect.objectContaining({ model: "volume", meter: "storage_used" }),
    ]);
    expect((await versionOf("stripe.price_annual")).interval).toBe("year");

    const seats = await suite.tenant.admin.get("/v1/customers?external_id=cus_001");
    const seatSubscriptions = await suite.tenant.admin.get(
      `/v1/subscriptions?customer_id=${seats.body.data[0].id}`,
    );
    expect(seatSubscriptions.body.data[0]).toMatchObject({
      external_id: "sub_001",
      quantities: { price_seat: 3 },
      // Stripe billed the current period: Fairbill bills from its end.
      billed_through: new Date(Date.parse(daysAgo(10)) - (Date.parse(daysAgo(10)) % 1000)).toISOString(),
    });
    const trial = await suite.tenant.admin.get("/v1/customers?external_id=cus_004");
    const trialSubscription = (
      await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${trial.body.data[0].id}`)
    ).body.data[0];
    expect(trialSubscription.trial_days).toBe(14);
    const discounted = await suite.tenant.admin.get("/v1/customers?external_id=cus_010");
    const redemptions = await suite.tenant.admin.get(`/v1/customers/${discounted.body.data[0].id}/coupons`);
    expect(redemptions.body.data).toEqual([
      expect.objectContaining({ coupon_code: "WELCOME10", invoices_remaining: 3 }),
    ]);
  });

  it("stores Stripe's finalized invoices as history, with their numbers, for a parallel run", async () => {
    // 101 invoices are two pages: the second asked for after the first page's last invoice.
    const invoicePages = stripe.requests.filter((request) => request.startsWith("GET /v1/invoices"));
    expect(invoicePages.some((request) => request.includes("starting_after=in_"))).toBe(true);
    expect(await compareImportedInvoices(suite.testApp, suite.tenant.admin, "cus_000", 2)).toEqual([
      ["STR-000-1", "58.80"],
      ["STR-000-2", "58.80"],
    ]);
  });

  it("creates nothing on a second run: every record is skipped as imported before, or refused again", async () => {
    const second = await runImport(false);
    expectSecondRunCreatedNothing(second, firstImport);
    const skipped = await importRecordsOf(suite.tenant.admin, second.id, "skipped");
    const customer = skipped.find(
      (record) => record.source_id === "cus_000" && record.source_type === "customer",
    );
    expect(customer.reason).toMatch(/^imported before as cus_/);
    const customers = await suite.tenant.admin.get("/v1/customers?limit=100");
    expect(customers.body.data).toHaveLength(50);
  });

  it("refuses a bad request with the field's path and a source it cannot reach without a private-network setting", async () => {
    const missingKey = await suite.tenant.admin.post("/v1/imports", { source: "stripe", stripe: {} });
    expect(missingKey.status).toBe(400);
    expect(JSON.stringify(missingKey.body)).toContain("secret_key");
    const unknownSource = await suite.tenant.admin.post("/v1/imports", {
      source: "chargebee",
      stripe: { secret_key: "x" },
    });
    expect(unknownSource.status).toBe(400);
    expect(JSON.stringify(unknownSource.body)).toContain("source");
  });
});
