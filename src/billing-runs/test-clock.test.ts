// The test clock through the API: set, read, advance (which bills), reset;
// only forward once set; refused in the live environment; and every request
// of the environment reads its time from it.
import { describe, expect, it } from "vitest";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "Test clock tests" });

describe("the test clock", () => {
  it("runs on real time until set, then every request of the environment reads the frozen instant", async () => {
    expect((await suite.tenant.admin.get("/v1/test-clock")).body).toEqual({ id: null, frozen_at: null });

    const set = await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-15T09:30:00Z" });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id: expect.stringMatching(/^tck_/), frozen_at: "2030-01-15T09:30:00.000Z" });
    expect((await suite.tenant.admin.get("/v1/test-clock")).body).toEqual(set.body);

    const customer = await suite.tenant.admin.post("/v1/customers", { external_id: "frozen-time-customer" });
    expect(customer.body.created_at).toBe("2030-01-15T09:30:00.000Z");

    // Another tenant's test environment keeps real time.
    const other = await suite.testApp.newTenant("Real time tenant");
    const otherCustomer = await other.admin.post("/v1/customers", { external_id: "real-time-customer" });
    expect(Math.abs(new Date(otherCustomer.body.created_at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("moves only forward once set, naming the field", async () => {
    const backwards = await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
    expectProblem(backwards, 409, "test_clock_backwards");
    expect(backwards.body.errors).toEqual([
      { path: "$.frozen_at", message: "must not be earlier than 2030-01-15T09:30:00.000Z" },
    ]);
    const advanceBackwards = await suite.tenant.admin.post("/v1/test-clock/advance", {
      to: "2030-01-15T09:29:59Z",
    });
    expect(advanceBackwards.status).toBe(409);
    expect(advanceBackwards.body.errors[0].path).toBe("$.to");

    const forward = await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-02-01T00:00:00Z" });
    expect(forward.body.frozen_at).toBe("2030-02-01T00:00:00.000Z");
  });

  it("advances and answers with the bill run it ran at the new instant", async () => {
    const advanced = await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-03-01T00:00:00Z" });
    expect(advanced.status).toBe(200);
    expect(advanced.body.test_clock.frozen_at).toBe("2030-03-01T00:00:00.000Z");
    expect(advanced.body.bill_run).toMatchObject({
      id: expect.stringMatching(/^brn_/),
      at: "2030-03-01T00:00:00.000Z",
      trigger: "test_clock",
      status: "completed",
      customers_total: 0,
      customers_done: 0,
      invoices_issued: 0,
      errors: 0,
    });
    const run = await suite.tenant.admin.get(`/v1/bill-runs/${advanced.body.bill_run.id}`);
    expect(run.body).toEqual({ ...advanced.body.bill_run, customer_errors: [] });

    // A run that found nothing due is kept, and left out of the list of runs that billed someone.
    const ids = async (query: string) =>
      ((await suite.tenant.admin.get(`/v1/bill-runs${query}`)).body.data as { id: string }[]).map(
        (row) => row.id,
      );
    expect(await ids("")).toContain(advanced.body.bill_run.id);
    expect(await ids("?billed=true")).not.toContain(advanced.body.bill_run.id);
    expect(await ids("?billed=false")).toContain(advanced.body.bill_run.id);
  });

  it("returns to real time when reset, after which any instant may be set again", async () => {
    const reset = await suite.tenant.admin.delete("/v1/test-clock");
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ id: null, frozen_at: null });
    const customer = await suite.tenant.admin.post("/v1/customers", { external_id: "after-reset-customer" });
    expect(Math.abs(new Date(customer.body.created_at).getTime() - Date.now())).toBeLessThan(60_000);
    const earlier = await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2029-06-01T00:00:00Z" });
    expect(earlier.status).toBe(200);
  });

  it("keeps every change in the audit log", async () => {
    const audit = await suite.tenant.admin.get("/v1/audit-events?object_type=test_clock&limit=100");
    const actions = audit.body.data.map((entry: { action: string }) => entry.action).reverse();
    expect(actions).toEqual([
      "test_clock.set",
      "test_clock.set",
      "test_clock.advanced",
      "test_clock.reset",
      "test_clock.set",
    ]);
  });

  it("does not exist in the live environment", async () => {
    const live = await suite.tenant.client("admin", "live");
    for (const response of [
      await live.get("/v1/test-clock"),
      await live.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" }),
      await live.post("/v1/test-clock/advance", { to: "2030-01-01T00:00:00Z" }),
      await live.delete("/v1/test-clock"),
    ]) {
      expectProblem(response, 409, "test_clock_live_environment");
    }
  });

  it("needs billing:write to move and billing:read to read", async () => {
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.get("/v1/test-clock")).status).toBe(200);
    expect((await viewer.post("/v1/test-clock", { frozen_at: "2031-01-01T00:00:00Z" })).status).toBe(403);
    expect((await viewer.delete("/v1/test-clock")).status).toBe(403);
  });
});
