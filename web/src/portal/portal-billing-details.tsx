// The billing details the customer keeps up to date: the name and email its
// invoices go to, the billing address and its tax (VAT) number. The server
// checks the number against the address's country and names the field it
// refuses; the form shows each refusal beside its field.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { GetData } from "../api/queries.ts";
import { useApiMutation } from "../api/queries.ts";
import { answer } from "../api/typed-client.ts";
import { addressFields } from "../ui/address-fields.tsx";
import { FieldGroup, TextField } from "../ui/form-field.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";
import { PortalForm } from "./portal-form.tsx";

type BillingDetails = GetData<"/v1/portal/billing-details">;

// The portal asks for the country as a code, without the console's country list.
const portalAddressFields = [...addressFields, ["country", "Country code", "country"] as const];

type AddressKey = (typeof portalAddressFields)[number][0];

export function PortalBillingDetails() {
  const details = useQuery(portalQuery("/v1/portal/billing-details"));
  return (
    <Panel title="Billing details">
      <ResourceView resource={details} loadingLabel="Loading your billing details…">
        {(current) => <BillingDetailsForm current={current} />}
      </ResourceView>
    </Panel>
  );
}

function BillingDetailsForm({ current }: { current: BillingDetails }) {
  const [name, setName] = useState(current.name ?? "");
  const [email, setEmail] = useState(current.email ?? "");
  const [address, setAddress] = useState<Record<AddressKey, string>>(() => ({
    line1: current.billing_address?.line1 ?? "",
    line2: current.billing_address?.line2 ?? "",
    city: current.billing_address?.city ?? "",
    postal_code: current.billing_address?.postal_code ?? "",
    state: current.billing_address?.state ?? "",
    country: current.billing_address?.country ?? "",
  }));
  const [taxId, setTaxId] = useState(current.tax_id ?? "");
  const [saved, setSaved] = useState(false);
  const save = useApiMutation({
    write: () => {
      const filled = Object.fromEntries(
        Object.entries(address)
          .map(([key, value]) => [key, key === "country" ? value.trim().toUpperCase() : value.trim()])
          .filter(([, value]) => value !== ""),
      );
      return answer(
        portalApi.PUT("/v1/portal/billing-details", {
          body: {
            name: name.trim() === "" ? null : name.trim(),
            email: email.trim() === "" ? null : email.trim(),
            billing_address: Object.keys(filled).length === 0 ? null : filled,
            tax_id: taxId.trim() === "" ? null : taxId.trim(),
          },
        }),
      );
    },
    invalidates: ["/v1/portal/billing-details", "/v1/portal/me"],
    onSuccess: () => setSaved(true),
  });
  const errorAt = (path: string) => save.error?.fieldErrors.find((error) => error.path === path)?.message;
  const known = [
    "$.name",
    "$.email",
    "$.tax_id",
    ...portalAddressFields.map(([key]) => `$.billing_address.${key}`),
  ];
  const otherError = save.error && !save.error.fieldErrors.some((error) => known.includes(error.path));
  const send = () => {
    setSaved(false);
    save.mutate();
  };
  return (
    <PortalForm
      send={send}
      busy={save.isPending}
      submitLabel="Save billing details"
      refusal={otherError ? save.error?.detail : undefined}
      saved={saved ? "Billing details saved." : undefined}
    >
      <TextField
        label="Name on invoices"
        value={name}
        onValueChange={setName}
        autoComplete="organization"
        error={errorAt("$.name")}
      />
      <TextField
        label="Billing email"
        type="email"
        value={email}
        onValueChange={setEmail}
        autoComplete="email"
        hint="Invoices and receipts are sent here."
        error={errorAt("$.email") && `This ${errorAt("$.email")}`}
      />
      <FieldGroup legend="Billing address">
        {portalAddressFields.map(([key, label, autoComplete]) => (
          <TextField
            key={key}
            label={label}
            value={address[key]}
            onValueChange={(value) => setAddress((before) => ({ ...before, [key]: value }))}
            autoComplete={autoComplete}
            hint={key === "country" ? "Two letters, such as DE or US." : undefined}
            error={errorAt(`$.billing_address.${key}`)}
          />
        ))}
      </FieldGroup>
      <TextField
        label="VAT or tax number"
        value={taxId}
        onValueChange={setTaxId}
        autoComplete="off"
        hint="With its country prefix for an EU VAT number, such as DE123456789."
        error={errorAt("$.tax_id") && `This number ${errorAt("$.tax_id")}`}
      />
    </PortalForm>
  );
}
