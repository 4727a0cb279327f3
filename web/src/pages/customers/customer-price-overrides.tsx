// A customer's own prices: overrides of one charge of a subscription's plan
// (a unit price, package price, tiers, amount or rate) or a discount on it,
// each from a date, every version kept. Keys that may write the catalog add
// one; the form offers the charges of the plan's version in effect and only
// the kinds of override that fit the chosen charge.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useAllPages, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Customer, OverrideType, PriceOverrideDocument, RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { instantFromLocal, nextWholeMinute } from "../../format/local-instant.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DateTimeField, DecimalField, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { TierTableEditor } from "../catalog/version-editor/tier-table-editor.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { emptyTier, type TierValues } from "../catalog/version-editor/version-form-values.ts";
import { describeOverride, overrideLabels, overrideTypesFor } from "./price-override-text.ts";

export function CustomerPriceOverrides({ customer }: { customer: Customer }) {
  const session = useSignedInSession();
  const list = usePagedList("/v1/customers/{id}/price-overrides", {
    params: { path: { id: customer.id }, query: { limit: 20 } },
  });

  return (
    <Panel title="Price overrides">
      <PagedListView
        list={list}
        noun={["override", "overrides"]}
        loadingLabel="Loading price overrides…"
        empty="No price overrides: this customer pays its plans' prices."
      >
        {(overrides) => (
          <DataTable
            label="Price overrides table"
            rows={overrides}
            rowKey={(override) => override.id}
            columns={[
              {
                header: "Charge",
                cell: (override) => (
                  <>
                    <code>{override.charge_id}</code>
                    <span className="actor-id">
                      plan {override.plan_code}, {override.slot} version {override.version}
                    </span>
                  </>
                ),
              },
              {
                header: "Override",
                cell: (override) => describeOverride(override.override, customer.currency),
              },
              { header: "Subscription", cell: (override) => <code>{override.subscription_id}</code> },
              {
                header: "Effective",
                cell: (override) => (
                  <>
                    from {formatDateTime(override.effective_from)}
                    {override.effective_until && <> until {formatDateTime(override.effective_until)}</>}
                  </>
                ),
              },
            ]}
          />
        )}
      </PagedListView>
      {can(session, "catalog:write") && (
        <OverrideForm customer={customer} listsSubscriptions={can(session, "billing:read")} />
      )}
    </Panel>
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

/** The override the form describes, as the API takes it. */
function overrideDocument(override: OverrideValues["override"]): PriceOverrideDocument {
  const { type, tiers, percent, ...prices } = override;
  // The form's own check asks for a type before anything is sent.
  if (type === "") throw new Error("Choose what to override.");
  if (type === "tiers") {
    return {
      type,
      tiers: tiers.map((tier) => ({
        up_to: tier.up_to.trim() === "" ? null : tier.up_to.trim(),
        unit_price: tier.unit_price.trim(),
        ...(tier.flat_fee.trim() === "" ? {} : { flat_fee: tier.flat_fee.trim() }),
      })),
    };
  }
  if (type === "percentage_discount") return { type, percent: percent.trim() };
  return { type, [type]: prices[type].trim() };
}

function overrideBody(values: OverrideValues): RequestBody<"/v1/customers/{id}/price-overrides", "post"> {
  return {
    subscription_id: values.subscription_id.trim(),
    plan_code: values.plan_code,
    charge_id: values.charge_id,
    override: overrideDocument(values.override),
    effective_from: instantOf(values.effective_from),
    ...(values.effective_until === "" ? {} : { effective_until: instantOf(values.effective_until) }),
  };
}

function OverrideForm({
  customer,
  listsSubscriptions,
}: {
  customer: Customer;
  /** Whether the key may list the customer's subscriptions to choose from (else the id is typed). */
  listsSubscriptions: boolean;
}) {
  const subscriptions = useAllPages(
    "/v1/subscriptions",
    { params: { query: { customer_id: customer.id } } },
    { enabled: listsSubscriptions },
  );
  const plans = useAllPages("/v1/plans");
  const form = useFormState<OverrideValues>(emptyOverride, checkOverride);
  const { values } = form;
  const plan = plans.data?.find((candidate) => candidate.code === values.plan_code);
  // The charges of the version in effect, else of the latest published one (the API checks the same).
  const versionNumber = useMemo(() => {
    const published = plan?.versions.filter((version) => version.state === "published") ?? [];
    return (published.find((version) => version.status === "active") ?? published.at(-1))?.version;
  }, [plan]);
  const version = useQuery({
    ...apiQuery("/v1/plans/{id}/versions/{version}", {
      params: { path: { id: plan?.id ?? "", version: versionNumber ?? 0 } },
    }),
    enabled: plan !== undefined && versionNumber !== undefined,
  });
  const charges = version.data && plan ? version.data.charges : [];
  const charge = charges.find((candidate) => candidate.id === values.charge_id);
  const types = overrideTypesFor(charge);
  const currency = version.data?.currency ?? customer.currency ?? "";
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

  const create = useApiMutation({
    call: (current: OverrideValues) =>
      api.POST("/v1/customers/{id}/price-overrides", {
        params: { path: { id: customer.id } },
        body: overrideBody(current),
      }),
    invalidates: ["/v1/customers/{id}/price-overrides"],
  });

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
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();

  return (
    <FormFrame
      form={form}
      refusedTitle="The override was not added"
      onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
      className="section-gap"
      placed={placed}
      before={<h3>Add a price override</h3>}
    >
      {[plans, subscriptions, version].map(
        (read, index) =>
          read.error && (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three reads are fixed
            <ErrorState key={index} error={read.error} onRetry={() => void read.refetch()} />
          ),
      )}
      <div className="field-grid">
        {listsSubscriptions ? (
          <SelectField
            {...form.bind("subscription_id")}
            onValueChange={(value) => {
              const subscription = subscriptions.data?.find((candidate) => candidate.id === value);
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
              subscriptions.data?.length === 0
                ? "This customer has no subscriptions: overrides apply to a subscription."
                : undefined
            }
            options={[
              {
                value: "",
                label: subscriptions.isPending ? "Loading subscriptions…" : "Choose a subscription",
              },
              ...(subscriptions.data ?? []).map((subscription) => ({
                value: subscription.id,
                label: `${subscription.current_plan.plan_code} v${subscription.current_plan.version}, ${subscription.status} (${subscription.id})`,
              })),
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
            { value: "", label: plans.isPending ? "Loading plans…" : "Choose a plan" },
            ...(plans.data ?? []).map((candidate) => ({
              value: candidate.code,
              label: `${candidate.name} (${candidate.code})`,
            })),
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
              label: version.isLoading ? "Loading charges…" : "Choose a charge",
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
          <DecimalField
            {...form.bind(`override.${valueField}`)}
            label={
              valueField === "percent" ? "Percent off" : `New ${overrideLabels[valueField].toLowerCase()}`
            }
            required
            hint={
              valueField === "percent"
                ? "More than 0, at most 100."
                : currency
                  ? `In ${currency}.`
                  : undefined
            }
          />
        )}
        <DateTimeField
          {...form.bind("effective_from")}
          label="Effective from"
          hint={`In your time zone (${timeZone}). Empty: from the next minute.`}
        />
        <DateTimeField
          {...form.bind("effective_until")}
          label="Effective until"
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
      <SubmitButton busy={form.busy} label="Add override" busyLabel="Adding…" />
    </FormFrame>
  );
}
