import { describe, expect, it } from "vitest";
import { customerPath, matchRoute } from "./routes.ts";

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
  });

  it("reports anything else as not found", () => {
    expect(matchRoute("/customers/cus_1/other")).toEqual({
      page: "not-found",
      path: "/customers/cus_1/other",
    });
    expect(matchRoute("/invoices")).toEqual({ page: "not-found", path: "/invoices" });
    expect(matchRoute("/meters/extra")).toEqual({ page: "not-found", path: "/meters/extra" });
    expect(matchRoute("/constructor")).toEqual({ page: "not-found", path: "/constructor" });
    expect(matchRoute("/customers/%E0%A4%A")).toEqual({ page: "not-found", path: "/customers/%E0%A4%A" });
  });

  it("round-trips ids through customerPath", () => {
    expect(matchRoute(customerPath("a/b c"))).toEqual({ page: "customer", customerId: "a/b c" });
  });
});
