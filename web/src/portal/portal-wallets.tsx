// The customer's prepaid wallets and a top-up of one: an amount of money in
// the wallet's currency, billed on an invoice to pay like any other, the
// credits in the wallet at once.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApiMutation } from "../api/queries.ts";
import type { PortalProfile, Wallet } from "../api/resources.ts";
import { formatMoney, formatQuantity } from "../format/decimal-format.ts";
import { DecimalField } from "../ui/form-field.tsx";
import { SubmitButton } from "../ui/form-frame.tsx";
import { StatusMessage } from "../ui/outcome-message.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";

export function PortalWallets({ profile }: { profile: PortalProfile }) {
  const wallets = useQuery(portalQuery("/v1/portal/wallets"));
  if (wallets.data === undefined || wallets.data.data.length === 0) return null;
  return (
    <>
      {wallets.data.data.map((wallet) => (
        <WalletTopUp key={wallet.id} wallet={wallet} locale={profile.locale} />
      ))}
    </>
  );
}

function WalletTopUp({ wallet, locale }: { wallet: Wallet; locale: string }) {
  const [amount, setAmount] = useState("");
  const [done, setDone] = useState<string | undefined>();
  const topUp = useApiMutation({
    call: () =>
      portalApi.POST("/v1/portal/wallets/{id}/top-up", {
        params: { path: { id: wallet.id } },
        body: { amount: amount.trim() },
      }),
    invalidates: ["/v1/portal/wallets", "/v1/portal/credit-balances", "/v1/portal/invoices"],
    onSuccess: (result) => {
      setAmount("");
      setDone(
        `Added ${formatQuantity(result.grant.metadata.credits ?? "0", locale)} credits. ` +
          `Your invoice for ${formatMoney(result.purchase?.paid_amount ?? "0", wallet.currency, locale)} is under Invoices.`,
      );
    },
  });
  const error = topUp.error;
  const amountError = error?.fieldErrors.find((fieldError) => fieldError.path === "$.amount")?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    topUp.mutate();
  };
  return (
    <section className="portal-wallet" aria-label={`Wallet ${wallet.name}`}>
      <h3>
        {wallet.name}: {formatQuantity(wallet.credits, locale)} credits (
        {formatMoney(wallet.balance, wallet.currency, locale)})
      </h3>
      <form className="portal-form" onSubmit={submit} noValidate>
        <DecimalField
          label={`Top up ${wallet.name} (${wallet.currency})`}
          value={amount}
          onValueChange={setAmount}
          autoComplete="off"
          required
          hint="An amount such as 50.00. You get an invoice for it, and the credits at once."
          error={amountError}
        />
        <SubmitButton busy={topUp.isPending} label="Top up" busyLabel="Topping up…" />
        {error && !amountError && (
          <p className="form-error" role="alert">
            {error.detail}
          </p>
        )}
        {done && <StatusMessage>{done}</StatusMessage>}
      </form>
    </section>
  );
}
