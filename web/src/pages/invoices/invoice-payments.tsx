// An invoice's payments: every payment (by hand, by card, a dunning retry)
// with what it paid, what went to the customer balance and what was
// refunded. Finance keys record money received by bank transfer, cheque or
// cash (a partial payment stays partial, an overpayment goes to the balance)
// and refund a payment; billing keys give up on an unpaid invoice.
import { type FormEvent, useCallback, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { Invoice, ManualPaymentMethod, Payment } from "../../api/resources.ts";
import { asApiError, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

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
  onChanged,
}: {
  invoice: Invoice;
  /** The key holds finance:write: it records and refunds payments. */
  canRecord: boolean;
  onChanged: () => void;
}) {
  const list = usePagedList<Payment>(`/v1/payments?invoice_id=${encodeURIComponent(invoice.id)}&limit=20`);
  const [refunding, setRefunding] = useState<Payment | undefined>();
  const money = (amount: string) => formatMoney(amount, invoice.currency, invoice.locale);
  const changed = () => {
    list.reload();
    onChanged();
  };
  const collectable = invoice.status === "open" || invoice.status === "partially_paid";
  return (
    <section className="panel" aria-labelledby="payments-title">
      <h2 id="payments-title">Payments</h2>
      {list.state.status === "loading" && <LoadingState label="Loading payments…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && <EmptyState title="No payments." />}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Payments table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Payment</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col">Went to</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">
                    {methodLabels[payment.method]}
                    {payment.reference && <span className="actor-id">ref. {payment.reference}</span>}
                    <span className="actor-id">
                      {formatDateTime(payment.received_at ?? payment.created_at, invoice.locale)}
                    </span>
                  </th>
                  <td data-label="Status">
                    <span className={statusClasses[payment.status]}>{payment.status}</span>
                    {payment.failure?.message && <span className="actor-id">{payment.failure.message}</span>}
                  </td>
                  <td data-label="Amount" className="numeric">
                    {money(payment.amount)}
                  </td>
                  <td data-label="Went to">
                    {money(payment.amount_applied)} to the invoice
                    {!isZero(payment.amount_to_balance) &&
                      `, ${money(payment.amount_to_balance)} to the customer's balance`}
                    {!isZero(payment.amount_refunded) && `; ${money(payment.amount_refunded)} refunded`}
                  </td>
                  <td className="row-actions">
                    {canRecord &&
                      payment.status === "succeeded" &&
                      payment.amount_refunded !== payment.amount && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setRefunding(payment)}
                        >
                          Refund<span className="visually-hidden"> {money(payment.amount)}</span>
                        </button>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canRecord && collectable && <RecordPaymentForm invoice={invoice} onRecorded={changed} />}
      {refunding && (
        <RefundDialog
          payment={refunding}
          money={money}
          onDone={() => {
            setRefunding(undefined);
            changed();
          }}
          onCancel={() => setRefunding(undefined)}
        />
      )}
    </section>
  );
}

type PaymentValues = { amount: string; method: ManualPaymentMethod; reference: string; received_at: string };

function checkPayment(values: PaymentValues) {
  const checks = new FieldChecks();
  checks.decimal("amount", values.amount, { required: true, positive: true });
  return checks.errors;
}

function RecordPaymentForm({ invoice, onRecorded }: { invoice: Invoice; onRecorded: () => void }) {
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
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const recorded = await form.submit(async (values) => {
      await apiRequest<Payment>("POST", `/v1/invoices/${encodeURIComponent(invoice.id)}/payments`, {
        body: {
          amount: values.amount.trim(),
          method: values.method,
          ...(values.reference.trim() === "" ? {} : { reference: values.reference.trim() }),
          ...(values.received_at === "" ? {} : { received_at: instantFromLocal(values.received_at) }),
        },
      });
    });
    if (recorded) onRecorded();
  };
  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Record a payment</h3>
      <FormErrorSummary
        title="The payment was not recorded"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <div className="field-grid">
        <TextField
          {...form.bind("amount")}
          label={`Amount received (${invoice.currency})`}
          required
          inputMode="decimal"
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
        <TextField {...form.bind("received_at")} label="Received" type="datetime-local" hint="Empty: now." />
      </div>
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? "Recording…" : "Record payment"}
      </button>
    </form>
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
  onDone: () => void;
  onCancel: () => void;
}) {
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const refund = async () => {
    if (reason.trim() === "") {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest("POST", `/v1/payments/${encodeURIComponent(payment.id)}/refunds`, {
        body: { reason: reason.trim(), ...(amount.trim() === "" ? {} : { amount: amount.trim() }) },
      });
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Refund the payment of ${money(payment.amount)}?`}
      confirmLabel="Refund"
      busy={busy}
      onConfirm={() => void refund()}
      onCancel={onCancel}
    >
      <p>The money goes back the way it came: through the provider, or recorded as paid back by hand.</p>
      <TextField
        label="Amount to refund"
        inputMode="decimal"
        value={amount}
        onValueChange={setAmount}
        hint="Empty: everything not yet refunded."
        error={error?.fieldErrors.find((field) => field.path === "$.amount")?.message}
      />
      <TextField
        label="Reason"
        required
        value={reason}
        onValueChange={(value) => {
          setReason(value);
          setMissing(false);
        }}
        error={missing ? "is required" : undefined}
      />
      {error && !error.fieldErrors.some((field) => field.path === "$.amount") && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}
