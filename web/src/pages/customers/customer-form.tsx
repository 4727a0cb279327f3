// The form that creates and edits a customer. The API validates; each of its
// field errors appears beside the input it names (by the error's JSON path),
// and any it cannot place appear in the summary above the form.
import { useState } from "react";
import { useAllPages } from "../../api/queries.ts";
import type { Customer } from "../../api/resources.ts";
import { AddressFields } from "../../ui/address-fields.tsx";
import {
  CountryField,
  CurrencyField,
  FieldGroup,
  SelectField,
  TextField,
  TimeZoneField,
} from "../../ui/form-field.tsx";
import { PageForm, ReasonField } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";
import type { CustomerFormValues } from "./customer-form-values.ts";

type CustomerFormProps = {
  initialValues: CustomerFormValues;
  submitLabel: string;
  /** Ask why the change is made (edits): the reason goes into the audit log. */
  asksReason?: boolean;
  onSubmit: (values: CustomerFormValues, reason: string) => Promise<unknown>;
  onCancel: () => void;
};

const scalarFieldNames = [
  "external_id",
  "name",
  "email",
  "parent_customer_id",
  "child_billing",
  "currency",
  "country",
  "timezone",
  "locale",
  "billing_address.line1",
  "billing_address.line2",
  "billing_address.city",
  "billing_address.postal_code",
  "billing_address.state",
  "billing_address.country",
  "invoice_settings.net_payment_terms_days",
  "invoice_settings.grace_period_days",
  "invoice_settings.footer",
];

function placedFieldNames(values: CustomerFormValues): Set<string> {
  const names = new Set(scalarFieldNames);
  values.tax_ids.forEach((_taxId, index) => {
    names.add(`tax_ids.${index}`);
    names.add(`tax_ids.${index}.type`);
    names.add(`tax_ids.${index}.value`);
  });
  for (const entry of values.metadata) names.add(`metadata.${entry.key.trim()}`);
  return names;
}

// The API checks every field; the form adds no checks of its own.
const noChecks = () => ({});

/** The customers that may be this one's parent: any other, not archived, by name. */
function parentOptions(customers: readonly Customer[] | undefined, ownExternalId: string) {
  return [
    { value: "", label: customers === undefined ? "Loading customers…" : "No parent" },
    ...(customers ?? [])
      .filter((customer) => customer.archived_at === null && customer.external_id !== ownExternalId)
      .map((customer) => ({
        value: customer.id,
        label: `${customer.name ?? customer.external_id} (${customer.external_id})`,
      })),
  ];
}

const childBillingOptions = [
  { value: "separate", label: "Each child gets its own invoices" },
  { value: "consolidated", label: "Children are billed on this customer's invoices" },
];

const invoiceSettingFields = [
  ["net_payment_terms_days", "Payment terms (days)", "Days between issue and due date, 0 to 365."],
  ["grace_period_days", "Grace period (days)", "Days a draft invoice stays open, 0 to 31."],
  ["footer", "Invoice footer", undefined],
] as const;

