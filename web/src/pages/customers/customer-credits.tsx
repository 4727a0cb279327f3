// A customer's credits: what is usable now per currency, the credit grants
// (promotional or purchased, with priority and dates) with a form to grant
// more and a way to void one, the customer balance owed to it, and the
// ledger of every increment, burn, expiry and void.
import { type FormEvent, useCallback, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type {
  CreditBalances,
  CreditGrant,
  CreditGrantStatus,
  CreditLedgerEntry,
  Customer,
  CustomerBalance,
} from "../../api/resources.ts";
import { asApiError, useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { currencyListId, ReferenceLists } from "../../ui/reference-lists.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { CustomerWallets } from "./customer-wallets.tsx";

const grantStatusClasses: Record<CreditGrantStatus, string> = {
  active: "badge badge-success",
  scheduled: "badge badge-scheduled",
  used: "badge badge-muted",
  expired: "badge badge-muted",
  voided: "badge badge-muted",
};

export function CustomerCredits({ customer, writable }: { customer: Customer; writable: boolean }) {
  // One number that every part reads anew after any change: a grant, a void or a top-up moves them all.
  const [generation, setGeneration] = useState(0);
  const changed = useCallback(() => setGeneration((value) => value + 1), []);
  return (
    <section className="panel" aria-labelledby="credits-title">
      <h2 id="credits-title">Credits</h2>
      <CreditSummary key={`summary-${generation}`} customerId={customer.id} locale={customer.locale} />
      <CreditGrants
        key={`grants-${generation}`}
        customer={customer}
        writable={writable}
        onChanged={changed}
      />
      {writable && <GrantForm customer={customer} onGranted={changed} />}
      <CustomerWallets customer={customer} writable={writable} generation={generation} onChanged={changed} />
      <CreditLedger key={`ledger-${generation}`} customer={customer} />
    </section>
  );
}

function CreditSummary({ customerId, locale }: { customerId: string; locale: string }) {
  const path = `/v1/customers/${encodeURIComponent(customerId)}`;
  const balances = useApiResource<CreditBalances>(`${path}/credit-balances`);
  const owed = useApiResource<CustomerBalance>(`${path}/balance`);
  if (balances.state.status === "loading" || owed.state.status === "loading") {
    return <LoadingState label="Loading balances…" />;
  }
  if (balances.state.status === "error")
    return <ErrorState error={balances.state.error} onRetry={balances.reload} />;
  if (owed.state.status === "error") return <ErrorState error={owed.state.error} onRetry={owed.reload} />;
  const credits = balances.state.data.data;
  const customerBalances = owed.state.data.data.filter((entry) => !/^-?0(\.0+)?$/.test(entry.balance));
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
                  {!/^0(\.0+)?$/.test(entry.scheduled) &&
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
                  {formatMoney(entry.balance, entry.currency, locale)} owed to the customer, used by later
                  invoices
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}

function CreditGrants({
  customer,
  writable,
  onChanged,
}: {
  customer: Customer;
  writable: boolean;
  onChanged: () => void;
}) {
  const list = usePagedList<CreditGrant>(
    `/v1/customers/${encodeURIComponent(customer.id)}/credit-grants?limit=20`,
  );
  const [voiding, setVoiding] = useState<CreditGrant | undefined>();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, customer.locale);
  return (
    <>
      <h3 className="section-gap">Grants</h3>
      {list.state.status === "loading" && <LoadingState label="Loading credit grants…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No credit grants." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Credit grants table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Grant</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col" className="numeric">
                  Left
                </th>
                <th scope="col">Status</th>
                <th scope="col">Usable</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((grant) => (
                <tr key={grant.id}>
                  <th scope="row">
                    {grant.name}
                    <span className="actor-id">
                      {grant.type}, priority {grant.priority}
                      {grant.cost_basis !== null && `, paid ${money(grant.cost_basis, grant.currency)}`}
                      {grant.wallet_id !== null && ", wallet top-up"}
                    </span>
                  </th>
                  <td data-label="Amount" className="numeric">
                    {money(grant.amount, grant.currency)}
                  </td>
                  <td data-label="Left" className="numeric">
                    {money(grant.remaining, grant.currency)}
                  </td>
                  <td data-label="Status">
                    <span className={grantStatusClasses[grant.status]}>{grant.status}</span>
                    {grant.void_reason && <span className="actor-id">{grant.void_reason}</span>}
                  </td>
                  <td data-label="Usable">
                    from {formatDateTime(grant.effective_at, customer.locale)}
                    {grant.expires_at && <>, until {formatDateTime(grant.expires_at, customer.locale)}</>}
                  </td>
                  <td className="row-actions">
                    {writable && (grant.status === "active" || grant.status === "scheduled") && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        onClick={() => setVoiding(grant)}
                      >
                        Void<span className="visually-hidden"> {grant.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["grant", "grants"]} />
      {voiding && (
        <VoidGrantDialog
          grant={voiding}
          onDone={() => {
            setVoiding(undefined);
            onChanged();
          }}
          onCancel={() => setVoiding(undefined)}
        />
      )}
    </>
  );
}

function VoidGrantDialog({
  grant,
  onDone,
  onCancel,
}: {
  grant: CreditGrant;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const confirm = async () => {
    if (reason.trim() === "") {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest("POST", `/v1/credit-grants/${encodeURIComponent(grant.id)}/void`, {
        body: { reason: reason.trim() },
      });
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Void ${grant.name}?`}
      confirmLabel="Void grant"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>What is left of the grant leaves the ledger and is never used. What was already used stays used.</p>
      <TextField
        label="Reason"
        required
        value={reason}
        onValueChange={(value) => {
          setReason(value);
          setMissing(false);
        }}
        hint="Kept on the ledger entry and in the audit log."
        error={missing ? "is required" : error?.fieldErrors[0]?.message}
      />
      {error && error.fieldErrors.length === 0 && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}

type GrantValues = {
  name: string;
  amount: string;
  currency: string;
  type: "promotional" | "purchased";
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

function GrantForm({ customer, onGranted }: { customer: Customer; onGranted: () => void }) {
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
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const granted = await form.submit(async (current) => {
      await apiRequest<CreditGrant>(
        "POST",
        `/v1/customers/${encodeURIComponent(customer.id)}/credit-grants`,
        {
          body: {
            name: current.name.trim(),
            amount: current.amount.trim(),
            currency: current.currency.trim().toUpperCase(),
            type: current.type,
            ...(current.type === "purchased" ? { cost_basis: current.cost_basis.trim() } : {}),
            ...(current.priority.trim() === "" ? {} : { priority: Number(current.priority) }),
            ...(current.effective_at === "" ? {} : { effective_at: instantFromLocal(current.effective_at) }),
            ...(current.expires_at === "" ? {} : { expires_at: instantFromLocal(current.expires_at) }),
          },
        },
      );
    });
    if (granted) {
      form.reset(initial());
      onGranted();
    }
  };

  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Grant credits</h3>
      <ReferenceLists />
      <FormErrorSummary
        title="The credits were not granted"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <div className="field-grid">
        <TextField
          {...form.bind("name")}
          label="Grant name"
          required
          autoComplete="off"
          hint="Such as Welcome credit."
        />
        <TextField {...form.bind("amount")} label="Credit amount" required inputMode="decimal" />
        <TextField
          {...form.bind("currency")}
          label="Credit currency"
          required
          list={currencyListId}
          autoCapitalize="characters"
        />
        <SelectField
          {...form.bind("type")}
          label="Kind of grant"
          options={[
            { value: "promotional", label: "Promotional: given away" },
            { value: "purchased", label: "Purchased: paid for" },
          ]}
        />
        {values.type === "purchased" && (
          <TextField
            {...form.bind("cost_basis")}
            label="Paid"
            required
            inputMode="decimal"
            hint="What the customer paid for it; revenue recognition reads it."
          />
        )}
        <TextField
          {...form.bind("priority")}
          label="Priority"
          inputMode="numeric"
          hint="Lower is used first; 100 when empty."
        />
        <TextField
          {...form.bind("effective_at")}
          label="Usable from"
          type="datetime-local"
          hint="Empty: now."
        />
        <TextField {...form.bind("expires_at")} label="Expires" type="datetime-local" hint="Empty: never." />
      </div>
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? "Granting…" : "Grant credits"}
      </button>
    </form>
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
  const list = usePagedList<CreditLedgerEntry>(
    `/v1/customers/${encodeURIComponent(customer.id)}/credit-ledger?limit=50`,
  );
  return (
    <details className="usage-table section-gap">
      <summary>Show the credit ledger</summary>
      {list.state.status === "loading" && <LoadingState label="Loading the ledger…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No ledger entries." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Credit ledger table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Entry</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col" className="numeric">
                  Balance after
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{formatDateTime(entry.occurred_at, customer.locale)}</th>
                  <td data-label="Entry">
                    {ledgerKindLabels[entry.kind]}
                    {entry.automatic && " (automatic top-up)"}
                    <code className="actor-id">{entry.grant_id}</code>
                  </td>
                  <td data-label="Amount" className="numeric">
                    {formatMoney(entry.amount, entry.currency, customer.locale)}
                  </td>
                  <td data-label="Balance after" className="numeric">
                    {formatMoney(entry.balance_after, entry.currency, customer.locale)}
                  </td>
                  <td data-label="Why">
                    {entry.reason ?? (entry.invoice_id ? <code>{entry.invoice_id}</code> : "—")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["entry", "entries"]} />
    </details>
  );
}
