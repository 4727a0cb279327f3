// What a billed line is called on invoices, in the console and on the PDF: the
// product's name when the charge sells one, not the charge's code.
import { describe, expect, it } from "vitest";
import type { PlanVersionRecord } from "../catalog/index.ts";
import { Decimal, type InvoiceLine } from "../core/index.ts";
import { describeLine } from "./stored-lines.ts";

const version = {
  id: "plv_1",
  planId: "pln_1",
  planCode: "growth",
  planName: "Growth",
  version: 1,
  state: "published",
  content: {
    charges: [
      { id: "platform_fee", type: "fixed", amount: "49.00", product: "platform" },
      { id: "seats", type: "fixed", amount: "10.00", product: "workspace" },
      { id: "admin_seats", type: "fixed", amount: "20.00", product: "workspace" },
      {
        id: "calls",
        type: "usage",
        meter: "api_calls",
        model: "per_unit",
        unit_price: "0.01",
        product: "api",
      },
      { id: "storage", type: "usage", meter: "gigabytes", model: "per_unit", unit_price: "0.10" },
      { id: "setup", type: "fixed", amount: "5.00" },
    ],
  },
  productNames: { platform: "Platform", workspace: "Workspace", api: "Document API" },
} as unknown as PlanVersionRecord;

function line(charge: string, details: Record<string, unknown>): InvoiceLine {
  return {
    charge,
    kind: details.kind,
    periodStart: 0,
    periodEnd: 1,
    quantity: new Decimal(1),
    amount: new Decimal(1),
    details,
  } as unknown as InvoiceLine;
}

describe("describeLine", () => {
  it("names a fixed charge by its product, with the charge beside it when the product has two", () => {
    expect(describeLine(line("platform_fee", { kind: "fixed" }), version)).toBe("Platform (Growth)");
    expect(describeLine(line("seats", { kind: "fixed" }), version)).toBe("Workspace, seats (Growth)");
    expect(describeLine(line("setup", { kind: "fixed" }), version)).toBe("setup (Growth)");
  });

  it("names usage by its product, else by its meter", () => {
    expect(describeLine(line("calls", { kind: "usage", meterCode: "api_calls" }), version)).toBe(
      "Document API usage (Growth)",
    );
    expect(describeLine(line("storage", { kind: "usage", meterCode: "gigabytes" }), version)).toBe(
      "gigabytes usage (Growth)",
    );
  });

  it("names prorations and quantity changes the same way", () => {
    expect(describeLine(line("platform_fee", { kind: "proration_credit" }), version)).toBe(
      "Unused time on Platform (Growth)",
    );
    expect(
      describeLine(
        line("seats", {
          kind: "quantity_change",
          previousQuantity: new Decimal(5),
          newQuantity: new Decimal(8),
        }),
        version,
      ),
    ).toBe("Workspace, seats: quantity 5 to 8 (Growth)");
  });

  it("keeps the charge's id where no plan version is known", () => {
    expect(describeLine(line("platform_fee", { kind: "fixed" }), undefined)).toBe("platform_fee");
  });
});
