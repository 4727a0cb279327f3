// A customer's alerts: spend in the billing period reaching an amount, a
// meter's usage reaching a quantity, or credits falling below a balance, each
// firing once per crossing by webhook (and email to the customer, if asked).
// Rules are added, switched on and off, and deleted here; each shows when it
// fired.
import { type FormEvent, useCallback, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { AlertKind, AlertRule, AlertTrigger, Meter, Subscription } from "../../api/resources.ts";
import { asApiError, useAllPages, useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { CheckboxField, SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { currencyListId } from "../../ui/reference-lists.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

const kindLabels: Record<AlertKind, string> = {
  spend: "Spend this period reaches",
  usage: "Usage this period reaches",
  credit_balance: "Credits fall below",
};

function amountText(
  kind: AlertKind,
  amount: string,
  currency: string | null,
  meter: string | null,
  locale: string,
) {
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
  const path = `/v1/customers/${encodeURIComponent(customerId)}/alerts`;
  const list = usePagedList<AlertRule>(`${path}?limit=20`);
  const [error, setError] = useState<ApiError | undefined>();

  const change = async (rule: AlertRule, method: "PATCH" | "DELETE") => {
    setError(undefined);
    try {
      await apiRequest(method, `${path}/${encodeURIComponent(rule.id)}`, {
        ...(method === "PATCH" ? { body: { enabled: !rule.enabled } } : {}),
      });
      list.reload();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      {error && <ErrorState error={error} title="The alert was not changed" />}
      {list.state.status === "loading" && <LoadingState label="Loading alerts…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && <EmptyState title="No alerts." />}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Alerts table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col">Fired</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row">
                    {rule.name ?? kindLabels[rule.kind]}
                    <span className="actor-id">
                      {rule.subscription_id
                        ? `subscription ${rule.subscription_id}`
                        : "the customer's next invoice"}
                      {rule.email_customer ? ", emails the customer" : ""}
                    </span>
                  </th>
                  <td data-label="When">
                    {kindLabels[rule.kind]}{" "}
                    {amountText(rule.kind, rule.threshold, rule.currency, rule.meter, locale)}
                  </td>
                  <td data-label="Status">
                    <span className={rule.enabled ? "badge badge-success" : "badge badge-muted"}>
                      {rule.enabled ? "On" : "Off"}
                    </span>
                    {rule.below_threshold && <span className="actor-id">below the threshold now</span>}
                  </td>
                  <td data-label="Fired">
                    <AlertTriggers rule={rule} locale={locale} />
                  </td>
                  <td className="row-actions">
                    {writable && (
                      <>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => void change(rule, "PATCH")}
                        >
                          {rule.enabled ? "Switch off" : "Switch on"}
                          <span className="visually-hidden"> {rule.name ?? rule.kind}</span>
                        </button>
                        <button
                          type="button"
                          className="button button-small button-danger"
                          onClick={() => void change(rule, "DELETE")}
                        >
                          Delete<span className="visually-hidden"> {rule.name ?? rule.kind}</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["alert", "alerts"]} />
      {writable && (
        <AlertForm customerId={customerId} path={path} currency={currency} onCreated={list.reload} />
      )}
    </section>
  );
}

function AlertTriggers({ rule, locale }: { rule: AlertRule; locale: string }) {
  const triggers = useApiResource<{ data: AlertTrigger[] }>(
    `/v1/alerts/${encodeURIComponent(rule.id)}/triggers?limit=5`,
  );
  if (triggers.state.status === "loading") return <span className="muted">…</span>;
  if (triggers.state.status === "error")
    return <span className="form-error">{triggers.state.error.detail}</span>;
  if (triggers.state.data.data.length === 0) return <span className="muted">Never</span>;
  return (
    <ul className="plain-list">
      {triggers.state.data.data.map((trigger) => (
        <li key={trigger.id}>
          {formatDateTime(trigger.triggered_at, locale)} at{" "}
          {amountText(trigger.kind, trigger.value, trigger.currency, trigger.meter, locale)}
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
  subscription_id: string;
  name: string;
  email_customer: boolean;
};

function checkAlert(values: AlertValues) {
  const checks = new FieldChecks();
  checks.decimal("threshold", values.threshold, { required: true, positive: true });
  if (values.kind === "usage") checks.required("meter", values.meter, "choose the meter to count");
  if (values.kind !== "usage" && values.currency.trim() !== "") checks.currency("currency", values.currency);
  return checks.errors;
}

function AlertForm({
  customerId,
  path,
  currency,
  onCreated,
}: {
  customerId: string;
  path: string;
  currency: string | null;
  onCreated: () => void;
}) {
  const meters = useAllPages<Meter>("/v1/meters");
  const subscriptions = useAllPages<Subscription>(
    `/v1/subscriptions?customer_id=${encodeURIComponent(customerId)}`,
  );
  const initial = useCallback(
    (): AlertValues => ({
      kind: "spend",
      threshold: "",
      currency: currency ?? "",
      meter: "",
      subscription_id: "",
      name: "",
      email_customer: true,
    }),
    [currency],
  );
  const form = useFormState<AlertValues>(initial, checkAlert);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (current) => {
      await apiRequest<AlertRule>("POST", path, {
        body: {
          kind: current.kind,
          threshold: current.threshold.trim(),
          email_customer: current.email_customer,
          ...(current.kind !== "usage" && current.currency.trim() !== ""
            ? { currency: current.currency.trim().toUpperCase() }
            : {}),
          ...(current.kind === "usage" ? { meter: current.meter } : {}),
          ...(current.kind !== "credit_balance" && current.subscription_id !== ""
            ? { subscription_id: current.subscription_id }
            : {}),
          ...(current.name.trim() === "" ? {} : { name: current.name.trim() }),
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
      <h3>Add an alert</h3>
      <FormErrorSummary
        title="The alert was not added"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <div className="field-grid">
        <SelectField
          {...form.bind("kind")}
          label="Alert when"
          options={Object.entries(kindLabels).map(([value, label]) => ({ value, label: `${label}…` }))}
        />
        <TextField
          {...form.bind("threshold")}
          label={values.kind === "usage" ? "Quantity" : "Amount"}
          required
          inputMode="decimal"
        />
        {values.kind === "usage" ? (
          <SelectField
            {...form.bind("meter")}
            label="Meter"
            options={[
              { value: "", label: meters.status === "loading" ? "Loading meters…" : "Choose a meter" },
              ...(meters.status === "ready"
                ? meters.data.map((meter) => ({ value: meter.code, label: `${meter.name} (${meter.code})` }))
                : []),
            ]}
          />
        ) : (
          <TextField
            {...form.bind("currency")}
            label="Alert currency"
            list={currencyListId}
            autoCapitalize="characters"
            hint="Empty: the subscription's, else the customer's."
          />
        )}
        {values.kind !== "credit_balance" && (
          <SelectField
            {...form.bind("subscription_id")}
            label="Watch"
            options={[
              { value: "", label: "The customer's next invoice" },
              ...(subscriptions.status === "ready"
                ? subscriptions.data.map((subscription) => ({
                    value: subscription.id,
                    label: `Only ${subscription.current_plan.plan_code} (${subscription.id})`,
                  }))
                : []),
            ]}
          />
        )}
        <TextField {...form.bind("name")} label="Alert name" autoComplete="off" hint="Optional." />
        <CheckboxField
          label="Email the customer too"
          checked={values.email_customer}
          onCheckedChange={(checked) => form.set("email_customer", checked)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? "Adding…" : "Add alert"}
      </button>
    </form>
  );
}
