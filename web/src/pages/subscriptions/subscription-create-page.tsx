// A new subscription: a customer on a published plan version, from a start
// date (past or future), billed on its anniversary or on calendar periods,
// with the plan's trial or another, in the customer's currency or one the
// version prices, holding a quantity (seats) of each fixed charge. Opened
// from a customer's page, the customer is chosen.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { wholeNumberAsTyped } from "../../format/whole-number.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { subscriptionPath } from "../../routing/routes.ts";
import {
  CurrencyField,
  DateTimeField,
  DecimalField,
  FieldGroup,
  labelOptions,
  SelectField,
  TextField,
  WholeNumberField,
} from "../../ui/form-field.tsx";
import { PageForm } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { PlanVersionChoice } from "../catalog/plan-choices.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { customerOptions } from "../customers/customer-choices.ts";
import { FixedChargeQuantities } from "./fixed-charge-quantities.tsx";

type SubscriptionBody = RequestBody<"/v1/subscriptions", "post">;

const periodLabels: Record<NonNullable<SubscriptionBody["billing"]>, string> = {
  anniversary: "Anniversary: from the start date",
  calendar: "Calendar: on calendar boundaries",
};

type SubscriptionValues = {
  customer_id: string;
  plan_id: string;
  plan_version: string;
  start_at: string;
  billing: keyof typeof periodLabels;
  trial_days: string;
  currency: string;
  external_id: string;
  progressive_billing_threshold: string;
  /** Each fixed charge's quantity (seats) as typed, by charge id; empty holds 1. */
  quantities: Record<string, string>;
};

function checkSubscription(values: SubscriptionValues) {
  const checks = new FieldChecks();
  checks.required("customer_id", values.customer_id, "choose a customer");
  checks.required("plan_id", values.plan_id, "choose a plan");
  if (values.trial_days.trim() !== "") checks.integer("trial_days", values.trial_days, 0, 3650);
  if (values.currency.trim() !== "") checks.currency("currency", values.currency);
  checks.decimal("progressive_billing_threshold", values.progressive_billing_threshold, { positive: true });
  for (const [charge, quantity] of Object.entries(values.quantities)) {
    if (quantity.trim() !== "") checks.integer(`quantities.${charge}`, quantity, 0, 1_000_000);
  }
  return checks.errors;
}

function subscriptionBody(values: SubscriptionValues): SubscriptionBody {
  const given = (text: string) => text.trim() !== "";
  const quantities = Object.entries(values.quantities).filter(([, quantity]) => given(quantity));
  return {
    customer_id: values.customer_id,
    plan_id: values.plan_id,
    billing: values.billing,
    ...(given(values.plan_version) ? { plan_version: Number(values.plan_version) } : {}),
    ...(given(values.start_at) ? { start_at: instantFromLocal(values.start_at) } : {}),
    ...(given(values.trial_days) ? { trial_days: wholeNumberAsTyped(values.trial_days) } : {}),
    ...(given(values.currency) ? { currency: values.currency.trim().toUpperCase() } : {}),
    ...(given(values.external_id) ? { external_id: values.external_id.trim() } : {}),
    ...(given(values.progressive_billing_threshold)
      ? { progressive_billing_threshold: values.progressive_billing_threshold.trim() }
      : {}),
    ...(quantities.length === 0
      ? {}
      : {
          quantities: Object.fromEntries(
            quantities.map(([charge, quantity]) => [charge, wholeNumberAsTyped(quantity) as number]),
          ),
        }),
  };
}

export function SubscriptionCreatePage() {
  const { query } = useLocation();
  const customers = useAllPages("/v1/customers");
  const plans = useAllPages("/v1/plans");
  const initial = useCallback(
    (): SubscriptionValues => ({
      customer_id: query.get("customer_id") ?? "",
      plan_id: "",
      plan_version: "",
      start_at: "",
      billing: "anniversary",
      trial_days: "",
      currency: "",
      external_id: "",
      progressive_billing_threshold: "",
      quantities: {},
    }),
    [query],
  );
  const form = useFormState<SubscriptionValues>(initial, checkSubscription);
  const placed = new Set([
    ...Object.keys(initial()),
    ...Object.keys(form.values.quantities).map((charge) => `quantities.${charge}`),
  ]);
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();

  const create = useApiMutation({
    call: (current: SubscriptionValues) => api.POST("/v1/subscriptions", { body: subscriptionBody(current) }),
    invalidates: ["/v1/subscriptions", "/v1/customers/{id}"],
    onSuccess: (created) => navigate(subscriptionPath(created.id)),
  });

  return (
    <>
      <PageHeader title="New subscription" subtitle="A customer on a published version of a plan." />
      <PageForm
        form={form}
        refusedTitle="The subscription was not created"
        onSubmit={() => form.submit(create.mutateAsync)}
        placed={placed}
        before={<ReferenceLists />}
        submit={["Create subscription", "Creating…"]}
        onCancel={() => window.history.back()}
      >
        {customers.error && <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />}
        <FieldGroup legend="Customer and plan">
          <SelectField
            {...form.bind("customer_id")}
            label="Customer"
            options={customerOptions(customers.data)}
          />
          <PlanVersionChoice
            form={form}
            versionLabel="Plan version"
            inEffectLabel="The version in effect at the start"
          />
        </FieldGroup>
        <FixedChargeQuantities form={form} plans={plans.data} />
        <FieldGroup legend="Billing">
          <DateTimeField
            {...form.bind("start_at")}
            label="Start"
            hint={`In your time zone (${timeZone}). Empty: now. Past and future dates are both allowed.`}
          />
          <SelectField {...form.bind("billing")} label="Periods" options={labelOptions(periodLabels)} />
          <WholeNumberField
            {...form.bind("trial_days")}
            label="Trial days"
            hint="Empty: the plan version's trial."
          />
          <CurrencyField
            {...form.bind("currency")}
            hint="Empty: the customer's, else the plan's. The version must price it."
          />
          <TextField
            {...form.bind("external_id")}
            label="External id"
            autoComplete="off"
            hint="Optional: your own id."
          />
          <DecimalField
            {...form.bind("progressive_billing_threshold")}
            label="Progressive billing threshold"
            hint="Optional: usage is billed early once the period's charges reach this amount."
          />
        </FieldGroup>
      </PageForm>
    </>
  );
}
