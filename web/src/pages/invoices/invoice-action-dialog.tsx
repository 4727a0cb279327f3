// The steps that change an invoice, each confirmed in a dialog: finalize a
// draft, void an unpaid final invoice (with the reason), give up collecting
// it, and issue a credit note, in full or for chosen amounts of chosen lines,
// with its reason.
import { useCallback, useRef } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { CreditNoteReason, Invoice } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { ConfirmDialog, type DialogClosing } from "../../ui/confirm-dialog.tsx";
import { CheckboxField, DecimalField, labelOptions, SelectField, TextField } from "../../ui/form-field.tsx";
import { refusalBesideNoField, useFormState } from "../../ui/form-state.ts";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

export type InvoiceAction = "finalize" | "void" | "credit-note" | "uncollectible";

const reasonLabels: Record<CreditNoteReason, string> = {
  billing_error: "Billing error",
  duplicate: "Duplicate",
  order_change: "Order change",
  product_unsatisfactory: "Product unsatisfactory",
  fraudulent: "Fraudulent",
  other: "Other",
};

type ActionValues = {
  void_reason: string;
  reason: CreditNoteReason;
  full: boolean;
  memo: string;
  /** Amount to credit per invoice line, by the line's position; empty leaves the line out. */
  amounts: string[];
};

export function InvoiceActionDialog({
  action,
  invoice,
  onDone,
  onCancel,
}: {
  action: InvoiceAction;
  invoice: Invoice;
} & DialogClosing<Invoice>) {
  const check = useCallback(
    (values: ActionValues) => {
      const checks = new FieldChecks();
      if (action === "void") checks.required("void_reason", values.void_reason);
      if (action === "credit-note" && !values.full) {
        values.amounts.forEach((amount, index) => {
          checks.decimal(`lines.${index}.amount`, amount);
        });
        if (values.amounts.every((amount) => amount.trim() === "")) {
          checks.report("lines", "give an amount for at least one line, or credit the whole invoice");
        }
      }
      return checks.errors;
    },
    [action],
  );
  // The API counts the lines it was sent; the form lists every invoice line.
  const sentLines = (values: ActionValues) =>
    invoice.lines
      .map((line, index) => ({ line, index, amount: (values.amounts[index] ?? "").trim() }))
      .filter((entry) => entry.amount !== "");
  const sentIndexes = useRef<number[]>([]);
  const formNameOf = useCallback(
    (name: string): string => {
      if (name === "reason" && action === "void") return "void_reason";
      const match = /^lines\.(\d+)\.amount$/.exec(name);
      const index = match === null ? undefined : sentIndexes.current[Number(match[1])];
      return index === undefined ? name : `lines.${index}.amount`;
    },
    [action],
  );
  const form = useFormState<ActionValues>(
    () => ({
      void_reason: "",
      reason: "billing_error",
      full: true,
      memo: "",
      amounts: invoice.lines.map(() => ""),
    }),
    check,
    formNameOf,
  );
  const { values } = form;
  const money = (amount: string) => formatMoney(amount, invoice.currency, invoice.locale);
  const placed = new Set([
    "void_reason",
    "reason",
    "memo",
    "full",
    "lines",
    ...invoice.lines.map((_line, index) => `lines.${index}.amount`),
  ]);
  const unplacedDetail = refusalBesideNoField(form, placed);

  const take = useApiMutation({
    write: (current: ActionValues) => takeStep(action, invoice, current, sentLines, sentIndexes),
    // An invoice's step moves its amounts, the customer's credits and balance, and its credit notes.
    invalidates: ["/v1/invoices", "/v1/credit-notes", "/v1/payments", "/v1/customers/{id}"],
    answers: apiQuery("/v1/invoices/{id}", { params: { path: { id: invoice.id } } }),
    onSuccess: onDone,
  });
  const confirm = () => void form.submit(take.mutateAsync);

  const titles: Record<InvoiceAction, string> = {
    finalize: "Finalize this invoice?",
    void: `Void invoice ${invoice.number ?? ""}?`,
    "credit-note": `Issue a credit note on ${invoice.number ?? "this invoice"}?`,
    uncollectible: `Mark invoice ${invoice.number ?? ""} uncollectible?`,
  };
  const labels: Record<InvoiceAction, string> = {
    finalize: "Finalize",
    void: "Void invoice",
    "credit-note": "Issue credit note",
    uncollectible: "Mark uncollectible",
  };

  return (
    <ConfirmDialog
      open
      title={titles[action]}
      confirmLabel={labels[action]}
      tone={action === "void" || action === "uncollectible" ? "danger" : "primary"}
      busy={form.busy}
      error={unplacedDetail}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {action === "finalize" && (
        <p>It gets the next number and never changes again: corrections then take a credit note.</p>
      )}
      {action === "void" && (
        <>
          <p>Its number stays on record; credits and balance it used come back to the customer.</p>
          <TextField
            {...form.bind("void_reason")}
            label="Reason"
            required
            hint="Printed on the void invoice."
          />
        </>
      )}
      {action === "uncollectible" && (
        <>
          <p>
            Fairbill stops collecting it: no more retries or reminders. A payment that arrives later is still
            recorded.
          </p>
          <TextField {...form.bind("void_reason")} label="Reason" hint="Optional. Kept in the audit log." />
        </>
      )}
      {action === "credit-note" && (
        <>
          <SelectField {...form.bind("reason")} label="Reason" options={labelOptions(reasonLabels)} />
          <CheckboxField
            label="Credit everything not yet credited"
            checked={values.full}
            onCheckedChange={(checked) => form.set("full", checked)}
          />
          {!values.full && (
            <fieldset className="choice-list">
              <legend>Amounts to credit, before tax</legend>
              {invoice.lines.map((line, index) => (
                <DecimalField
                  key={line.id}
                  {...form.bind(`amounts.${index}`)}
                  error={form.errorOf(`lines.${index}.amount`)}
                  label={`${line.description} (${money(line.amount)})`}
                />
              ))}
              {form.errorOf("lines") && <p className="field-error">{form.errorOf("lines")}</p>}
            </fieldset>
          )}
          <TextField {...form.bind("memo")} label="Memo" hint="Optional: printed on the credit note." />
        </>
      )}
    </ConfirmDialog>
  );
}

