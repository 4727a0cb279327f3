import { describe, expect, it } from "vitest";
import { customerPath, matchRoute, planDiffPath, planPath, planVersionPath } from "./routes.ts";

describe("matchRoute", () => {
  it("finds each page and its parameters", () => {
    expect(matchRoute("/")).toEqual({ page: "home" });
    expect(matchRoute("/customers")).toEqual({ page: "customers" });
    expect(matchRoute("/customers/")).toEqual({ page: "customers" });
    expect(matchRoute("/customers/new")).toEqual({ page: "customer-new" });
    expect(matchRoute("/customers/cus_1")).toEqual({ page: "customer", customerId: "cus_1" });
    expect(matchRoute("/customers/cus_1/edit")).toEqual({ page: "customer-edit", customerId: "cus_1" });
    expect(matchRoute("/api-keys")).toEqual({ page: "api-keys" });
    expect(matchRoute("/simulator")).toEqual({ page: "simulator" });
    expect(matchRoute("/meters")).toEqual({ page: "meters" });
    expect(matchRoute("/events")).toEqual({ page: "events" });
    expect(matchRoute("/audit-log")).toEqual({ page: "audit-log" });
    expect(matchRoute("/meters/new")).toEqual({ page: "meter-new" });
  });

  it("finds the catalog's pages", () => {
    expect(matchRoute("/products")).toEqual({ page: "products" });
    expect(matchRoute("/features")).toEqual({ page: "features" });
    expect(matchRoute("/plans")).toEqual({ page: "plans" });
    expect(matchRoute("/plans/new")).toEqual({ page: "plan-new" });
    expect(matchRoute("/approvals")).toEqual({ page: "approvals" });
    expect(matchRoute("/subscriptions")).toEqual({ page: "subscriptions" });
    expect(matchRoute("/coupons")).toEqual({ page: "coupons" });
    expect(matchRoute("/invoices/new")).toEqual({ page: "invoice-new" });
    expect(matchRoute("/bill-runs")).toEqual({ page: "bill-runs" });
    expect(matchRoute("/payments")).toEqual({ page: "payments" });
    expect(matchRoute("/revenue")).toEqual({ page: "revenue" });
    expect(matchRoute("/search")).toEqual({ page: "search" });
    expect(matchRoute("/credit-notes")).toEqual({ page: "credit-notes" });
    expect(matchRoute("/disputes")).toEqual({ page: "disputes" });
    expect(matchRoute("/tax-rates")).toEqual({ page: "tax-rates" });
    expect(matchRoute("/journal")).toEqual({ page: "journal" });
    expect(matchRoute("/webhooks")).toEqual({ page: "webhooks" });
    expect(matchRoute("/webhooks/whe_1")).toEqual({ page: "webhook", endpointId: "whe_1" });
    expect(matchRoute("/invoices/inv_1")).toEqual({ page: "invoice", invoiceId: "inv_1" });
    expect(matchRoute("/subscriptions/new")).toEqual({ page: "subscription-new" });
    expect(matchRoute("/subscriptions/sub_1")).toEqual({ page: "subscription", subscriptionId: "sub_1" });
    expect(matchRoute("/subscriptions/sub_1/x").page).toBe("not-found");
    expect(matchRoute("/plans/pln_1")).toEqual({ page: "plan", planId: "pln_1" });
    expect(matchRoute("/plans/pln_1/diff")).toEqual({ page: "plan-diff", planId: "pln_1" });
    expect(matchRoute("/plans/pln_1/versions/2")).toEqual({
      page: "plan-version",
      planId: "pln_1",
      version: 2,
    });
    expect(matchRoute("/plans/pln_1/versions/12/edit")).toEqual({
      page: "plan-version-edit",
      planId: "pln_1",
      version: 12,
    });
  });

  it("refuses version numbers that are not positive whole numbers", () => {
    for (const path of ["/plans/pln_1/versions/0", "/plans/pln_1/versions/1.5", "/plans/pln_1/versions/x"]) {
      expect(matchRoute(path)).toEqual({ page: "not-found", path });
    }
    expect(matchRoute("/plans/pln_1/versions")).toEqual({ page: "not-found", path: "/plans/pln_1/versions" });
    expect(matchRoute("/plans/pln_1/versions/1/edit/x").page).toBe("not-found");
  });

  it("reports anything else as not found", () => {
    expect(matchRoute("/customers/cus_1/other")).toEqual({
      page: "not-found",
      path: "/customers/cus_1/other",
    });
    expect(matchRoute("/invoices/inv_1/lines")).toEqual({ page: "not-found", path: "/invoices/inv_1/lines" });
    expect(matchRoute("/meters/extra")).toEqual({ page: "not-found", path: "/meters/extra" });
    expect(matchRoute("/constructor")).toEqual({ page: "not-found", path: "/constructor" });
    expect(matchRoute("/customers/%E0%A4%A")).toEqual({ page: "not-found", path: "/customers/%E0%A4%A" });
  });

  it("round-trips ids through the path builders", () => {
    expect(matchRoute(customerPath("a/b c"))).toEqual({ page: "customer", customerId: "a/b c" });
    expect(matchRoute(planPath("p/1"))).toEqual({ page: "plan", planId: "p/1" });
    expect(matchRoute(planVersionPath("p/1", 3))).toEqual({
      page: "plan-version",
      planId: "p/1",
      version: 3,
    });
    expect(planDiffPath("pln_1", 1, 2)).toBe("/plans/pln_1/diff?from=1&to=2");
  });
});
