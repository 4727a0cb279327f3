// A customer's prepaid wallets: balance in money and in credits, the rate
// between them and any automatic top-up; a wallet is opened and topped up
// here (a paid top-up is billed on a one-off invoice by the API).
import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Customer, RequestBody, Wallet } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { ConfirmDialog, closedBy, type DialogClosing } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CurrencyField, DateTimeField, DecimalField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { refusalBesideNoField, useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

/**
 * What a grant, a void or a top-up moves: every credit figure of the customer
 * (balances, grants, wallets, the ledger), and a paid top-up's invoice.
 */
export const creditChanges = [
  "/v1/customers/{id}",
  "/v1/credit-grants/{id}",
  "/v1/wallets/{id}",
  "/v1/invoices",
] as const;

export function CustomerWallets({ customer, writable }: { customer: Customer; writable: boolean }) {
  return (
    <>
      <h3 className="section-gap">Prepaid wallets</h3>
      <WalletTable customer={customer} writable={writable} />
      {writable && <WalletForm customer={customer} />}
    </>
  );
}

function WalletTable({ customer, writable }: { customer: Customer; writable: boolean }) {
  const list = usePagedList("/v1/customers/{id}/wallets", {
    params: { path: { id: customer.id }, query: { limit: 20 } },
  });
  const [toppingUp, setToppingUp] = useState<Wallet | undefined>();
  const quantity = (value: string) => formatQuantity(value, customer.locale);
  return (
    <>
      <PagedListView list={list} noun={["wallet", "wallets"]} empty="No prepaid wallets.">
        {(wallets) => (
          <DataTable
            label="Wallets table"
            rows={wallets}
            rowKey={(wallet) => wallet.id}
            columns={[
              {
                header: "Wallet",
                cell: (wallet) => (
                  <>
                    {wallet.name}
                    <span className="actor-id">
                      {quantity(wallet.rate)} credits per {wallet.currency} 1
                    </span>
                  </>
                ),
              },
              {
                header: "Balance",
                numeric: true,
                cell: (wallet) => formatMoney(wallet.balance, wallet.currency, customer.locale),
              },
              { header: "Credits", numeric: true, cell: (wallet) => quantity(wallet.credits) },
              {
                header: "Automatic top-up",
                cell: (wallet) =>
                  wallet.auto_top_up
                    ? `${quantity(wallet.auto_top_up.amount)} credits below ${quantity(wallet.auto_top_up.threshold)}`
                    : "Off",
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (wallet) =>
                  writable && (
                    <RowButton label="Top up" of={wallet.name} onClick={() => setToppingUp(wallet)} />
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
      {toppingUp && <TopUpDialog wallet={toppingUp} {...closedBy(() => setToppingUp(undefined))} />}
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

function topUpBody(values: TopUpValues): RequestBody<"/v1/wallets/{id}/top-ups", "post"> {
  return {
    amount: values.amount.trim(),
    reason: values.reason.trim(),
    ...(values.paid_amount.trim() === "" ? {} : { paid_amount: values.paid_amount.trim() }),
    ...instantIfGiven("expires_at", values.expires_at),
  };
}

function TopUpDialog({
  wallet,
  onDone,
  onCancel,
}: {
  wallet: Wallet;
} & DialogClosing) {
  const form = useFormState<TopUpValues>(
    () => ({ amount: "", paid_amount: "", expires_at: "", reason: "" }),
    checkTopUp,
  );
  const topUp = useApiMutation({
    call: (values: TopUpValues) =>
      api.POST("/v1/wallets/{id}/top-ups", { params: { path: { id: wallet.id } }, body: topUpBody(values) }),
    invalidates: creditChanges,
    onSuccess: onDone,
  });
  const unplaced = refusalBesideNoField(form, new Set(["amount", "paid_amount", "expires_at", "reason"]));
  return (
    <ConfirmDialog
      open
      title={`Top up ${wallet.name}?`}
      confirmLabel="Top up"
      tone="primary"
      busy={form.busy}
      error={unplaced}
      onConfirm={() => void form.submit(topUp.mutateAsync)}
      onCancel={onCancel}
    >
      <DecimalField {...form.bind("amount")} label="Credits to add" required />
      <DecimalField
        {...form.bind("paid_amount")}
        label={`Paid (${wallet.currency})`}
        hint="Empty: the credits' value at the wallet's rate. 0 gives them away. A paid top-up is billed on a one-off invoice."
      />
      <DateTimeField {...form.bind("expires_at")} label="Credits expire" hint="Empty: never." />
      <TextField
        {...form.bind("reason")}
        label="Reason"
        required
        hint="Kept on the ledger and in the audit log."
      />
    </ConfirmDialog>
  );
}

type WalletValues = { name: string; currency: string; rate: string; threshold: string; top_up: string };

/** A threshold or an amount typed asks for an automatic top-up, which then needs both. */
function asksAutomaticTopUp(values: WalletValues): boolean {
  return values.threshold.trim() !== "" || values.top_up.trim() !== "";
}

function checkWallet(values: WalletValues) {
  const checks = new FieldChecks();
  checks.required("name", values.name);
  checks.currency("currency", values.currency);
  checks.decimal("rate", values.rate, { positive: true });
  const automatic = asksAutomaticTopUp(values);
  checks.decimal("auto_top_up.threshold", values.threshold, { required: automatic });
  checks.decimal("auto_top_up.amount", values.top_up, { required: automatic, positive: true });
  return checks.errors;
}

function walletBody(values: WalletValues): RequestBody<"/v1/customers/{id}/wallets", "post"> {
  return {
    name: values.name.trim(),
    currency: values.currency.trim().toUpperCase(),
    ...(values.rate.trim() === "" ? {} : { rate: values.rate.trim() }),
    ...(asksAutomaticTopUp(values)
      ? { auto_top_up: { threshold: values.threshold.trim(), amount: values.top_up.trim() } }
      : {}),
  };
}

function WalletForm({ customer }: { customer: Customer }) {
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
  const open = useApiMutation({
    call: (values: WalletValues) =>
      api.POST("/v1/customers/{id}/wallets", {
        params: { path: { id: customer.id } },
        body: walletBody(values),
      }),
    invalidates: creditChanges,
  });

  return (
    <FormFrame
      form={form}
      refusedTitle="The wallet was not opened"
      onSubmit={() => form.submitAndStartOver(open.mutateAsync)}
      className="section-gap"
      before={<h4>Open a wallet</h4>}
    >
      <div className="field-grid">
        <TextField {...form.bind("name")} label="Wallet name" required autoComplete="off" />
        <CurrencyField {...form.bind("currency")} label="Wallet currency" required />
        <DecimalField {...form.bind("rate")} label="Credits per unit of money" hint="Empty: 1." />
        <DecimalField
          {...form.bind("threshold")}
          label="Top up below (credits)"
          hint="Optional: an automatic top-up when a burn leaves less."
        />
        <DecimalField {...form.bind("top_up")} label="Automatic top-up (credits)" />
      </div>
      <SubmitButton busy={form.busy} label="Open wallet" busyLabel="Opening…" primary={false} />
    </FormFrame>
  );
}
