// The card the seller charges for the customer's invoices: the one on file,
// and a form that adds or replaces it. Stripe's card form (Stripe.js, on the
// seller's Stripe account) turns the card number into a payment method id
// (pm_…) in the customer's browser; Fairbill sets that id up with Stripe for
// later charges and never sees the card number.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApiMutation } from "../api/queries.ts";
import type { PaymentMethod } from "../api/resources.ts";
import { TextField } from "../ui/form-field.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";
import { PortalForm } from "./portal-form.tsx";

/** "Visa ending 4242, expires 12/2034", or the method's type when it is not a card. */
function describeMethod(method: PaymentMethod): string {
  if (method.card === null) return method.type.replaceAll("_", " ");
  const brand = method.card.brand.charAt(0).toUpperCase() + method.card.brand.slice(1);
  return `${brand} ending ${method.card.last4}, expires ${method.card.exp_month}/${method.card.exp_year}`;
}

/** The customer's methods on file: shared by this panel and the invoices' Pay buttons. */
export function usePortalPaymentMethods() {
  return useQuery(portalQuery("/v1/portal/payment-methods"));
}

export function PortalPaymentMethod() {
  const methods = usePortalPaymentMethods();
  return (
    <Panel title="Payment method">
      <ResourceView resource={methods} loadingLabel="Loading your payment method…">
        {({ data }) => {
          const current = data.find((method) => method.is_default);
          return current === undefined ? (
            <p>No card on file: add one to pay your invoices here.</p>
          ) : (
            <p data-testid="card-on-file">
              Your invoices are charged to <strong>{describeMethod(current)}</strong>.
            </p>
          );
        }}
      </ResourceView>
      <CardForm />
    </Panel>
  );
}

/** Stripe's refusal of the card as a sentence; a value that is no payment method id at all, what to enter. */
function cardError(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return message.startsWith("was refused") || message.startsWith("could not")
    ? `This card ${message}`
    : "Enter the pm_… id that Stripe's card form returned.";
}

function CardForm() {
  const [paymentMethod, setPaymentMethod] = useState("");
  const [saved, setSaved] = useState<string | undefined>();
  const add = useApiMutation({
    call: () =>
      portalApi.POST("/v1/portal/payment-methods", { body: { payment_method: paymentMethod.trim() } }),
    invalidates: ["/v1/portal/payment-methods"],
    onSuccess: (method) => {
      setPaymentMethod("");
      setSaved(`Saved: ${describeMethod(method)} is charged from now on.`);
    },
  });
  const fieldError = add.error?.fieldErrors.find((error) => error.path === "$.payment_method")?.message;
  const send = () => {
    setSaved(undefined);
    add.mutate();
  };
  return (
    <PortalForm
      send={send}
      busy={add.isPending}
      submitLabel="Save card"
      refusal={fieldError === undefined ? add.error?.detail : undefined}
      saved={saved}
    >
      <TextField
        label="Card from Stripe's card form"
        value={paymentMethod}
        onValueChange={setPaymentMethod}
        autoComplete="off"
        spellCheck={false}
        required
        hint="The payment method Stripe's form returns, such as pm_card_visa in test mode."
        error={cardError(fieldError)}
      />
    </PortalForm>
  );
}
