// One contract opened from the list: the subscriptions it holds, its terms'
// version, every amendment (the terms it changed, in words, from when, by
// whom and why), and "Amend": a negotiated price, the term's end or another
// subscription of the customer, from an instant, with a reason. The API
// refuses an instant in a period already invoiced beside its field.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import {
  DateTimeField,
  DecimalField,
  FieldGroup,
  labelOptions,
  SelectField,
  TextAreaField,
  TextField,
} from "../../ui/form-field.tsx";
import { PageForm } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

type Contract = { id: string; customer_id: string; version: number; subscription_ids: string[] };

type AmendmentChange = RequestBody<"/v1/contracts/{id}/amendments", "post">["changes"][number];

/** The amendments the console makes (the API takes more). */
const changeLabels = {
  set_rate: "Negotiated price",
  change_term: "Term end",
  add_subscription: "Add a subscription",
} satisfies Partial<Record<AmendmentChange["type"], string>>;

/** The price a negotiated rate sets, by its field in the rate card entry. */
const priceFieldLabels = {
  amount: "Fixed amount",
  unit_price: "Unit price",
  discount_percent: "Discount (%)",
};

/** What a term change does to renewal: left as it is, stopped, or started. */
const renewalLabels = {
  "": "Unchanged",
  none: "Stop renewing",
  auto: "Renew automatically",
};

type AmendmentValues = {
  effective_at: string;
  change: keyof typeof changeLabels;
  plan: string;
  charge: string;
  price_field: keyof typeof priceFieldLabels;
  price: string;
  end: string;
  renewal: keyof typeof renewalLabels;
  subscription_id: string;
  reason: string;
};

const emptyAmendment: AmendmentValues = {
  effective_at: "",
  change: "set_rate",
  plan: "",
  charge: "",
  price_field: "amount",
  price: "",
  end: "",
  renewal: "",
  subscription_id: "",
  reason: "",
};

function checkAmendment(values: AmendmentValues) {
  const checks = new FieldChecks();
  checks.required("effective_at", values.effective_at, "when the change takes effect");
  checks.required("reason", values.reason, "why the terms change: kept in the audit log");
  if (values.change === "set_rate") {
    checks.required("plan", values.plan, "the plan whose charge gets a negotiated price");
    checks.required("charge", values.charge, "the charge's id");
    checks.decimal("price", values.price, { positive: true });
    checks.required("price", values.price, "the negotiated price");
  }
  // A change of renewal alone is a change: stopping it ends the contract when the term in progress ends.
  if (values.change === "change_term" && values.renewal === "") {
    checks.required("end", values.end, "the term's new end");
  }
  if (values.change === "add_subscription") {
    checks.required("subscription_id", values.subscription_id, "the customer's other subscription");
  }
  return checks.errors;
}

function changeOf(values: AmendmentValues): AmendmentChange {
  switch (values.change) {
    case "change_term":
      return {
        type: "change_term",
        ...(values.end === "" ? {} : { end: instantFromLocal(values.end) }),
        ...(values.renewal === "" ? {} : { renewal: values.renewal }),
      };
    case "add_subscription":
      return { type: "add_subscription", subscription_id: values.subscription_id };
    default:
      return {
        type: "set_rate",
        entry: { plan: values.plan, charge: values.charge.trim(), [values.price_field]: values.price.trim() },
      } as AmendmentChange;
  }
}

