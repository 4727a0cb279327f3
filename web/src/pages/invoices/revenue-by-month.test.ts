import { describe, expect, it } from "vitest";
import type { InvoiceStatus } from "../../api/resources.ts";
import { monthOf, revenueByMonth } from "./revenue-by-month.ts";

describe("monthOf", () => {
  it("reads the month in the time zone", () => {
    expect(monthOf("2026-03-01T02:00:00Z", "UTC")).toBe("2026-03");
    expect(monthOf("2026-03-01T02:00:00Z", "America/New_York")).toBe("2026-02");
  });
});

describe("revenueByMonth", () => {
  it("sums final invoices exactly per currency and month, oldest first", () => {
    const invoice = (issued_at: string, total: string, status: InvoiceStatus = "open", currency = "USD") => ({
      issued_at,
      total,
      status,
      currency,
    });
    const revenue = revenueByMonth(
      [
        invoice("2026-02-01T00:00:00Z", "0.10"),
        invoice("2026-02-15T00:00:00Z", "0.20", "paid"),
        invoice("2026-01-01T00:00:00Z", "10.00"),
        invoice("2026-01-05T00:00:00Z", "99.00", "draft"),
        invoice("2026-01-06T00:00:00Z", "99.00", "void"),
        invoice("2026-01-07T00:00:00Z", "1500", "open", "JPY"),
      ],
      "UTC",
    );
    expect(revenue.get("USD")).toEqual([
      { month: "2026-01", total: "10.00", invoiceCount: 1 },
      { month: "2026-02", total: "0.30", invoiceCount: 2 },
    ]);
    expect(revenue.get("JPY")).toEqual([{ month: "2026-01", total: "1500", invoiceCount: 1 }]);
  });
});
