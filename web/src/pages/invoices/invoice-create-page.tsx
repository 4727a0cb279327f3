// A one-off invoice: lines with a description, a quantity and a price per
// unit (negative for a discount line), saved as a draft or finalized at once.
// The running total is summed from the decimal strings, never through floats.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { multiplyDecimalStrings, sumDecimalStrings } from "../../format/decimal-sum.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { invoicePath } from "../../routing/routes.ts";
import {
  CheckboxField,
  CurrencyField,
  DecimalField,
  FieldGroup,
  SelectField,
  TextField,
} from "../../ui/form-field.tsx";
import { PageForm } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { newRowKey } from "../catalog/version-editor/version-form-values.ts";
import { customerOptions } from "../customers/customer-choices.ts";

type LineValues = { key: string; description: string; quantity: string; unit_amount: string };

type OneOffValues = {
  customer_id: string;
  currency: string;
  lines: LineValues[];
  memo: string;
  finalize: boolean;
};

const emptyLine = (): LineValues => ({ key: newRowKey(), description: "", quantity: "1", unit_amount: "" });

const signedDecimal = /^-?(0|[1-9]\d{0,17})(\.\d{1,20})?$/;

function checkOneOff(values: OneOffValues) {
  const checks = new FieldChecks();
  checks.required("customer_id", values.customer_id, "choose a customer");
  checks.currency("currency", values.currency);
  if (values.lines.length === 0) checks.report("lines", "add at least one line");
  values.lines.forEach((line, index) => {
    checks.required(`lines.${index}.description`, line.description);
    checks.decimal(`lines.${index}.quantity`, line.quantity, { required: true });
    if (
      checks.required(`lines.${index}.unit_amount`, line.unit_amount) &&
      !signedDecimal.test(line.unit_amount.trim())
    ) {
      checks.report(`lines.${index}.unit_amount`, "must be a number such as 12.50 or -5.00");
    }
  });
  return checks.errors;
}

/** The sum of quantity × unit amount over the lines that can be read, or undefined while one cannot. */
function runningTotal(lines: readonly LineValues[]): string | undefined {
  try {
    return sumDecimalStrings(
      lines.map((line) => multiplyDecimalStrings(line.quantity.trim(), line.unit_amount.trim())),
    );
  } catch {
    return undefined;
  }
}

export function InvoiceCreatePage() {
  const { query } = useLocation();
  const customers = useAllPages("/v1/customers");
  const initial = useCallback(
    (): OneOffValues => ({
      customer_id: query.get("customer_id") ?? "",
      currency: "",
      lines: [emptyLine()],
      memo: "",
      finalize: false,
    }),
    [query],
  );
  const form = useFormState<OneOffValues>(initial, checkOneOff);
  const { values } = form;
  const customerById = (id: string) => customers.data?.find((candidate) => candidate.id === id);
  const customer = customerById(values.customer_id);
  const currency = values.currency.trim().toUpperCase();
  const total = runningTotal(values.lines);
  const placed = new Set(["customer_id", "currency", "memo", "lines"]);
  values.lines.forEach((_line, index) => {
    for (const field of ["description", "quantity", "unit_amount"]) placed.add(`lines.${index}.${field}`);
  });

  const create = useApiMutation({
    call: (current: OneOffValues) =>
      api.POST("/v1/invoices", {
        body: {
          customer_id: current.customer_id,
          currency: current.currency.trim().toUpperCase(),
          lines: current.lines.map((line) => ({
            description: line.description.trim(),
            quantity: line.quantity.trim(),
            unit_amount: line.unit_amount.trim(),
          })),
          ...(current.memo.trim() === "" ? {} : { memo: current.memo.trim() }),
          finalize: current.finalize,
        },
      }),
    invalidates: ["/v1/invoices", "/v1/customers/{id}"],
    onSuccess: (created) => navigate(invoicePath(created.id)),
  });

  return (
    <>
      <PageHeader title="New one-off invoice" subtitle="Lines of your own, outside any subscription." />
      <PageForm
        form={form}
        refusedTitle="The invoice was not created"
        onSubmit={() => form.submit(create.mutateAsync)}
        placed={placed}
        before={<ReferenceLists />}
        submit={[values.finalize ? "Create and finalize" : "Create draft", "Creating…"]}
        onCancel={() => window.history.back()}
      >
        {customers.error && <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />}
        <FieldGroup legend="Customer">
          <SelectField
            {...form.bind("customer_id")}
            onValueChange={(value) => {
              const chosen = customerById(value);
              form.set("customer_id", value);
              if (chosen?.currency && values.currency.trim() === "") form.set("currency", chosen.currency);
            }}
            label="Customer"
            options={customerOptions(customers.data)}
          />
          <CurrencyField
            {...form.bind("currency")}
            required
            hint={
              customer?.currency ? `The customer's is ${customer.currency}.` : "An ISO 4217 code such as EUR."
            }
          />
        </FieldGroup>
        <fieldset>
          <legend>Lines</legend>
          {values.lines.map((line, index) => (
            <div className="row-editor row-editor-three" key={line.key}>
              <TextField
                {...form.bind(`lines.${index}.description`)}
                label={`Line ${index + 1} description`}
                required
              />
              <DecimalField
                {...form.bind(`lines.${index}.quantity`)}
                label={`Line ${index + 1} quantity`}
                required
              />
              <DecimalField
                {...form.bind(`lines.${index}.unit_amount`)}
                label={`Line ${index + 1} unit price`}
                required
                hint={index === 0 ? "Negative for a discount line." : undefined}
              />
              <RemoveButton
                of={`line ${index + 1}`}
                disabled={values.lines.length === 1}
                onRemove={() =>
                  form.restructure((draft) => {
                    draft.lines.splice(index, 1);
                  })
                }
              />
            </div>
          ))}
          {form.errorOf("lines") && <p className="field-error">{form.errorOf("lines")}</p>}
          <button
            type="button"
            className="button"
            onClick={() =>
              form.restructure((draft) => {
                draft.lines.push(emptyLine());
              })
            }
          >
            Add a line
          </button>
          <p className="simulation-summary" aria-live="polite">
            {total !== undefined && currency.length === 3
              ? `Before tax, discounts and credits: ${formatMoney(total, currency)}.`
              : "The total shows once every quantity and price is a number."}
          </p>
        </fieldset>
        <TextField {...form.bind("memo")} label="Memo" hint="Optional: printed on the invoice." />
        <CheckboxField
          label="Finalize at once"
          hint="A final invoice gets its number and can no longer change; leave unchecked to keep a draft."
          checked={values.finalize}
          onCheckedChange={(checked) => form.set("finalize", checked)}
        />
      </PageForm>
    </>
  );
}
