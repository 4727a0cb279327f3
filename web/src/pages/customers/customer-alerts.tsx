// A customer's alerts: spend in the billing period reaching an amount, a
// meter's usage reaching a quantity, credits falling below a balance, or a
// pricing unit's allowance used up to a percent, each
// firing once per crossing by webhook (and email to the customer, if asked).
// Rules are added, switched on and off, and deleted here; each shows when it
// fired.
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useAllPages, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { AlertKind, AlertRule, RequestBody } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField, CurrencyField, DecimalField, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { meterOptions } from "../metering/meter-choices.ts";
import { subscriptionOptions } from "../subscriptions/subscription-choices.ts";

const alertChanges = ["/v1/customers/{id}/alerts", "/v1/alerts"] as const;

const kindLabels: Record<AlertKind, string> = {
  spend: "Spend this period reaches",
  usage: "Usage this period reaches",
  credit_balance: "Credits fall below",
  allowance: "Allowance used this period reaches",
};

function amountText(
  kind: AlertKind,
  amount: string,
  currency: string | null,
  meter: string | null,
  locale: string,
  unit: string | null = null,
) {
  if (kind === "allowance") return `${formatQuantity(amount, locale)}% of ${unit ?? ""}`.trim();
  if (kind === "usage") return `${formatQuantity(amount, locale)} ${meter ?? ""}`.trim();
  return currency ? formatMoney(amount, currency, locale) : amount;
}

