// A customer's own prices: overrides of one charge of a subscription's plan
// (a unit price, package price, tiers, amount or rate) or a discount on it,
// each from a date, every version kept. Keys that may write the catalog add
// one; the form offers the charges of the plan's version in effect and only
// the kinds of override that fit the chosen charge.
import { type FormEvent, useCallback, useMemo, useRef } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type {
  Customer,
  OverrideType,
  Plan,
  PlanVersion,
  PriceOverride,
  Subscription,
} from "../../api/resources.ts";
import { useAllPages, useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { instantFromLocal, nextWholeMinute } from "../../format/local-instant.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { TierTableEditor } from "../catalog/version-editor/tier-table-editor.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { emptyTier, type TierValues } from "../catalog/version-editor/version-form-values.ts";
import { describeOverride, overrideLabels, overrideTypesFor } from "./price-override-text.ts";

export function CustomerPriceOverrides({ customer }: { customer: Customer }) {
  const session = useSignedInSession();
  const path = `/v1/customers/${encodeURIComponent(customer.id)}/price-overrides`;
  const list = usePagedList<PriceOverride>(`${path}?limit=20`);

  return (
    <section className="panel" aria-labelledby="overrides-title">
      <h2 id="overrides-title">Price overrides</h2>
      {list.state.status === "loading" && <LoadingState label="Loading price overrides…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No price overrides: this customer pays its plans' prices." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Price overrides table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Charge</th>
                <th scope="col">Override</th>
                <th scope="col">Subscription</th>
                <th scope="col">Effective</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((override) => (
                <tr key={override.id}>
                  <th scope="row">
                    <code>{override.charge_id}</code>
                    <span className="actor-id">
                      plan {override.plan_code}, {override.slot} version {override.version}
                    </span>
                  </th>
                  <td data-label="Override">{describeOverride(override.override, customer.currency)}</td>
                  <td data-label="Subscription">
                    <code>{override.subscription_id}</code>
                  </td>
                  <td data-label="Effective">
                    from {formatDateTime(override.effective_from)}
                    {override.effective_until && <> until {formatDateTime(override.effective_until)}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["override", "overrides"]} />
      {can(session, "catalog:write") && (
        <OverrideForm
          customer={customer}
          path={path}
          onCreated={list.reload}
          listsSubscriptions={can(session, "billing:read")}
        />
      )}
    </section>
  );
}

type OverrideValues = {
  subscription_id: string;
  plan_code: string;
  charge_id: string;
  override: {
    type: OverrideType | "";
    unit_price: string;
    package_price: string;
    amount: string;
    rate: string;
    percent: string;
    tiers: TierValues[];
  };
  effective_from: string;
  effective_until: string;
};

const emptyOverride = (): OverrideValues => ({
  subscription_id: "",
  plan_code: "",
  charge_id: "",
  override: {
    type: "",
    unit_price: "",
    package_price: "",
    amount: "",
    rate: "",
    percent: "",
    tiers: [emptyTier()],
  },
  effective_from: "",
  effective_until: "",
});

/** A datetime-local value as an ISO instant; empty means the next whole minute, so it is never in the past. */
function instantOf(localValue: string): string {
  return localValue === "" ? nextWholeMinute() : instantFromLocal(localValue);
}

function checkOverride(values: OverrideValues) {
  const checks = new FieldChecks();
  checks.required("subscription_id", values.subscription_id, "choose the subscription");
  checks.required("plan_code", values.plan_code, "choose a plan");
  checks.required("charge_id", values.charge_id, "choose a charge");
  const type = values.override.type;
  if (type === "") {
    checks.report("override.type", "choose what to override");
    return checks.errors;
  }
  if (type === "tiers") {
    values.override.tiers.forEach((tier, index) => {
      checks.decimal(`override.tiers.${index}.up_to`, tier.up_to, { positive: true });
      checks.decimal(`override.tiers.${index}.unit_price`, tier.unit_price, { required: true });
      checks.decimal(`override.tiers.${index}.flat_fee`, tier.flat_fee);
    });
  } else {
    const field = type === "percentage_discount" ? "percent" : type;
    checks.decimal(`override.${field}`, values.override[field], { required: true });
  }
  return checks.errors;
}

function OverrideForm({
  customer,
  path,
  onCreated,
  listsSubscriptions,
}: {
  customer: Customer;
  path: string;
  onCreated: () => void;
  /** Whether the key may list the customer's subscriptions to choose from (else the id is typed). */
  listsSubscriptions: boolean;
}) {
  const subscriptions = useAllPages<Subscription>(
    listsSubscriptions ? `/v1/subscriptions?customer_id=${encodeURIComponent(customer.id)}` : null,
  );
  const plans = useAllPages<Plan>("/v1/plans");
  const form = useFormState<OverrideValues>(emptyOverride, checkOverride);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;
  const plan =
    plans.status === "ready"
      ? plans.data.find((candidate) => candidate.code === values.plan_code)
      : undefined;
  // The charges of the version in effect, else of the latest published one (the API checks the same).
  const versionNumber = useMemo(() => {
    const published = plan?.versions.filter((version) => version.state === "published") ?? [];
    return (published.find((version) => version.status === "active") ?? published.at(-1))?.version;
  }, [plan]);
  const version = useApiResource<PlanVersion>(
    plan && versionNumber !== undefined
      ? `/v1/plans/${encodeURIComponent(plan.id)}/versions/${versionNumber}`
      : null,
  );
  const charges = version.state.status === "ready" && plan ? version.state.data.charges : [];
  const charge = charges.find((candidate) => candidate.id === values.charge_id);
  const types = overrideTypesFor(charge);
  const currency = version.state.status === "ready" ? version.state.data.currency : (customer.currency ?? "");
  const type = values.override.type;

  const choose = useCallback(
    (name: "plan_code" | "charge_id", value: string) =>
      form.restructure((draft) => {
        draft[name] = value;
        if (name === "plan_code") draft.charge_id = "";
        draft.override.type = "";
      }),
    [form.restructure],
  );

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (current) => {
      const { type: overrideType, tiers, percent, ...prices } = current.override;
      const document: Record<string, unknown> = { type: overrideType };
      if (overrideType === "tiers") {
        document.tiers = tiers.map((tier) => ({
          up_to: tier.up_to.trim() === "" ? null : tier.up_to.trim(),
          unit_price: tier.unit_price.trim(),
          ...(tier.flat_fee.trim() === "" ? {} : { flat_fee: tier.flat_fee.trim() }),
        }));
      } else if (overrideType === "percentage_discount") document.percent = percent.trim();
      else if (overrideType !== "") document[overrideType] = prices[overrideType].trim();
      await apiRequest<PriceOverride>("POST", path, {
        body: {
          subscription_id: current.subscription_id.trim(),
          plan_code: current.plan_code,
          charge_id: current.charge_id,
          override: document,
          effective_from: instantOf(current.effective_from),
          ...(current.effective_until === "" ? {} : { effective_until: instantOf(current.effective_until) }),
        },
      });
    });
    if (created) {
      form.reset(emptyOverride());
      onCreated();
    }
  };

  const valueField = type === "percentage_discount" ? "percent" : type;
  const placed = new Set([
    "subscription_id",
    "plan_code",
    "charge_id",
    "override.type",
    "effective_from",
    "effective_until",
  ]);
  if (valueField !== "" && valueField !== "tiers") placed.add(`override.${valueField}`);
  if (valueField === "tiers") {
    placed.add("override.tiers");
    values.override.tiers.forEach((_tier, index) => {
      for (const field of ["up_to", "unit_price", "flat_fee"]) placed.add(`override.tiers.${index}.${field}`);
    });
  }
  const unplaced = Object.entries(form.serverErrors)
    .filter(([name]) => !placed.has(name))
    .map(([name, message]) => ({ name, message }));
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();

  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Add a price override</h3>
      <FormErrorSummary
        title="The override was not added"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length - unplaced.length}
        unplaced={unplaced}
        summaryRef={summary}
      />
      {plans.status === "error" && <ErrorState error={plans.error} onRetry={plans.reload} />}
      {subscriptions.status === "error" && (
        <ErrorState error={subscriptions.error} onRetry={subscriptions.reload} />
      )}
      {version.state.status === "error" && (
        <ErrorState error={version.state.error} onRetry={version.reload} />
      )}
      <div className="field-grid">
        {listsSubscriptions ? (
          <SelectField
            {...form.bind("subscription_id")}
            onValueChange={(value) => {
              const subscription =
                subscriptions.status === "ready"
                  ? subscriptions.data.find((candidate) => candidate.id === value)
                  : undefined;
              form.restructure((draft) => {
                draft.subscription_id = value;
                // The override prices the subscription's current plan unless another is chosen.
                if (subscription && draft.plan_code !== subscription.current_plan.plan_code) {
                  draft.plan_code = subscription.current_plan.plan_code;
                  draft.charge_id = "";
                  draft.override.type = "";
                }
              });
            }}
            label="Subscription"
            hint={
              subscriptions.status === "ready" && subscriptions.data.length === 0
                ? "This customer has no subscriptions: overrides apply to a subscription."
                : undefined
            }
            options={[
              {
                value: "",
                label:
                  subscriptions.status === "loading" ? "Loading subscriptions…" : "Choose a subscription",
              },
              ...(subscriptions.status === "ready"
                ? subscriptions.data.map((subscription) => ({
                    value: subscription.id,
                    label: `${subscription.current_plan.plan_code} v${subscription.current_plan.version}, ${subscription.status} (${subscription.id})`,
                  }))
                : []),
            ]}
          />
        ) : (
          <TextField
            {...form.bind("subscription_id")}
            label="Subscription id"
            required
            autoComplete="off"
            hint="The subscription whose price changes (sub_…)."
          />
        )}
        <SelectField
          {...form.bind("plan_code")}
          onValueChange={(value) => choose("plan_code", value)}
          label="Plan"
          options={[
            { value: "", label: plans.status === "loading" ? "Loading plans…" : "Choose a plan" },
            ...(plans.status === "ready"
              ? plans.data.map((candidate) => ({
                  value: candidate.code,
                  label: `${candidate.name} (${candidate.code})`,
                }))
              : []),
          ]}
        />
        <SelectField
          {...form.bind("charge_id")}
          onValueChange={(value) => choose("charge_id", value)}
          label="Charge"
          disabled={charges.length === 0}
          hint={plan && versionNumber === undefined ? "This plan has no published version yet." : undefined}
          options={[
            {
              value: "",
              label: version.state.status === "loading" && plan ? "Loading charges…" : "Choose a charge",
            },
            ...charges.map((candidate) => ({ value: candidate.id, label: candidate.id })),
          ]}
        />
        <SelectField
          {...form.bind("override.type")}
          label="Override"
          disabled={types.length === 0}
          options={[
            { value: "", label: "Choose what to override" },
            ...types.map((candidate) => ({ value: candidate, label: overrideLabels[candidate] })),
          ]}
        />
        {valueField !== "" && valueField !== "tiers" && (
          <TextField
            {...form.bind(`override.${valueField}`)}
            label={
              valueField === "percent" ? "Percent off" : `New ${overrideLabels[valueField].toLowerCase()}`
            }
            required
            inputMode="decimal"
            hint={
              valueField === "percent"
                ? "More than 0, at most 100."
                : currency
                  ? `In ${currency}.`
                  : undefined
            }
          />
        )}
        <TextField
          {...form.bind("effective_from")}
          label="Effective from"
          type="datetime-local"
          hint={`In your time zone (${timeZone}). Empty: from the next minute.`}
        />
        <TextField
          {...form.bind("effective_until")}
          label="Effective until"
          type="datetime-local"
          hint="Optional; open-ended when empty."
        />
      </div>
      {valueField === "tiers" && (
        <TierTableEditor
          form={form}
          name="override.tiers"
          tiers={values.override.tiers}
          caption={`New tiers of ${values.charge_id}`}
          currency={currency}
          tiersOf={(draft) => draft.override.tiers}
        />
      )}
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? "Adding…" : "Add override"}
      </button>
    </form>
  );
}
