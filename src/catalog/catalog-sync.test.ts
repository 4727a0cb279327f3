// Catalog as code through the same functions the CLI calls: an exported
// catalog applied unchanged changes nothing; one changed price makes exactly
// one draft, submitted for approval, and the diff names the change.
import { beforeAll, describe, expect, it } from "vitest";
import { createFeature, createMeter, createMeteredFeature, createPlan } from "../../test/support/builders.ts";
import { baseFee, euroPriceBook, graduatedCalls } from "../../test/support/pricing-fixtures.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { formatCatalogFile, parseCatalogFile } from "./catalog-file.ts";
import {
  applyCatalogChanges,
  describeCatalogChanges,
  exportCatalog,
  loadCurrentCatalog,
  planCatalogChanges,
} from "./catalog-sync.ts";

const suite = testAppForFile({ tenantName: "Catalog as code" });

beforeAll(async () => {
  await createMeter(suite.tenant.admin, { code: "api_calls", name: "Calls", event_name: "call" });
  await suite.tenant.admin.post("/v1/products", { code: "api", name: "API" });
  await createFeature(suite.tenant.admin, { code: "sso", name: "SSO", kind: "boolean" });
  await createMeteredFeature(suite.tenant.admin, "call_limit", "Calls per month", "api_calls");
  for (const [code, secondTier] of [
    ["pro", "0.002"],
    ["team", "0.003"],
  ] as const) {
    await createPlan(suite.tenant.admin, {
      code,
      name: code.toUpperCase(),
      version: {
        minimum_commitment: "100.00",
        charges: [{ ...baseFee(), product: "api" }, graduatedCalls(secondTier)],
        currency_prices: [euroPriceBook()],
        entitlements: [{ feature: "sso" }, { feature: "call_limit", limit: "100000" }],
      },
    });
  }
  // team also has an open draft, so that its export lists two versions.
  const team = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data.find(
    (plan: { code: string }) => plan.code === "team",
  );
  await suite.tenant.admin.post(`/v1/plans/${team.id}/versions`, { trial_days: 7 });
});

async function exportedText(): Promise<string> {
  const current = await loadCurrentCatalog(suite.testApp.handle.database, suite.tenant.context());
  return formatCatalogFile(exportCatalog(current), "test export");
}

async function changesOf(text: string) {
  const current = await loadCurrentCatalog(suite.testApp.handle.database, suite.tenant.context());
  return planCatalogChanges(parseCatalogFile(text, "catalog.yaml"), current);
}

async function auditCount(): Promise<number> {
  const rows = await suite.testApp.handle.database
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("organization_id", "=", suite.tenant.organization.id)
    .executeTakeFirstOrThrow();
  return Number(rows.count);
}