type SentLine = { line: Invoice["lines"][number]; index: number; amount: string };

/** Takes the step on the API; answers the invoice as it is after it. */
async function takeStep(
  action: InvoiceAction,
  invoice: Invoice,
  values: ActionValues,
  sentLines: (values: ActionValues) => SentLine[],
  sentIndexes: { current: number[] },
): Promise<Invoice> {
  const request = { params: { path: { id: invoice.id } } };
  switch (action) {
    case "finalize":
      return answer(api.POST("/v1/invoices/{id}/finalize", request));
    case "void":
      return answer(
        api.POST("/v1/invoices/{id}/void", { ...request, body: { reason: values.void_reason.trim() } }),
      );
    case "uncollectible": {
      const reason = values.void_reason.trim();
      return answer(
        api.POST("/v1/invoices/{id}/mark-uncollectible", {
          ...request,
          body: reason === "" ? {} : { reason },
        }),
      );
    }
    case "credit-note": {
      sentIndexes.current = sentLines(values).map((entry) => entry.index);
      await answer(
        api.POST("/v1/invoices/{id}/credit-notes", {
          ...request,
          body: {
            reason: values.reason,
            ...(values.memo.trim() === "" ? {} : { memo: values.memo.trim() }),
            ...(values.full
              ? { full: true }
              : {
                  lines: sentLines(values).map(({ line, amount }) => ({ invoice_line_id: line.id, amount })),
                }),
          },
        }),
      );
      // The credit note changes what is left to pay: the invoice as it is now.
      return answer(api.GET("/v1/invoices/{id}", request));
    }
  }
}
