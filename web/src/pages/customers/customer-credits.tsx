// A customer's credits: what is usable now per currency, the credit grants
// (promotional or purchased, with priority and dates) with a form to grant
// more and a way to void one, the customer balance owed to it, and the
// ledger of every increment, burn, expiry and void.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import type {
  CreditGrant,
  CreditGrantStatus,
  CreditLedgerEntry,
  Customer,
  RequestBody,
} from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { closedBy, type DialogClosing, ReasonDialog } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import {
  CurrencyField,
  DateTimeField,
  DecimalField,
  labelOptions,
  SelectField,
  TextField,
  WholeNumberField,
} from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { CustomerWallets, creditChanges } from "./customer-wallets.tsx";

const grantStatusClasses: Record<CreditGrantStatus, string> = {
  active: "badge badge-success",
  scheduled: "badge badge-scheduled",
  used: "badge badge-muted",
  expired: "badge badge-muted",
  voided: "badge badge-muted",
};

export function CustomerCredits({ customer, writable }: { customer: Customer; writable: boolean }) {
  return (
    <Panel title="Credits">
      <CreditSummary customerId={customer.id} locale={customer.locale} />
      <CreditGrants customer={customer} writable={writable} />
      {writable && <GrantForm customer={customer} />}
      <CustomerWallets customer={customer} writable={writable} />
      <CreditLedger customer={customer} />
    </Panel>
  );
}

const isZero = (amount: string) => /^-?0(\.0+)?$/.test(amount);

