import { describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { meterHasBilledUsage } from "./meters.ts";

const suite = testAppForFile();

const recent = () => new Date(Date.now() - 60_000).toISOString();

describe("meters", () => {
  it("creates a meter and reads it back with its first version", async () => {
    const created = await suite.tenant.admin.post("/v1/meters", {
      code: "tokens",
      name: "Tokens",
      event_name: "completion",
      aggregation: "sum",
      property: "tokens",
      filters: { model: ["large", "xl"] },
      group_by: ["region"],
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^mtr_[0-9A-Z]{26}$/);
    expect(created.body).toMatchObject({
      code: "tokens",
      version: 1,
      aggregation: "sum",
      property: "tokens",
      filters: { model: ["large", "xl"] },
      group_by: ["region"],
    });
    expect(created.body.versions).toHaveLength(1);
    const read = await suite.tenant.admin.get(`/v1/meters/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const listed = await suite.tenant.admin.get("/v1/meters?code=tokens");
    expect(listed.body.data.map((meter: { id: string }) => meter.id)).toEqual([created.body.id]);
  });

  it.each([
    {
      refused: "a sum meter without a property",
      fields: { aggregation: "sum" },
      error: { path: "$.property", message: "is required for a sum meter" },
    },
    {
      refused: "a count meter with a property",
      fields: { aggregation: "count", property: "tokens" },
      error: { path: "$.property" },
    },
    {
      refused: "an unknown aggregation",
      fields: { aggregation: "median", property: "p" },
      error: { path: "$.aggregation" },
    },
  ])("validates like the scenario format: refuses $refused, naming the field", async ({ fields, error }) => {
    const refused = await suite.tenant.admin.post("/v1/meters", {
      code: "refused",
      name: "Refused",
      event_name: "x",
      ...fields,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining(error)]);
  });

  it("refuses a second meter with the same code", async () => {
    const body = { code: "dup-code", name: "One", event_name: "x", aggregation: "count" };
    expect((await suite.tenant.admin.post("/v1/meters", body)).status).toBe(201);
    const second = await suite.tenant.admin.post("/v1/meters", body);
    expectProblem(second, 409, "meter_code_taken");
  });

  it("edits a definition freely until it has counted events, then answers meter_definition_locked", async () => {
    const meter = await suite.tenant.admin.post("/v1/meters", {
      code: "calls",
      name: "Calls",
      event_name: "api_call",
      aggregation: "count",
    });
    const edited = await suite.tenant.admin.patch(`/v1/meters/${meter.body.id}`, {
      event_name: "api_request",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.event_name).toBe("api_request");
    expect(
      await meterHasBilledUsage(suite.testApp.handle.database, suite.tenant.context(), meter.body.id),
    ).toBe(false);

    await suite.tenant.admin.post("/v1/customers", { external_id: "meter-customer" });
    const sent = await suite.tenant.admin.post("/v1/events", {
      id: "calls-1",
      customer: "meter-customer",
      name: "api_request",
      timestamp: recent(),
    });
    expect(sent.status).toBe(201);
    expect(
      await meterHasBilledUsage(suite.testApp.handle.database, suite.tenant.context(), meter.body.id),
    ).toBe(true);

    const renamed = await suite.tenant.admin.patch(`/v1/meters/${meter.body.id}`, {
      name: "API calls",
      description: "all",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "API calls", description: "all" });
    const locked = await suite.tenant.admin.patch(`/v1/meters/${meter.body.id}`, { event_name: "other" });
    expectProblem(locked, 409, "meter_definition_locked");
    expect(locked.body.detail).toContain(`/v1/meters/${meter.body.id}/versions`);
  });

  it("adds a version that counts from its effective_from on, and usage before keeps the old definition", async () => {
    await suite.tenant.admin.post("/v1/customers", { external_id: "versioned", timezone: "UTC" });
    const meter = await suite.tenant.admin.post("/v1/meters", {
      code: "storage",
      name: "Storage",
      event_name: "stored",
      aggregation: "sum",
      property: "gb",
    });
    const hourAgo = Date.now() - 3_600_000;
    const before = new Date(hourAgo - 600_000).toISOString();
    const after = new Date(hourAgo + 600_000).toISOString();
    await suite.tenant.admin.post("/v1/events/batch", {
      events: [
        {
          id: "s1",
          customer: "versioned",
          name: "stored",
          timestamp: before,
          properties: { gb: 5, mb: 5000 },
        },
        {
          id: "s2",
          customer: "versioned",
          name: "stored",
          timestamp: after,
          properties: { gb: 7, mb: 7000 },
        },
      ],
    });
    const version = await suite.tenant.admin.post(
      `/v1/meters/${meter.body.id}/versions`,
      { property: "mb", effective_from: new Date(hourAgo).toISOString() },
      { "fairbill-reason": "count megabytes" },
    );
    expect(version.status).toBe(201);
    expect(version.body.version).toBe(2);
    expect(version.body.property).toBe("mb");
    expect(version.body.versions.map((entry: { version: number }) => entry.version)).toEqual([1, 2]);
    expect(version.body.versions[0].effective_until).toBe(new Date(hourAgo).toISOString());

    const usage = await suite.tenant.admin.get(
      `/v1/usage?customer=versioned&meter=storage&from=${encodeURIComponent(new Date(hourAgo - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(hourAgo + 3_600_000).toISOString())}`,
    );
    expect(usage.status).toBe(200);
    expect(usage.body.windows[0].value).toBe("7005");

    const tooEarly = await suite.tenant.admin.post(`/v1/meters/${meter.body.id}/versions`, {
      effective_from: new Date(hourAgo - 1000).toISOString(),
    });
    expectRefusedAt(tooEarly, "$.effective_from");

    const audit = await auditTrailOf(suite.testApp.handle.database, meter.body.id);
    expect(audit).toEqual([
      { action: "meter.created", reason: null },
      { action: "meter.version_created", reason: "count megabytes" },
    ]);
  });

  it("counts the events stored before it was created, from its effective_from on", async () => {
    await suite.tenant.admin.post("/v1/customers", { external_id: "early" });
    const start = Date.now() - 10 * 86_400_000;
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 1000 }, (_, index) => ({
        id: `early-${batch}-${index}`,
        customer: "early",
        name: "early_event",
        timestamp: new Date(start + (batch * 1000 + index) * 60_000).toISOString(),
        properties: index === 7 && batch === 5 ? {} : { size: 2 },
      }));
      const sent = await suite.tenant.admin.post("/v1/events/backfill", { events });
      expect(sent.body.accepted).toBe(1000);
    }
    const counted = await suite.tenant.admin.post("/v1/meters", {
      code: "early-count",
      name: "Early",
      event_name: "early_event",
      aggregation: "count",
      effective_from: new Date(start).toISOString(),
    });
    expect(counted.status).toBe(201);
    const query = `customer=early&from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
    const usage = await suite.tenant.admin.get(`/v1/usage?meter=early-count&${query}`);
    expect(usage.body.windows[0].value).toBe("6000");

    // A sum over "size" cannot read the one event that lacks it: the meter is refused, naming it.
    const unreadable = await suite.tenant.admin.post("/v1/meters", {
      code: "early-size",
      name: "Early size",
      event_name: "early_event",
      aggregation: "sum",
      property: "size",
      effective_from: new Date(start).toISOString(),
    });
    expectProblem(unreadable, 409, "meter_definition_unreadable_events");
    expect(unreadable.body.detail).toContain('"early-5-7"');
    const fromLater = await suite.tenant.admin.post("/v1/meters", {
      code: "early-size",
      name: "Early size",
      event_name: "early_event",
      aggregation: "sum",
      property: "size",
      effective_from: new Date(start + 5008 * 60_000).toISOString(),
    });
    expect(fromLater.status).toBe(201);
    const sizes = await suite.tenant.admin.get(`/v1/usage?meter=early-size&${query}`);
    expect(sizes.body.windows[0].value).toBe(String(2 * (6000 - 5008)));
  });
});

describe("meter filters the schema's property names do not cover", () => {
  it("refuses a filter under an empty property name with 400, not 500 (found by the request fuzzer)", async () => {
    const response = await suite.tenant.admin.post("/v1/meters", {
      code: "empty_filter_name",
      name: "Empty filter name",
      event_name: "empty_filter",
      aggregation: "max",
      property: "tokens",
      filters: { "": -748937474 },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContainEqual(
      expect.stringContaining("filters"),
    );
    expect((await suite.tenant.admin.get("/v1/meters")).status).toBe(200);
  });
});
