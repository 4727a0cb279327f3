// The fields of a postal address (a customer's billing address, the seller's
// address), bound to a form under a prefix ("billing_address"), the country
// picked from the list of countries.
import { CountryField, TextField } from "./form-field.tsx";
import type { FormState } from "./form-state.ts";

/** An address's parts but its country: the API's name, the label, the browser's autocomplete token. */
export const addressFields = [
  ["line1", "Address line 1", "address-line1"],
  ["line2", "Address line 2", "address-line2"],
  ["city", "City", "address-level2"],
  ["postal_code", "Postal code", "postal-code"],
  ["state", "State or region", "address-level1"],
] as const;

/** The form names of an address's fields under `prefix`. */
export function addressFieldNames(prefix: string): string[] {
  return [...addressFields.map(([part]) => `${prefix}.${part}`), `${prefix}.country`];
}

export function AddressFields<Values>({ form, prefix }: { form: FormState<Values>; prefix: string }) {
  return (
    <>
      {addressFields.map(([part, label, autoComplete]) => (
        <TextField key={part} {...form.bind(`${prefix}.${part}`)} label={label} autoComplete={autoComplete} />
      ))}
      <CountryField {...form.bind(`${prefix}.country`)} label="Address country" />
    </>
  );
}
