// The seller and the buyer as a finalized invoice prints them: snapshots, so a
// later change of the customer's address does not rewrite an issued invoice.
// A billing entity's seller also carries its payment instructions and footer.
import type { CustomerRow } from "./customer-billing.ts";
import type { InvoicingSettings } from "./invoicing-settings.ts";
import type { PartySnapshot } from "./tables.ts";

export function partyOfCustomer(customer: CustomerRow): PartySnapshot {
  return {
    name: customer.name,
    email: customer.email,
    address: customer.billing_address,
    country: customer.country,
    tax_ids: customer.tax_ids,
  };
}

export function partyOfSeller(settings: InvoicingSettings): PartySnapshot {
  const { seller, billingEntity } = settings;
  if (billingEntity !== null) {
    return {
      name: seller.name,
      email: seller.email,
      address: seller.address,
      country: seller.country,
      tax_ids: billingEntity.taxRegistrations,
      payment_instructions: billingEntity.paymentInstructions,
      footer: billingEntity.footer,
    };
  }
  return {
    name: seller.name,
    email: seller.email,
    address: seller.address,
    country: seller.country,
    tax_ids: seller.taxId === null ? [] : [{ type: "tax_id", value: seller.taxId }],
  };
}
