// A customer's prepaid wallets: balance in money and in credits, the rate
// between them and any automatic top-up; a wallet is opened and topped up
// here (a paid top-up is billed on a one-off invoice by the API).
import { type FormEvent, useCallback, useRef, useState } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { Customer, Wallet } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { currencyListId } from "../../ui/reference-lists.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

export function CustomerWallets({
  customer,
  writable,
  generation,
  onChanged,
}: {
  customer: Customer;
  writable: boolean;
  /** Changes when credits change elsewhere: the wallets are read anew. */
  generation: number;
  onChanged: () => void;
}) {
  return (
    <>
      <h3 className="section-gap">Prepaid wallets</h3>
      <WalletTable key={generation} customer={customer} writable={writable} onChanged={onChanged} />
      {writable && <WalletForm customer={customer} onCreated={onChanged} />}
    </>
  );
}

function WalletTable({
  customer,
  writable,
  onChanged,
}: {
  customer: Customer;
  writable: boolean;
  onChanged: () => void;
}) {
  const list = usePagedList<Wallet>(`/v1/customers/${encodeURIComponent(customer.id)}/wallets?limit=20`);
  const [toppingUp, setToppingUp] = useState<Wallet | undefined>();
  if (list.state.status === "loading") return <LoadingState label="Loading wallets…" />;
  if (list.state.status === "error") return <ErrorState error={list.state.error} onRetry={list.reload} />;
  if (list.state.data.length === 0) return <EmptyState title="No prepaid wallets." />;
  return (
    <>
      <TableScroll label="Wallets table">
        <table className="stacked-on-phone">
          <thead>
            <tr>
              <th scope="col">Wallet</th>
              <th scope="col" className="numeric">
                Balance
              </th>
              <th scope="col" className="numeric">
                Credits
              </th>
              <th scope="col">Automatic top-up</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.state.data.map((wallet) => (
              <tr key={wallet.id}>
                <th scope="row">
                  {wallet.name}
                  <span className="actor-id">
                    {formatQuantity(wallet.rate, customer.locale)} credits per {wallet.currency} 1
                  </span>
                </th>
                <td data-label="Balance" className="numeric">
                  {formatMoney(wallet.balance, wallet.currency, customer.locale)}
                </td>
                <td data-label="Credits" className="numeric">
                  {formatQuantity(wallet.credits, customer.locale)}
                </td>
                <td data-label="Automatic top-up">
                  {wallet.auto_top_up
                    ? `${formatQuantity(wallet.auto_top_up.amount, customer.locale)} credits below ${formatQuantity(wallet.auto_top_up.threshold, customer.locale)}`
                    : "Off"}
                </td>
                <td className="row-actions">
                  {writable && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setToppingUp(wallet)}
                    >
                      Top up<span className="visually-hidden"> {wallet.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {toppingUp && (
        <TopUpDialog
          wallet={toppingUp}
          onDone={() => {
            setToppingUp(undefined);
            onChanged();
          }}
          onCancel={() => setToppingUp(undefined)}
        />
      )}
    </>
  );
}

type TopUpValues = { amount: string; paid_amount: string; expires_at: string; reason: string };

function checkTopUp(values: TopUpValues) {
  const checks = new FieldChecks();
  checks.decimal("amount", values.amount, { required: true, positive: true });
  checks.decimal("paid_amount", values.paid_amount);
  checks.required("reason", values.reason);
  return checks.errors;
}

function TopUpDialog({
  wallet,
  onDone,
  onCancel,
}: {
  wallet: Wallet;
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = useFormState<TopUpValues>(
    () => ({ amount: "", paid_amount: "", expires_at: "", reason: "" }),
    checkTopUp,
  );
  const confirm = async () => {
    await form.submit(async (values) => {
      await apiRequest("POST", `/v1/wallets/${encodeURIComponent(wallet.id)}/top-ups`, {
        body: {
          amount: values.amount.trim(),
          reason: values.reason.trim(),
          ...(values.paid_amount.trim() === "" ? {} : { paid_amount: values.paid_amount.trim() }),
          ...(values.expires_at === "" ? {} : { expires_at: instantFromLocal(values.expires_at) }),
        },
      });
      onDone();
    });
  };
  const placed = ["amount", "paid_amount", "expires_at", "reason"];
  const unplaced =
    form.refusal &&
    Object.keys(form.serverErrors).every((name) => placed.includes(name)) &&
    form.refusal.fieldErrors.length > 0
      ? undefined
      : form.refusal?.detail;
  return (
    <ConfirmDialog
      open
      title={`Top up ${wallet.name}?`}
      confirmLabel="Top up"
      tone="primary"
      busy={form.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <TextField {...form.bind("amount")} label="Credits to add" required inputMode="decimal" />
      <TextField
        {...form.bind("paid_amount")}
        label={`Paid (${wallet.currency})`}
        inputMode="decimal"
        hint="Empty: the credits' value at the wallet's rate. 0 gives them away. A paid top-up is billed on a one-off invoice."
      />
      <TextField
        {...form.bind("expires_at")}
        label="Credits expire"
        type="datetime-local"
        hint="Empty: never."
      />
      <TextField
        {...form.bind("reason")}
        label="Reason"
        required
        hint="Kept on the ledger and in the audit log."
      />
      {unplaced && (
        <p className="form-error" role="alert">
          {unplaced}
        </p>
      )}
    </ConfirmDialog>
  );
}

type WalletValues = { name: string; currency: string; rate: string; threshold: string; top_up: string };

function checkWallet(values: WalletValues) {
  const checks = new FieldChecks();
  checks.required("name", values.name);
  checks.currency("currency", values.currency);
  checks.decimal("rate", values.rate, { positive: true });
  const automatic = values.threshold.trim() !== "" || values.top_up.trim() !== "";
  checks.decimal("auto_top_up.threshold", values.threshold, { required: automatic });
  checks.decimal("auto_top_up.amount", values.top_up, { required: automatic, positive: true });
  return checks.errors;
}

function WalletForm({ customer, onCreated }: { customer: Customer; onCreated: () => void }) {
  const initial = useCallback(
    (): WalletValues => ({
      name: "",
      currency: customer.currency ?? "",
      rate: "",
      threshold: "",
      top_up: "",
    }),
    [customer.currency],
  );
  // The API names the automatic top-up's fields under auto_top_up; the form keeps them flat.
  const formNameOf = useCallback(
    (name: string) =>
      name === "auto_top_up.threshold" ? "threshold" : name === "auto_top_up.amount" ? "top_up" : name,
    [],
  );
  const check = useCallback(
    (values: WalletValues) => {
      const errors = checkWallet(values);
      return Object.fromEntries(Object.entries(errors).map(([name, message]) => [formNameOf(name), message]));
    },
    [formNameOf],
  );
  const form = useFormState<WalletValues>(initial, check, formNameOf);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (values) => {
      const automatic = values.threshold.trim() !== "" || values.top_up.trim() !== "";
      await apiRequest<Wallet>("POST", `/v1/customers/${encodeURIComponent(customer.id)}/wallets`, {
        body: {
          name: values.name.trim(),
          currency: values.currency.trim().toUpperCase(),
          ...(values.rate.trim() === "" ? {} : { rate: values.rate.trim() }),
          ...(automatic
            ? { auto_top_up: { threshold: values.threshold.trim(), amount: values.top_up.trim() } }
            : {}),
        },
      });
    });
    if (created) {
      form.reset(initial());
      onCreated();
    }
  };

  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h4>Open a wallet</h4>
      <FormErrorSummary
        title="The wallet was not opened"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <div className="field-grid">
        <TextField {...form.bind("name")} label="Wallet name" required autoComplete="off" />
        <TextField
          {...form.bind("currency")}
          label="Wallet currency"
          required
          list={currencyListId}
          autoCapitalize="characters"
        />
        <TextField
          {...form.bind("rate")}
          label="Credits per unit of money"
          inputMode="decimal"
          hint="Empty: 1."
        />
        <TextField
          {...form.bind("threshold")}
          label="Top up below (credits)"
          inputMode="decimal"
          hint="Optional: an automatic top-up when a burn leaves less."
        />
        <TextField {...form.bind("top_up")} label="Automatic top-up (credits)" inputMode="decimal" />
      </div>
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? "Opening…" : "Open wallet"}
      </button>
    </form>
  );
}
