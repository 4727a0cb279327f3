// An invoice's payments: every payment (by hand, by card, a dunning retry)
// with what it paid, what went to the customer balance and what was
// refunded. Finance keys record money received by bank transfer, cheque or
// cash (a partial payment stays partial, an overpayment goes to the balance)
// and refund a payment; billing keys give up on an unpaid invoice. Each
// payment shows its links in the connected systems it was synced to.
import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Invoice, ManualPaymentMethod, Payment, RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { closedBy, type DialogClosing, ReasonDialog } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DateTimeField, DecimalField, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { ExternalLinksCell } from "../integrations/external-links.tsx";

// A payment moves the invoice's amounts and status, and the customer's balance.
const paymentChanges = ["/v1/payments", "/v1/invoices", "/v1/customers/{id}"] as const;

const methodLabels: Record<Payment["method"], string> = {
  card: "Card",
  bank_transfer: "Bank transfer",
  cheque: "Cheque",
  cash: "Cash",
  other: "Other",
};

const statusClasses: Record<Payment["status"], string> = {
  pending: "badge badge-warning",
  succeeded: "badge badge-success",
  failed: "badge badge-muted",
};

const isZero = (amount: string) => /^-?0(\.0+)?$/.test(amount);

export function InvoicePayments({
  invoice,
  canRecord,
}: {
  invoice: Invoice;
  /** The key holds finance:write: it records and refunds payments. */
  canRecord: boolean;
}) {
  const list = usePagedList("/v1/payments", { params: { query: { invoice_id: invoice.id, limit: 20 } } });
  const [refunding, setRefunding] = useState<Payment | undefined>();
  const money = (amount: string) => formatMoney(amount, invoice.currency, invoice.locale);
  const collectable = invoice.status === "open" || invoice.status === "partially_paid";
  return (
    <Panel title="Payments">
      <PagedListView list={list} noun={["payment", "payments"]} empty="No payments.">
        {(payments) => (
          <DataTable
            label="Payments table"
            rows={payments}
            rowKey={(payment) => payment.id}
            columns={[
              {
                header: "Payment",
                cell: (payment) => (
                  <>
                    {methodLabels[payment.method]}
                    {payment.reference && <span className="actor-id">ref. {payment.reference}</span>}
                    <span className="actor-id">
                      {formatDateTime(payment.received_at ?? payment.created_at, invoice.locale)}
                    </span>
                  </>
                ),
              },
              {
                header: "Status",
                cell: (payment) => (
                  <>
                    <span className={statusClasses[payment.status]}>{payment.status}</span>
                    {payment.failure?.message && <span className="actor-id">{payment.failure.message}</span>}
                  </>
                ),
              },
              { header: "Amount", numeric: true, cell: (payment) => money(payment.amount) },
              {
                header: "Went to",
                cell: (payment) =>
                  `${money(payment.amount_applied)} to the invoice` +
                  (isZero(payment.amount_to_balance)
                    ? ""
                    : `, ${money(payment.amount_to_balance)} to the customer's balance`) +
                  (isZero(payment.amount_refunded) ? "" : `; ${money(payment.amount_refunded)} refunded`),
              },
              {
                header: "In connected systems",
                cell: (payment) => (
                  <ExternalLinksCell object={{ object_type: "payment", object_id: payment.id }} />
                ),
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (payment) =>
                  canRecord &&
                  payment.status === "succeeded" &&
                  payment.amount_refunded !== payment.amount && (
                    <RowButton
                      label="Refund"
                      of={money(payment.amount)}
                      onClick={() => setRefunding(payment)}
                    />
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
      {/* A credit note or a payment changes what is left to pay: the form starts again from it. */}
      {canRecord && collectable && <RecordPaymentForm key={invoice.amount_remaining} invoice={invoice} />}
      {refunding && (
        <RefundDialog payment={refunding} money={money} {...closedBy(() => setRefunding(undefined))} />
      )}
    </Panel>
  );
}

type PaymentValues = { amount: string; method: ManualPaymentMethod; reference: string; received_at: string };

function checkPayment(values: PaymentValues) {
  const checks = new FieldChecks();
  checks.decimal("amount", values.amount, { required: true, positive: true });
  return checks.errors;
}

function paymentBody(values: PaymentValues): RequestBody<"/v1/invoices/{id}/payments", "post"> {
  return {
    amount: values.amount.trim(),
    method: values.method,
    ...(values.reference.trim() === "" ? {} : { reference: values.reference.trim() }),
    ...instantIfGiven("received_at", values.received_at),
  };
}

function RecordPaymentForm({ invoice }: { invoice: Invoice }) {
  const initial = useCallback(
    (): PaymentValues => ({
      amount: invoice.amount_remaining,
      method: "bank_transfer",
      reference: "",
      received_at: "",
    }),
    [invoice.amount_remaining],
  );
  const form = useFormState<PaymentValues>(initial, checkPayment);
  const record = useApiMutation({
    call: (values: PaymentValues) =>
      api.POST("/v1/invoices/{id}/payments", {
        params: { path: { id: invoice.id } },
        body: paymentBody(values),
      }),
    invalidates: paymentChanges,
  });
  return (
    <FormFrame
      form={form}
      refusedTitle="The payment was not recorded"
      onSubmit={() => form.submit(record.mutateAsync)}
      className="section-gap"
      before={<h3>Record a payment</h3>}
    >
      <div className="field-grid">
        <DecimalField
          {...form.bind("amount")}
          label={`Amount received (${invoice.currency})`}
          required
          hint="Less than what is due leaves it partially paid; more goes to the customer's balance."
        />
        <SelectField
          {...form.bind("method")}
          label="Received by"
          options={(["bank_transfer", "cheque", "cash", "other"] as const).map((method) => ({
            value: method,
            label: methodLabels[method],
          }))}
        />
        <TextField
          {...form.bind("reference")}
          label="Reference"
          hint="The bank reference or cheque number."
        />
        <DateTimeField {...form.bind("received_at")} label="Received" hint="Empty: now." />
      </div>
      <SubmitButton busy={form.busy} label="Record payment" busyLabel="Recording…" />
    </FormFrame>
  );
}

function RefundDialog({
  payment,
  money,
  onDone,
  onCancel,
}: {
  payment: Payment;
  money: (amount: string) => string;
} & DialogClosing) {
  const [amount, setAmount] = useState("");
  const refund = useApiMutation({
    call: (reason: string) =>
      api.POST("/v1/payments/{id}/refunds", {
        params: { path: { id: payment.id } },
        body: { reason, ...(amount.trim() === "" ? {} : { amount: amount.trim() }) },
      }),
    invalidates: paymentChanges,
    onSuccess: onDone,
  });
  const error = refund.error;
  const amountError = error?.fieldErrors.find((field) => field.path === "$.amount")?.message;
  return (
    <ReasonDialog
      open
      title={`Refund the payment of ${money(payment.amount)}?`}
      confirmLabel="Refund"
      busy={refund.isPending}
      error={error && !amountError ? error.detail : undefined}
      onConfirm={refund.mutate}
      onCancel={onCancel}
      reasonRequired
    >
      <p>The money goes back the way it came: through the provider, or recorded as paid back by hand.</p>
      <DecimalField
        label="Amount to refund"
        value={amount}
        onValueChange={setAmount}
        hint="Empty: everything not yet refunded."
        error={amountError}
      />
    </ReasonDialog>
  );
}
