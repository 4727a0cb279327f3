import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { wholeNumberAsTyped } from "../../format/whole-number.ts";
import {
  DateTimeField,
  DecimalField,
  FieldGroup,
  SelectField,
  WholeNumberField,
} from "../../ui/form-field.tsx";
import { PageForm } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { customerOptions } from "../customers/customer-choices.ts";
import { InvoiceLinesTable, shownLine } from "../invoices/invoice-lines-table.tsx";
import { UpcomingInvoicePanel } from "../invoices/upcoming-invoice-panel.tsx";
import { ContractAmendmentsPanel } from "./contract-amendments-panel.tsx";

type ContractValues = {
  customer_id: string;
  subscription_id: string;
  start: string;
  end: string;
  ramp_plan: string;
  ramp_start: string;
  commit_amount: string;
  instalments: string;
};

const emptyContract: ContractValues = {
  customer_id: "",
  subscription_id: "",
  start: "",
  end: "",
  ramp_plan: "",
  ramp_start: "",
  commit_amount: "",
  instalments: "",
};

function checkContract(values: ContractValues) {
  const checks = new FieldChecks();
  checks.required("customer_id", values.customer_id, "choose a customer");
  checks.required("subscription_id", values.subscription_id, "choose the subscription the contract holds");
  checks.required("start", values.start, "the start of the term: the subscription's start");
  checks.required("end", values.end, "the end of the term");
  if (values.ramp_plan !== "") checks.required("ramp_start", values.ramp_start, "when the ramp switches");
  checks.decimal("commit_amount", values.commit_amount, { positive: true });
  if (values.instalments.trim() !== "") checks.integer("instalments", values.instalments, 2, 120);
  return checks.errors;
}

/** The request: the first phase on the subscription's own plan, the ramp's phase, the commit. */
function contractBody(values: ContractValues, firstPlan: string): RequestBody<"/v1/contracts", "post"> {
  const start = instantFromLocal(values.start);
  const instalments = values.instalments.trim() === "" ? undefined : wholeNumberAsTyped(values.instalments);
  return {
    customer_id: values.customer_id,
    subscription_id: values.subscription_id,
    start,
    end: instantFromLocal(values.end),
    ...(values.ramp_plan === ""
      ? {}
      : {
          phases: [
            { start, plan: firstPlan },
            { start: instantFromLocal(values.ramp_start), plan: values.ramp_plan },
          ],
        }),
    ...(values.commit_amount.trim() === ""
      ? {}
      : {
          commits: [
            {
              id: "prepaid",
              type: "prepaid" as const,
              amount: values.commit_amount.trim(),
              ...(instalments === undefined ? {} : { invoice: "instalments" as const, instalments }),
            },
          ],
        }),
  };
}

function UpcomingInvoice({ customerId }: { customerId: string }) {
  return (
    <UpcomingInvoicePanel customerId={customerId}>
      {(upcoming) => {
        const money = (amount: string) => formatMoney(amount, upcoming.currency, undefined);
        return (
          <>
            <p className="simulation-summary">
              Issued {formatDateTime(upcoming.issued_at, undefined)}: subtotal {money(upcoming.subtotal)}
              {upcoming.commits === null ? "" : `, paid by commits ${money(upcoming.commits)}`},{" "}
              <strong>{money(upcoming.amount_due)} due</strong>.
            </p>
            <InvoiceLinesTable
              lines={upcoming.lines.map(shownLine)}
              invoiceTotals={upcoming}
              currency={upcoming.currency}
              timeZone="UTC"
              label="Upcoming invoice lines"
            />
          </>
        );
      }}
    </UpcomingInvoicePanel>
  );
}