function CreditSummary({ customerId, locale }: { customerId: string; locale: string }) {
  const path = { params: { path: { id: customerId } } };
  const balances = useQuery(apiQuery("/v1/customers/{id}/credit-balances", path));
  const owed = useQuery(apiQuery("/v1/customers/{id}/balance", path));
  return (
    <ResourceView resource={balances} loadingLabel="Loading balances…">
      {({ data: credits }) => (
        <ResourceView resource={owed} loadingLabel="Loading balances…">
          {({ data: owedBalances }) => {
            const customerBalances = owedBalances.filter((entry) => !isZero(entry.balance));
            return (
              <dl className="details credit-summary">
                <div className="detail">
                  <dt>Credits usable now</dt>
                  <dd>
                    {credits.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="plain-list">
                        {credits.map((entry) => (
                          <li key={entry.currency}>
                            <strong>{formatMoney(entry.available, entry.currency, locale)}</strong>
                            {!isZero(entry.scheduled) &&
                              `, and ${formatMoney(entry.scheduled, entry.currency, locale)} from later dates`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
                <div className="detail">
                  <dt>Customer balance</dt>
                  <dd>
                    {customerBalances.length === 0 ? (
                      <span className="muted">Nothing owed to the customer</span>
                    ) : (
                      <ul className="plain-list">
                        {customerBalances.map((entry) => (
                          <li key={entry.currency}>
                            {formatMoney(entry.balance, entry.currency, locale)} owed to the customer, used by
                            later invoices
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              </dl>
            );
          }}
        </ResourceView>
      )}
    </ResourceView>
  );
}

function CreditGrants({ customer, writable }: { customer: Customer; writable: boolean }) {
  const list = usePagedList("/v1/customers/{id}/credit-grants", {
    params: { path: { id: customer.id }, query: { limit: 20 } },
  });
  const [voiding, setVoiding] = useState<CreditGrant | undefined>();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, customer.locale);
  return (
    <>
      <h3 className="section-gap">Grants</h3>
      <PagedListView
        list={list}
        noun={["grant", "grants"]}
        loadingLabel="Loading credit grants…"
        empty="No credit grants."
      >
        {(grants) => (
          <DataTable
            label="Credit grants table"
            rows={grants}
            rowKey={(grant) => grant.id}
            columns={[
              {
                header: "Grant",
                cell: (grant) => (
                  <>
                    {grant.name}
                    <span className="actor-id">
                      {grant.type}, priority {grant.priority}
                      {grant.cost_basis !== null && `, paid ${money(grant.cost_basis, grant.currency)}`}
                      {grant.wallet_id !== null && ", wallet top-up"}
                    </span>
                  </>
                ),
              },
              { header: "Amount", numeric: true, cell: (grant) => money(grant.amount, grant.currency) },
              { header: "Left", numeric: true, cell: (grant) => money(grant.remaining, grant.currency) },
              {
                header: "Status",
                cell: (grant) => (
                  <>
                    <span className={grantStatusClasses[grant.status]}>{grant.status}</span>
                    {grant.void_reason && <span className="actor-id">{grant.void_reason}</span>}
                  </>
                ),
              },
              {
                header: "Usable",
                cell: (grant) => (
                  <>
                    from {formatDateTime(grant.effective_at, customer.locale)}
                    {grant.expires_at && <>, until {formatDateTime(grant.expires_at, customer.locale)}</>}
                  </>
                ),
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (grant) =>
                  writable &&
                  (grant.status === "active" || grant.status === "scheduled") && (
                    <RowButton label="Void" of={grant.name} onClick={() => setVoiding(grant)} danger />
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
      {voiding && <VoidGrantDialog grant={voiding} {...closedBy(() => setVoiding(undefined))} />}
    </>
  );
}

function VoidGrantDialog({
  grant,
  onDone,
  onCancel,
}: {
  grant: CreditGrant;
} & DialogClosing) {
  const voidGrant = useApiMutation({
    call: (reason: string) =>
      api.POST("/v1/credit-grants/{id}/void", { params: { path: { id: grant.id } }, body: { reason } }),
    invalidates: creditChanges,
    onSuccess: onDone,
  });
  const error = voidGrant.error;
  return (
    <ReasonDialog
      open
      title={`Void ${grant.name}?`}
      confirmLabel="Void grant"
      busy={voidGrant.isPending}
      error={error && error.fieldErrors.length === 0 ? error.detail : undefined}
      onConfirm={voidGrant.mutate}
      onCancel={onCancel}
      reasonRequired
      reasonHint="Kept on the ledger entry and in the audit log."
      reasonError={error?.fieldErrors[0]?.message}
    >
      <p>What is left of the grant leaves the ledger and is never used. What was already used stays used.</p>
    </ReasonDialog>
  );
}

const grantKindLabels: Record<CreditGrant["type"], string> = {
  promotional: "Promotional: given away",
  purchased: "Purchased: paid for",
};

type GrantValues = {
  name: string;
  amount: string;
  currency: string;
  type: CreditGrant["type"];
  cost_basis: string;
  priority: string;
  effective_at: string;
  expires_at: string;
};

function checkGrant(values: GrantValues) {
  const checks = new FieldChecks();
  checks.required("name", values.name);
  checks.decimal("amount", values.amount, { required: true, positive: true });
  checks.currency("currency", values.currency);
  if (values.type === "purchased") checks.decimal("cost_basis", values.cost_basis, { required: true });
  if (values.priority.trim() !== "") checks.integer("priority", values.priority, 0, 1_000_000);
  return checks.errors;
}

function grantBody(values: GrantValues): RequestBody<"/v1/customers/{id}/credit-grants", "post"> {
  return {
    name: values.name.trim(),
    amount: values.amount.trim(),
    currency: values.currency.trim().toUpperCase(),
    type: values.type,
    ...(values.type === "purchased" ? { cost_basis: values.cost_basis.trim() } : {}),
    ...(values.priority.trim() === "" ? {} : { priority: Number(values.priority) }),
    ...instantIfGiven("effective_at", values.effective_at),
    ...instantIfGiven("expires_at", values.expires_at),
  };
}

function GrantForm({ customer }: { customer: Customer }) {
  const initial = useCallback(
    (): GrantValues => ({
      name: "",
      amount: "",
      currency: customer.currency ?? "",
      type: "promotional",
      cost_basis: "",
      priority: "",
      effective_at: "",
      expires_at: "",
    }),
    [customer.currency],
  );
  const form = useFormState<GrantValues>(initial, checkGrant);
  const { values } = form;
  const grant = useApiMutation({
    call: (current: GrantValues) =>
      api.POST("/v1/customers/{id}/credit-grants", {
        params: { path: { id: customer.id } },
        body: grantBody(current),
      }),
    invalidates: creditChanges,
  });

  return (
    <FormFrame
      form={form}
      refusedTitle="The credits were not granted"
      onSubmit={() => form.submitAndStartOver(grant.mutateAsync)}
      className="section-gap"
      before={
        <>
          <h3>Grant credits</h3>
          <ReferenceLists />
        </>
      }
    >
      <div className="field-grid">
        <TextField
          {...form.bind("name")}
          label="Grant name"
          required
          autoComplete="off"
          hint="Such as Welcome credit."
        />
        <DecimalField {...form.bind("amount")} label="Credit amount" required />
        <CurrencyField {...form.bind("currency")} label="Credit currency" required />
        <SelectField {...form.bind("type")} label="Kind of grant" options={labelOptions(grantKindLabels)} />
        {values.type === "purchased" && (
          <DecimalField
            {...form.bind("cost_basis")}
            label="Paid"
            required
            hint="What the customer paid for it; revenue recognition reads it."
          />
        )}
        <WholeNumberField
          {...form.bind("priority")}
          label="Priority"
          hint="Lower is used first; 100 when empty."
        />
        <DateTimeField {...form.bind("effective_at")} label="Usable from" hint="Empty: now." />
        <DateTimeField {...form.bind("expires_at")} label="Expires" hint="Empty: never." />
      </div>
      <SubmitButton busy={form.busy} label="Grant credits" busyLabel="Granting…" />
    </FormFrame>
  );
}

const ledgerKindLabels: Record<CreditLedgerEntry["kind"], string> = {
  increment: "Granted",
  burn: "Used",
  expiry: "Expired",
  void: "Voided",
  void_reversal: "Void reversed",
};

function CreditLedger({ customer }: { customer: Customer }) {
  const list = usePagedList("/v1/customers/{id}/credit-ledger", {
    params: { path: { id: customer.id }, query: { limit: 50 } },
  });
  const money = (amount: string, currency: string) => formatMoney(amount, currency, customer.locale);
  return (
    <details className="usage-table section-gap">
      <summary>Show the credit ledger</summary>
      <PagedListView
        list={list}
        noun={["entry", "entries"]}
        loadingLabel="Loading the ledger…"
        empty="No ledger entries."
      >
        {(entries) => (
          <DataTable
            label="Credit ledger table"
            rows={entries}
            rowKey={(entry) => entry.id}
            columns={[
              { header: "When", cell: (entry) => formatDateTime(entry.occurred_at, customer.locale) },
              {
                header: "Entry",
                cell: (entry) => (
                  <>
                    {ledgerKindLabels[entry.kind]}
                    {entry.automatic && " (automatic top-up)"}
                    <code className="actor-id">{entry.grant_id}</code>
                  </>
                ),
              },
              { header: "Amount", numeric: true, cell: (entry) => money(entry.amount, entry.currency) },
              {
                header: "Balance after",
                numeric: true,
                cell: (entry) => money(entry.balance_after, entry.currency),
              },
              {
                header: "Why",
                cell: (entry) => entry.reason ?? (entry.invoice_id ? <code>{entry.invoice_id}</code> : "—"),
              },
            ]}
          />
        )}
      </PagedListView>
    </details>
  );
}