export function CustomerForm({
  initialValues,
  submitLabel,
  asksReason = false,
  onSubmit,
  onCancel,
}: CustomerFormProps) {
  const form = useFormState<CustomerFormValues>(initialValues, noChecks);
  const customers = useAllPages("/v1/customers");
  const [reason, setReason] = useState("");
  const { values } = form;
  const placed = placedFieldNames(values);

  return (
    <PageForm
      form={form}
      refusedTitle="The customer was not saved"
      onSubmit={() => form.submit((current) => onSubmit(current, reason))}
      placed={placed}
      before={<ReferenceLists />}
      submit={[submitLabel, "Saving…"]}
      onCancel={onCancel}
    >
      <FieldGroup legend="Customer">
        <TextField
          {...form.bind("external_id")}
          label="External id"
          required
          hint="Your own id for this customer, unique in the environment."
          autoComplete="off"
        />
        <TextField {...form.bind("name")} label="Name" autoComplete="organization" />
        <TextField {...form.bind("email")} label="Billing email" type="email" autoComplete="email" />
      </FieldGroup>

      <FieldGroup legend="Account hierarchy">
        <SelectField
          {...form.bind("parent_customer_id")}
          label="Parent customer"
          hint="A child is billed on its parent's invoice when the parent consolidates its children."
          options={parentOptions(customers.data, initialValues.external_id)}
        />
        <SelectField
          {...form.bind("child_billing")}
          onValueChange={(value) => form.set("child_billing", value as CustomerFormValues["child_billing"])}
          label="Children's invoices"
          hint="Own invoice, or on this customer's invoice with a section per child. Only a customer without a parent consolidates."
          options={childBillingOptions}
        />
      </FieldGroup>

      <FieldGroup legend="Billing">
        <CurrencyField {...form.bind("currency")} hint="Type a name or an ISO 4217 code such as EUR." />
        <CountryField {...form.bind("country")} hint="Type a name or an ISO 3166 code such as DE." />
        <TimeZoneField {...form.bind("timezone")} hint="Type a city or an IANA zone such as Europe/Berlin." />
        <TextField
          {...form.bind("locale")}
          label="Locale"
          hint="A language tag such as de-DE, for invoices and amounts."
        />
      </FieldGroup>

      <FieldGroup legend="Billing address">
        <AddressFields form={form} prefix="billing_address" />
      </FieldGroup>

      <fieldset>
        <legend>Tax ids</legend>
        {values.tax_ids.length === 0 && <p className="field-hint">No tax ids.</p>}
        {values.tax_ids.map((_taxId, index) => (
          // Rows have no id of their own; their position is what the API's errors name.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div className="row-editor" key={index}>
            <TextField
              {...form.bind(`tax_ids.${index}.type`)}
              label={`Tax id ${index + 1} type`}
              hint={index === 0 ? "Such as eu_vat or us_ein." : undefined}
              error={form.errorOf(`tax_ids.${index}.type`) ?? form.errorOf(`tax_ids.${index}`)}
            />
            <TextField {...form.bind(`tax_ids.${index}.value`)} label={`Tax id ${index + 1} number`} />
            <RemoveButton
              of={`tax id ${index + 1}`}
              onRemove={() => form.restructure((draft) => void draft.tax_ids.splice(index, 1))}
            />
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => form.restructure((draft) => void draft.tax_ids.push({ type: "", value: "" }))}
        >
          Add a tax id
        </button>
        {form.errorOf("tax_ids") && <p className="field-error">{form.errorOf("tax_ids")}</p>}
      </fieldset>

      <FieldGroup legend="Invoice settings">
        {invoiceSettingFields.map(([setting, label, hint]) => (
          <TextField
            key={setting}
            {...form.bind(`invoice_settings.${setting}`)}
            label={label}
            hint={hint}
            inputMode={setting === "footer" ? undefined : "numeric"}
          />
        ))}
      </FieldGroup>

      <fieldset>
        <legend>Metadata</legend>
        {values.metadata.length === 0 && <p className="field-hint">No metadata.</p>}
        {values.metadata.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
          <div className="row-editor" key={index}>
            <TextField {...form.bind(`metadata.${index}.key`)} label={`Metadata ${index + 1} key`} />
            <TextField
              {...form.bind(`metadata.${index}.value`)}
              label={`Metadata ${index + 1} value`}
              // The API names a bad entry by its key.
              error={form.errorOf(`metadata.${entry.key.trim()}`)}
            />
            <RemoveButton
              of={`metadata ${index + 1}`}
              onRemove={() => form.restructure((draft) => void draft.metadata.splice(index, 1))}
            />
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => form.restructure((draft) => void draft.metadata.push({ key: "", value: "" }))}
        >
          Add metadata
        </button>
      </fieldset>

      {asksReason && <ReasonField value={reason} onValueChange={setReason} />}
    </PageForm>
  );
}