describe("catalog as code", () => {
  it("exports YAML with quoted amounts, meters by code, and each plan's published and open versions", async () => {
    const text = await exportedText();
    expect(text.startsWith("# test export\n")).toBe(true);
    expect(text).toContain('amount: "49.00"');
    const file = parseCatalogFile(text, "catalog.yaml");
    expect(file.meters).toEqual(["api_calls"]);
    expect(file.products).toEqual([{ code: "api", name: "API", description: null }]);
    expect(
      file.plans?.map((plan) => plan.versions.map((version) => [version.version, version.state])),
    ).toEqual([
      [[1, "published"]],
      [
        [1, "published"],
        [2, "draft"],
      ],
    ]);
  });

  it("applies an unchanged export as a no-op", async () => {
    const before = await auditCount();
    const { changes, errors } = await changesOf(await exportedText());
    expect(errors).toEqual([]);
    expect(changes).toEqual([]);
    await applyCatalogChanges(suite.tenant.context(), changes, { publish: false, comment: "no-op" });
    expect(await auditCount()).toBe(before);
  });

  it("turns one changed price into exactly one draft, submitted for approval, named in the diff", async () => {
    const text = await exportedText();
    const proStart = text.indexOf("- code: pro");
    const changed =
      text.slice(0, proStart) + text.slice(proStart).replace('unit_price: "0.002"', 'unit_price: "0.0015"');
    expect(changed).not.toBe(text);

    const { changes, errors } = await changesOf(changed);
    expect(errors).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(describeCatalogChanges(changes, "submit")).toEqual([
      "plan pro: new version from version 1 (submitted for approval)",
      "  charge calls graduated tier 2 unit price 0.002 → 0.0015",
    ]);

    const applied = await applyCatalogChanges(suite.tenant.context(), changes, {
      publish: false,
      comment: "from yaml",
    });
    expect(applied.map((version) => [version.plan_code, version.version, version.state])).toEqual([
      ["pro", 2, "pending_approval"],
    ]);
    const plans = (await suite.tenant.admin.get("/v1/plans?limit=100")).body.data;
    const pro = plans.find((plan: { code: string }) => plan.code === "pro");
    expect(pro.versions.map((version: { state: string }) => version.state)).toEqual([
      "published",
      "pending_approval",
    ]);
    const diff = await suite.tenant.admin.get(`/v1/plans/${pro.id}/versions/1/diff/2`);
    expect(diff.body.changes.map((change: { description: string }) => change.description)).toEqual([
      "charge calls graduated tier 2 unit price 0.002 → 0.0015",
    ]);

    // The same file again: the draft under review already says so.
    expect((await changesOf(changed)).changes).toEqual([]);
    // A different change while version 2 waits for review is refused, by path.
    const another = changed.replace('amount: "49.00"', 'amount: "59.00"');
    const blocked = await changesOf(another);
    expect(blocked.errors).toEqual([
      {
        path: "$.plans[0].versions[0]",
        message:
          'version 2 of plan "pro" is pending approval: approve or reject it before applying another change',
      },
    ]);
  });

  it("edits an open draft in place, creates what is new, and refuses publishing around the policy", async () => {
    const text = await exportedText();
    const changed = `${text.replace("trial_days: 7", "trial_days: 10")}`.replace(
      "products:\n",
      "products:\n  - code: storage\n    name: Storage\n",
    );
    const { changes, errors } = await changesOf(changed);
    expect(errors).toEqual([]);
    expect(describeCatalogChanges(changes, "submit")).toEqual([
      "product storage: created",
      "plan team: draft version 2 changed (submitted for approval)",
      "  trial days 7 → 10",
    ]);

    const live = suite.tenant.context("live");
    await expect(applyCatalogChanges(live, changes, { publish: true, comment: "x" })).rejects.toMatchObject({
      code: "approval_required",
    });
    const applied = await applyCatalogChanges(suite.tenant.context(), changes, {
      publish: false,
      comment: "from yaml",
    });
    expect(applied.map((version) => [version.plan_code, version.version, version.trial_days])).toEqual([
      ["team", 2, 10],
    ]);
  });

  it("names every problem of a file by its path", async () => {
    // A catalog file's plan `bad`, up to the list of its first version's charges.
    const badPlanUpToCharges = [
      "plans:",
      "  - code: bad",
      "    name: Bad",
      "    versions:",
      "      - currency: USD",
      "        interval: month",
      "        charges:",
    ];
    expect(() =>
      parseCatalogFile(
        ["version: 1", ...badPlanUpToCharges, "          - { id: base, type: fixed, amount: 49.00 }"].join(
          "\n",
        ),
        "catalog.yaml",
      ),
    ).toThrow(
      expect.objectContaining({
        errors: [
          {
            path: "catalog.yaml: $.plans[0].versions[0].charges[0].amount",
            message: 'must be a string: quote amounts in YAML ("49"), so that they stay exact',
          },
        ],
      }),
    );
    expect(() => parseCatalogFile("version: 1\nplans: [\n", "catalog.yaml")).toThrow(
      expect.objectContaining({ code: "invalid_catalog_file" }),
    );

    const file = parseCatalogFile(
      [
        "version: 1",
        "meters: [api_calls, nope]",
        ...badPlanUpToCharges,
        '          - { id: base, type: fixed, amount: "49.00" }',
        "          - id: calls",
        "            type: usage",
        "            meter: api_calls",
        "            model: graduated",
        "            tiers:",
        '              - { up_to: 100, unit_price: "0.1" }',
        '              - { up_to: 50, unit_price: "0.1" }',
        '              - { up_to: null, unit_price: "0.1" }',
      ].join("\n"),
      "catalog.yaml",
    );
    const { errors } = planCatalogChanges(
      file,
      await loadCurrentCatalog(suite.testApp.handle.database, suite.tenant.context()),
    );
    expect(errors.map((error) => error.path)).toEqual([
      "$.meters[1]",
      "$.plans[0].versions[0].charges[1].tiers",
    ]);
    expect(errors[1]?.message).toContain('"up_to" must increase');
  });
});
