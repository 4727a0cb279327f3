// The billing details a customer keeps up to date in the portal: the name and
// email its invoices go to, the billing address, and its tax (VAT) number.
// The number must have the form of one of the address's country (its check
// digit where the scheme has one), so a typo is refused here rather than
// ignored when tax is worked out. Saved through customers' own update, which
// audits the change and tells the seller's webhooks (customer.updated).
import { getCustomer, updateCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { validationFailed } from "../platform/errors.ts";
import { isEuMemberState, normalizeTaxId, taxIdLooksValid } from "../taxes/index.ts";
import type { PortalBillingDetails, PortalBillingDetailsInput } from "./portal-schemas.ts";
import { portalCustomerId } from "./portal-views.ts";

/** The kind of tax number a country issues, as Stripe and the seller's API name it. */
const taxIdTypes: Readonly<Record<string, string>> = {
  GB: "gb_vat",
  CH: "ch_vat",
  NO: "no_vat",
  AU: "au_abn",
  CA: "ca_bn",
};

function taxIdTypeOf(country: string): string | undefined {
  return isEuMemberState(country) ? "eu_vat" : taxIdTypes[country];
}

export async function portalBillingDetails(context: RequestContext): Promise<PortalBillingDetails> {
  const customer = await getCustomer(context, portalCustomerId(context));
  return {
    name: customer.name,
    email: customer.email,
    billing_address: customer.billing_address,
    tax_id: customer.tax_ids[0]?.value ?? null,
  };
}

export async function updatePortalBillingDetails(
  context: RequestContext,
  input: PortalBillingDetailsInput,
): Promise<PortalBillingDetails> {
  const customerId = portalCustomerId(context);
  const current = await getCustomer(context, customerId);
  const address = input.billing_address === undefined ? current.billing_address : input.billing_address;
  const country = address?.country ?? current.country;
  let taxIds: { type: string; value: string }[] | undefined;
  if (input.tax_id === null) taxIds = [];
  if (input.tax_id !== undefined && input.tax_id !== null) {
    const type = country === null || country === undefined ? undefined : taxIdTypeOf(country);
    if (type === undefined || country === null || country === undefined) {
      throw validationFailed([
        {
          path: "$.tax_id",
          message:
            country === null || country === undefined
              ? "needs the billing address's country, to know whose tax number it is"
              : `cannot be checked for ${country}: ask your provider to add it`,
        },
      ]);
    }
    const value = normalizeTaxId(input.tax_id);
    if (!taxIdLooksValid(country, value)) {
      throw validationFailed([
        {
          path: "$.tax_id",
          message: `is not a valid ${type.replace("_", " ").toUpperCase()} number for ${country}`,
        },
      ]);
    }
    taxIds = [{ type, value }];
  }
  await updateCustomer(context, customerId, {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.email === undefined ? {} : { email: input.email }),
    ...(input.billing_address === undefined ? {} : { billing_address: input.billing_address }),
    ...(taxIds === undefined ? {} : { tax_ids: taxIds }),
  });
  return portalBillingDetails(context);
}
