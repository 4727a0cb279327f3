// A new subscription: a customer on a published plan version, from a start
// date (past or future), billed on its anniversary or on calendar periods,
// with the plan's trial or another, in the customer's currency or one the
// version prices. Opened from a customer's page, the customer is chosen.
import { type FormEvent, useCallback, useRef } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { Customer, Plan, Subscription } from "../../api/resources.ts";
import { useAllPages } from "../../api/use-api.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { subscriptionPath } from "../../routing/routes.ts";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { currencyListId, ReferenceLists } from "../../ui/reference-lists.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

type SubscriptionValues = {
  customer_id: string;
  plan_id: string;
  plan_version: string;
  start_at: string;
  billing: "anniversary" | "calendar";
  trial_days: string;
  currency: string;
  external_id: string;
  progressive_billing_threshold: string;
};

function checkSubscription(values: SubscriptionValues) {
  const checks = new FieldChecks();
  checks.required("customer_id", values.customer_id, "choose a customer");
  checks.required("plan_id", values.plan_id, "choose a plan");
  if (values.trial_days.trim() !== "") checks.integer("trial_days", values.trial_days, 0, 3650);
  if (values.currency.trim() !== "") checks.currency("currency", values.currency);
  checks.decimal("progressive_billing_threshold", values.progressive_billing_threshold, { positive: true });
  return checks.errors;
}

export function SubscriptionCreatePage() {
  const { query } = useLocation();
  const customers = useAllPages<Customer>("/v1/customers");
  const plans = useAllPages<Plan>("/v1/plans");
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
    }),
    [query],
  );
  const form = useFormState<SubscriptionValues>(initial, checkSubscription);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;
  const publishedPlans =
    plans.status === "ready"
      ? plans.data.filter((plan) => plan.versions.some((version) => version.state === "published"))
      : [];
  const plan = publishedPlans.find((candidate) => candidate.id === values.plan_id);
  const placed = new Set(Object.keys(initial()));
  const unplaced = Object.entries(form.serverErrors)
    .filter(([name]) => !placed.has(name))
    .map(([name, message]) => ({ name, message }));
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let created: Subscription | undefined;
    const sent = await form.submit(async (current) => {
      const optional = (name: keyof SubscriptionValues, value: unknown) =>
        current[name].trim() === "" ? {} : { [name]: value };
      created = await apiRequest<Subscription>("POST", "/v1/subscriptions", {
        body: {
          customer_id: current.customer_id,
          plan_id: current.plan_id,
          billing: current.billing,
          ...optional("plan_version", Number(current.plan_version)),
          ...optional("start_at", instantFromLocal(current.start_at)),
          ...optional(
            "trial_days",
            /^\d+$/.test(current.trial_days.trim()) ? Number(current.trial_days) : current.trial_days,
          ),
          ...optional("currency", current.currency.trim().toUpperCase()),
          ...optional("external_id", current.external_id.trim()),
          ...optional("progressive_billing_threshold", current.progressive_billing_threshold.trim()),
        },
      });
    });
    if (sent && created) navigate(subscriptionPath(created.id));
  };

  return (
    <>
      <PageHeader title="New subscription" subtitle="A customer on a published version of a plan." />
      <form ref={formElement} className="form" onSubmit={(event) => void submit(event)} noValidate>
        <ReferenceLists />
        <FormErrorSummary
          title="The subscription was not created"
          refusal={form.refusal}
          failingChecks={form.failingChecks}
          markedServerErrors={Object.keys(form.serverErrors).length - unplaced.length}
          unplaced={unplaced}
          summaryRef={summary}
        />
        {customers.status === "error" && <ErrorState error={customers.error} onRetry={customers.reload} />}
        {plans.status === "error" && <ErrorState error={plans.error} onRetry={plans.reload} />}
        <fieldset>
          <legend>Customer and plan</legend>
          <div className="field-grid">
            <SelectField
              {...form.bind("customer_id")}
              label="Customer"
              options={[
                {
                  value: "",
                  label: customers.status === "loading" ? "Loading customers…" : "Choose a customer",
                },
                ...(customers.status === "ready"
                  ? customers.data
                      .filter((customer) => customer.archived_at === null)
                      .map((customer) => ({
                        value: customer.id,
                        label: `${customer.name ?? customer.external_id} (${customer.external_id})`,
                      }))
                  : []),
              ]}
            />
            <SelectField
              {...form.bind("plan_id")}
              onValueChange={(value) =>
                form.restructure((draft) => {
                  draft.plan_id = value;
                  draft.plan_version = "";
                })
              }
              label="Plan"
              hint={
                plans.status === "ready" && publishedPlans.length === 0
                  ? "No plan has a published version yet."
                  : undefined
              }
              options={[
                { value: "", label: plans.status === "loading" ? "Loading plans…" : "Choose a plan" },
                ...publishedPlans.map((candidate) => ({
                  value: candidate.id,
                  label: `${candidate.name} (${candidate.code})`,
                })),
              ]}
            />
            <SelectField
              {...form.bind("plan_version")}
              label="Plan version"
              disabled={plan === undefined}
              options={[
                { value: "", label: "The version in effect at the start" },
                ...(plan?.versions ?? [])
                  .filter((version) => version.state === "published")
                  .map((version) => ({
                    value: String(version.version),
                    label: `Version ${version.version} (${version.status})`,
                  })),
              ]}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Billing</legend>
          <div className="field-grid">
            <TextField
              {...form.bind("start_at")}
              label="Start"
              type="datetime-local"
              hint={`In your time zone (${timeZone}). Empty: now. Past and future dates are both allowed.`}
            />
            <SelectField
              {...form.bind("billing")}
              label="Periods"
              options={[
                { value: "anniversary", label: "Anniversary: from the start date" },
                { value: "calendar", label: "Calendar: on calendar boundaries" },
              ]}
            />
            <TextField
              {...form.bind("trial_days")}
              label="Trial days"
              inputMode="numeric"
              hint="Empty: the plan version's trial."
            />
            <TextField
              {...form.bind("currency")}
              label="Currency"
              list={currencyListId}
              autoCapitalize="characters"
              hint="Empty: the customer's, else the plan's. The version must price it."
            />
            <TextField
              {...form.bind("external_id")}
              label="External id"
              autoComplete="off"
              hint="Optional: your own id."
            />
            <TextField
              {...form.bind("progressive_billing_threshold")}
              label="Progressive billing threshold"
              inputMode="decimal"
              hint="Optional: usage is billed early once the period's charges reach this amount."
            />
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? "Creating…" : "Create subscription"}
          </button>
          <button type="button" className="button" onClick={() => window.history.back()} disabled={form.busy}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