export function CustomerAlerts({
  customerId,
  locale,
  currency,
  writable,
}: {
  customerId: string;
  locale: string;
  currency: string | null;
  writable: boolean;
}) {
  const list = usePagedList("/v1/customers/{id}/alerts", {
    params: { path: { id: customerId }, query: { limit: 20 } },
  });
  const change = useApiMutation({
    write: ({ rule, step }: { rule: AlertRule; step: "switch" | "delete" }) => {
      const request = { params: { path: { id: customerId, alert_id: rule.id } } };
      return step === "switch"
        ? answer(
            api.PATCH("/v1/customers/{id}/alerts/{alert_id}", {
              ...request,
              body: { enabled: !rule.enabled },
            }),
          )
        : answer(api.DELETE("/v1/customers/{id}/alerts/{alert_id}", request));
    },
    invalidates: alertChanges,
  });

  return (
    <Panel title="Alerts">
      {change.error && <ErrorState error={change.error} title="The alert was not changed" />}
      <PagedListView list={list} noun={["alert", "alerts"]} empty="No alerts.">
        {(rules) => (
          <DataTable
            label="Alerts table"
            rows={rules}
            rowKey={(rule) => rule.id}
            columns={[
              {
                header: "Alert",
                cell: (rule) => (
                  <>
                    {rule.name ?? kindLabels[rule.kind]}
                    <span className="actor-id">
                      {rule.subscription_id
                        ? `subscription ${rule.subscription_id}`
                        : "the customer's next invoice"}
                      {rule.email_customer ? ", emails the customer" : ""}
                    </span>
                  </>
                ),
              },
              {
                header: "When",
                cell: (rule) =>
                  `${kindLabels[rule.kind]} ${amountText(rule.kind, rule.threshold, rule.currency, rule.meter, locale, rule.unit)}`,
              },
              {
                header: "Status",
                cell: (rule) => (
                  <>
                    <span className={rule.enabled ? "badge badge-success" : "badge badge-muted"}>
                      {rule.enabled ? "On" : "Off"}
                    </span>
                    {rule.below_threshold && <span className="actor-id">below the threshold now</span>}
                  </>
                ),
              },
              { header: "Fired", cell: (rule) => <AlertTriggers rule={rule} locale={locale} /> },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (rule) =>
                  writable && (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => change.mutate({ rule, step: "switch" })}
                      >
                        {rule.enabled ? "Switch off" : "Switch on"}
                        <span className="visually-hidden"> {rule.name ?? rule.kind}</span>
                      </button>
                      <RowButton
                        label="Delete"
                        of={rule.name ?? rule.kind}
                        onClick={() => change.mutate({ rule, step: "delete" })}
                        danger
                      />
                    </>
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
      {writable && <AlertForm customerId={customerId} currency={currency} />}
    </Panel>
  );
}

function AlertTriggers({ rule, locale }: { rule: AlertRule; locale: string }) {
  const triggers = useQuery(
    apiQuery("/v1/alerts/{id}/triggers", { params: { path: { id: rule.id }, query: { limit: 5 } } }),
  );
  if (triggers.isPending) return <span className="muted">…</span>;
  if (triggers.error) return <span className="form-error">{triggers.error.detail}</span>;
  if (triggers.data.data.length === 0) return <span className="muted">Never</span>;
  return (
    <ul className="plain-list">
      {triggers.data.data.map((trigger) => (
        <li key={trigger.id}>
          {formatDateTime(trigger.triggered_at, locale)} at{" "}
          {amountText(trigger.kind, trigger.value, trigger.currency, trigger.meter, locale, trigger.unit)}
        </li>
      ))}
    </ul>
  );
}

type AlertValues = {
  kind: AlertKind;
  threshold: string;
  currency: string;
  meter: string;
  unit: string;
  subscription_id: string;
  name: string;
  email_customer: boolean;
};

function checkAlert(values: AlertValues) {
  const checks = new FieldChecks();
  checks.decimal("threshold", values.threshold, { required: true, positive: true });
  if (values.kind === "usage") checks.required("meter", values.meter, "choose the meter to count");
  if (values.kind === "allowance") checks.required("unit", values.unit, "name the pricing unit (credits)");
  if (hasCurrency(values.kind) && values.currency.trim() !== "") checks.currency("currency", values.currency);
  return checks.errors;
}

/** Spend and credit balance thresholds are money; usage and allowance ones are not. */
function hasCurrency(kind: AlertKind): boolean {
  return kind === "spend" || kind === "credit_balance";
}

function alertBody(values: AlertValues): RequestBody<"/v1/customers/{id}/alerts", "post"> {
  return {
    kind: values.kind,
    threshold: values.threshold.trim(),
    email_customer: values.email_customer,
    ...(hasCurrency(values.kind) && values.currency.trim() !== ""
      ? { currency: values.currency.trim().toUpperCase() }
      : {}),
    ...(values.kind === "usage" ? { meter: values.meter } : {}),
    ...(values.kind === "allowance" ? { unit: values.unit.trim() } : {}),
    ...(values.kind !== "credit_balance" && values.subscription_id !== ""
      ? { subscription_id: values.subscription_id }
      : {}),
    ...(values.name.trim() === "" ? {} : { name: values.name.trim() }),
  };
}

function AlertForm({ customerId, currency }: { customerId: string; currency: string | null }) {
  const meters = useAllPages("/v1/meters");
  const subscriptions = useAllPages("/v1/subscriptions", { params: { query: { customer_id: customerId } } });
  const initial = useCallback(
    (): AlertValues => ({
      kind: "spend",
      threshold: "",
      currency: currency ?? "",
      meter: "",
      unit: "",
      subscription_id: "",
      name: "",
      email_customer: true,
    }),
    [currency],
  );
  const form = useFormState<AlertValues>(initial, checkAlert);
  const { values } = form;
  const create = useApiMutation({
    call: (current: AlertValues) =>
      api.POST("/v1/customers/{id}/alerts", {
        params: { path: { id: customerId } },
        body: alertBody(current),
      }),
    invalidates: alertChanges,
  });

  return (
    <FormFrame
      form={form}
      refusedTitle="The alert was not added"
      onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
      className="section-gap"
      before={<h3>Add an alert</h3>}
    >
      <div className="field-grid">
        <SelectField
          {...form.bind("kind")}
          label="Alert when"
          options={Object.entries(kindLabels).map(([value, label]) => ({ value, label: `${label}…` }))}
        />
        <DecimalField
          {...form.bind("threshold")}
          label={
            values.kind === "usage" ? "Quantity" : values.kind === "allowance" ? "Percent used" : "Amount"
          }
          required
        />
        {values.kind === "usage" && (
          <SelectField {...form.bind("meter")} label="Meter" options={meterOptions(meters.data)} />
        )}
        {values.kind === "allowance" && (
          <TextField
            {...form.bind("unit")}
            label="Pricing unit"
            autoComplete="off"
            hint="Its code, such as credits."
          />
        )}
        {hasCurrency(values.kind) && (
          <CurrencyField
            {...form.bind("currency")}
            label="Alert currency"
            hint="Empty: the subscription's, else the customer's."
          />
        )}
        {values.kind !== "credit_balance" && (
          <SelectField
            {...form.bind("subscription_id")}
            label="Watch"
            options={subscriptionOptions(subscriptions.data, "The customer's next invoice")}
          />
        )}
        <TextField {...form.bind("name")} label="Alert name" autoComplete="off" hint="Optional." />
        <CheckboxField
          label="Email the customer too"
          checked={values.email_customer}
          onCheckedChange={(checked) => form.set("email_customer", checked)}
        />
      </div>
      <SubmitButton busy={form.busy} label="Add alert" busyLabel="Adding…" />
    </FormFrame>
  );
}