function ContractList() {
  const contracts = useAllPages("/v1/contracts");
  const [openId, setOpenId] = useState<string | undefined>();
  const opened = contracts.data?.find((contract) => contract.id === openId);
  return (
    <Panel title="Contracts">
      <ResourceView resource={contracts} loadingLabel="Reading contracts…" empty="No contract yet.">
        {(list) => (
          <TableScroll label="Contract list">
            <table className="table">
              <caption className="visually-hidden">Contracts</caption>
              <thead>
                <tr>
                  <th scope="col">Contract</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Term</th>
                  <th scope="col">Phases</th>
                  <th scope="col">Commits</th>
                  <th scope="col">Subscriptions</th>
                  <th scope="col">Version</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((contract) => (
                  <tr key={contract.id}>
                    <td>{contract.id}</td>
                    <td>{contract.customer_id}</td>
                    <td>
                      {formatDateTime(contract.start, undefined)} to {formatDateTime(contract.end, undefined)}
                    </td>
                    <td>{contract.phases.map((phase) => phase.plan).join(" → ") || "—"}</td>
                    <td>{contract.commits.length}</td>
                    <td>{contract.subscription_ids.length}</td>
                    <td>{contract.version}</td>
                    <td>
                      <RowButton label="Amend" of={contract.id} onClick={() => setOpenId(contract.id)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ResourceView>
      {opened !== undefined && <ContractAmendmentsPanel contract={opened} />}
    </Panel>
  );
}

export function ContractPage() {
  const customers = useAllPages("/v1/customers");
  const subscriptions = useAllPages("/v1/subscriptions");
  const plans = useAllPages("/v1/plans");
  const initial = useCallback((): ContractValues => emptyContract, []);
  const form = useFormState<ContractValues>(initial, checkContract);
  const [createdFor, setCreatedFor] = useState<string | undefined>();
  const chosen = (subscriptions.data ?? []).find(
    (subscription) => subscription.id === form.values.subscription_id,
  );

  const create = useApiMutation({
    call: (current: ContractValues) =>
      api.POST("/v1/contracts", { body: contractBody(current, chosen?.current_plan.plan_code ?? "") }),
    invalidates: ["/v1/contracts", "/v1/customers/{id}"],
    onSuccess: (created) => setCreatedFor(created.customer_id),
  });

  const subscriptionOptions = [
    { value: "", label: "Choose a subscription" },
    ...(subscriptions.data ?? [])
      .filter((subscription) => subscription.customer_id === form.values.customer_id)
      .map((subscription) => ({
        value: subscription.id,
        label: `${subscription.current_plan.plan_code} from ${formatDateTime(subscription.started_at, undefined)}`,
      })),
  ];
  const planOptions = [
    { value: "", label: "No ramp" },
    ...(plans.data ?? []).map((plan) => ({ value: plan.code, label: `${plan.name} (${plan.code})` })),
  ];

  return (
    <>
      <PageHeader
        title="Contracts"
        subtitle="A customer's deal around a subscription: its term, a ramp, a prepaid commit."
      />
      <PageForm
        form={form}
        refusedTitle="The contract was not created"
        onSubmit={() => form.submit(create.mutateAsync)}
        placed={new Set(Object.keys(emptyContract))}
        submit={["Create contract", "Creating…"]}
        onCancel={() => form.reset(emptyContract)}
      >
        <FieldGroup legend="Customer and term">
          <SelectField
            {...form.bind("customer_id")}
            label="Customer"
            options={customerOptions(customers.data)}
          />
          <SelectField {...form.bind("subscription_id")} label="Subscription" options={subscriptionOptions} />
          <DateTimeField {...form.bind("start")} label="Term start" hint="The subscription's start." />
          <DateTimeField {...form.bind("end")} label="Term end" />
        </FieldGroup>
        <FieldGroup legend="Ramp and commit">
          <SelectField {...form.bind("ramp_plan")} label="Ramp to plan" options={planOptions} />
          <DateTimeField {...form.bind("ramp_start")} label="Ramp at" />
          <DecimalField
            {...form.bind("commit_amount")}
            label="Prepaid commit"
            hint="Drawn down by the contract's lines; empty: none."
          />
          <WholeNumberField
            {...form.bind("instalments")}
            label="Instalments"
            hint="Empty: invoiced whole, up front."
          />
        </FieldGroup>
      </PageForm>
      {createdFor !== undefined && <UpcomingInvoice customerId={createdFor} />}
      <ContractList />
    </>
  );
}
