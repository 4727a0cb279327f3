import { describe, expect, it } from "vitest";
import type { Customer } from "../../api/resources.ts";
import {
  createCustomerBody,
  customerValues,
  emptyCustomerValues,
  updateCustomerBody,
} from "./customer-form-values.ts";

const customer: Customer = {
  id: "cus_1",
  external_id: "acme",
  name: "Acme",
  email: "billing@acme.example",
  // jsonb's key order, not the form's
  billing_address: { city: "Berlin", line1: "Main Street 1", country: "DE" },
  country: "DE",
  tax_ids: [{ type: "eu_vat", value: "DE123" }],
  currency: "EUR",
  timezone: "Europe/Berlin",
  locale: "de-DE",
  invoice_settings: { net_payment_terms_days: 30 },
  metadata: { tier: "gold" },
  parent_customer_id: null,
  child_billing: "separate",
  archived_at: null,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

describe("createCustomerBody", () => {
  it("leaves out what was left empty", () => {
    const values = emptyCustomerValues("UTC", "en-US");
    values.external_id = " new-customer ";
    values.timezone = "";
    expect(createCustomerBody(values)).toEqual({ external_id: "new-customer", locale: "en-US" });
  });

  it("upper-cases codes, keeps rows that have content and sends typed numbers as numbers", () => {
    const values = emptyCustomerValues("UTC", "en-US");
    values.external_id = "x";
    values.country = "fr";
    values.currency = "eur";
    values.billing_address.city = "Paris";
    values.billing_address.country = "fr";
    values.tax_ids = [
      { type: "eu_vat", value: "FR1" },
      { type: "", value: "" },
    ];
    values.invoice_settings.net_payment_terms_days = "14";
    values.invoice_settings.grace_period_days = "two";
    values.metadata = [
      { key: "segment", value: "smb" },
      { key: " ", value: "ignored" },
    ];
    expect(createCustomerBody(values)).toEqual({
      external_id: "x",
      country: "FR",
      currency: "EUR",
      timezone: "UTC",
      locale: "en-US",
      billing_address: { city: "Paris", country: "FR" },
      tax_ids: [{ type: "eu_vat", value: "FR1" }],
      invoice_settings: { net_payment_terms_days: 14, grace_period_days: "two" },
      metadata: { segment: "smb" },
    });
  });
});

describe("updateCustomerBody", () => {
  it("sends nothing when nothing changed, whatever the key order of stored objects", () => {
    expect(updateCustomerBody(customer, customerValues(customer))).toEqual({});
  });

  it("sends only what changed, with null for a cleared field", () => {
    const values = customerValues(customer);
    values.name = "Acme GmbH";
    values.email = "";
    values.billing_address = { line1: "", line2: "", city: "", postal_code: "", state: "", country: "" };
    values.metadata = [];
    expect(updateCustomerBody(customer, values)).toEqual({
      name: "Acme GmbH",
      email: null,
      billing_address: null,
      metadata: {},
    });
  });

  it("sends the parent and how the children are billed when they change", () => {
    const values = customerValues(customer);
    values.parent_customer_id = "cus_parent";
    values.child_billing = "consolidated";
    expect(updateCustomerBody(customer, values)).toEqual({
      parent_customer_id: "cus_parent",
      child_billing: "consolidated",
    });
  });
});