function AmendmentList({ contractId }: { contractId: string }) {
  const amendments = useAllPages("/v1/contracts/{id}/amendments", { params: { path: { id: contractId } } });
  return (
    <ResourceView
      resource={amendments}
      loadingLabel="Reading amendments…"
      empty="No amendment yet: version 1."
    >
      {(list) => (
        <table className="table">
          <caption className="visually-hidden">Amendments</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Effective</th>
              <th scope="col">Changes</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {list.map((amendment) => (
              <tr key={amendment.id}>
                <td>{amendment.version}</td>
                <td>{formatDateTime(amendment.effective_at, undefined)}</td>
                <td>
                  <ul className="plain-list">
                    {amendment.described.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </td>
                <td>{amendment.author.person?.name ?? amendment.author.id}</td>
                <td>{amendment.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ResourceView>
  );
}

export function ContractAmendmentsPanel({ contract }: { contract: Contract }) {
  const plans = useAllPages("/v1/plans");
  const subscriptions = useAllPages("/v1/subscriptions");
  const initial = useCallback((): AmendmentValues => emptyAmendment, []);
  const form = useFormState<AmendmentValues>(initial, checkAmendment);
  const amend = useApiMutation({
    call: (current: AmendmentValues) =>
      api.POST("/v1/contracts/{id}/amendments", {
        params: { path: { id: contract.id } },
        body: {
          effective_at: instantFromLocal(current.effective_at),
          changes: [changeOf(current)],
          reason: current.reason.trim(),
        },
      }),
    invalidates: ["/v1/contracts", "/v1/contracts/{id}/amendments", "/v1/customers/{id}"],
    onSuccess: () => form.reset(emptyAmendment),
  });
  const others = (subscriptions.data ?? []).filter(
    (subscription) =>
      subscription.customer_id === contract.customer_id &&
      !contract.subscription_ids.includes(subscription.id),
  );
  const planOf = (id: string) => subscriptions.data?.find((subscription) => subscription.id === id);

  return (
    <Panel title={`Contract ${contract.id}`}>
      <p>
        Terms version {contract.version}. Subscriptions:{" "}
        {contract.subscription_ids
          .map((id) => {
            const subscription = planOf(id);
            return subscription === undefined ? id : `${id} (${subscription.current_plan.plan_code})`;
          })
          .join(", ")}
        .
      </p>
      <h3>Amendments</h3>
      <AmendmentList contractId={contract.id} />
      <h3>Amend</h3>
      <PageForm
        form={form}
        refusedTitle="The contract was not amended"
        onSubmit={() => form.submit(amend.mutateAsync)}
        placed={new Set(Object.keys(emptyAmendment))}
        submit={["Amend", "Amending…"]}
        onCancel={() => form.reset(emptyAmendment)}
      >
        <FieldGroup legend="Change">
          <DateTimeField
            {...form.bind("effective_at")}
            label="Effective at"
            hint="In the term, and not in a period already invoiced."
          />
          <SelectField {...form.bind("change")} label="Change" options={labelOptions(changeLabels)} />
          {form.values.change === "set_rate" && (
            <>
              <SelectField
                {...form.bind("plan")}
                label="Plan"
                options={[
                  { value: "", label: "Choose a plan" },
                  ...(plans.data ?? []).map((plan) => ({
                    value: plan.code,
                    label: `${plan.name} (${plan.code})`,
                  })),
                ]}
              />
              <TextField {...form.bind("charge")} label="Charge" hint="The charge's id in the plan." />
              <SelectField
                {...form.bind("price_field")}
                label="Price kind"
                options={labelOptions(priceFieldLabels)}
              />
              <DecimalField {...form.bind("price")} label="Negotiated price" />
            </>
          )}
          {form.values.change === "change_term" && (
            <>
              <SelectField
                {...form.bind("renewal")}
                label="Renewal"
                options={labelOptions(renewalLabels)}
                hint="Stop renewing ends the contract when the term in progress ends, unless a new term end says otherwise."
              />
              <DateTimeField
                {...form.bind("end")}
                label="New term end"
                hint="Once the contract has renewed: inside the term in progress, or at a later term's end."
              />
            </>
          )}
          {form.values.change === "add_subscription" && (
            <SelectField
              {...form.bind("subscription_id")}
              label="Subscription to add"
              options={[
                { value: "", label: "Choose a subscription" },
                ...others.map((subscription) => ({
                  value: subscription.id,
                  label: `${subscription.current_plan.plan_code} (${subscription.id})`,
                })),
              ]}
            />
          )}
          <TextAreaField {...form.bind("reason")} label="Reason" />
        </FieldGroup>
      </PageForm>
    </Panel>
  );
}
