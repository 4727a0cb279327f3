// Coupons: percentage or fixed discounts for once, a number of invoices or
// forever, optionally limited to plans or meters, with redemption limits and
// a last day to redeem. Listed with how often each was redeemed; created
// and archived here.
import { type FormEvent, useCallback, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { Coupon, Meter, Plan } from "../../api/resources.ts";
import { asApiError, useAllPages, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { useLocation } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { type FilterField, FilterForm, filterValues } from "../../ui/filter-form.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { CheckboxField, SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { currencyListId, ReferenceLists } from "../../ui/reference-lists.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { discountText, durationText } from "./coupon-text.ts";

const filterFields: FilterField[] = [
  {
    name: "archived",
    label: "Show",
    options: [
      { value: "", label: "Coupons in use" },
      { value: "true", label: "Archived coupons" },
    ],
  },
];

export function CouponListPage() {
  const session = useSignedInSession();
  const { query } = useLocation();
  const archived = query.get("archived") === "true";
  const list = usePagedList<Coupon>(`/v1/coupons?limit=50${archived ? "&archived=true" : ""}`);
  const [archiving, setArchiving] = useState<Coupon | undefined>();
  const writable = can(session, "billing:write");
  const plans = useAllPages<Plan>("/v1/plans");
  const planCode = (id: string) =>
    (plans.status === "ready" ? plans.data.find((plan) => plan.id === id)?.code : undefined) ?? id;

  return (
    <>
      <PageHeader title="Coupons" subtitle="Discounts customers redeem, for one invoice, several or all." />
      {writable && <CreateCouponForm onCreated={list.reload} />}
      <section className="panel" aria-labelledby="coupons-title">
        <h2 id="coupons-title">{archived ? "Archived coupons" : "Coupons in use"}</h2>
        <FilterForm
          key={query.toString()}
          basePath="/coupons"
          fields={filterFields}
          label="Filter coupons"
          initial={filterValues(query, filterFields)}
        />
        {list.state.status === "loading" && <LoadingState label="Loading coupons…" />}
        {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
        {list.state.status === "ready" && list.state.data.length === 0 && <EmptyState title="No coupons." />}
        {list.state.status === "ready" && list.state.data.length > 0 && (
          <TableScroll label="Coupons table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Coupon</th>
                  <th scope="col">Discount</th>
                  <th scope="col">Applies to</th>
                  <th scope="col">Redeemed</th>
                  <th scope="col">Redeem by</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.map((coupon) => (
                  <tr key={coupon.id}>
                    <th scope="row">
                      <code>{coupon.code}</code>
                      <span className="actor-id">{coupon.name}</span>
                    </th>
                    <td data-label="Discount">
                      {discountText(coupon)}, {durationText(coupon)}
                    </td>
                    <td data-label="Applies to">
                      {coupon.applies_to.plan_ids.length === 0 && coupon.applies_to.meter_codes.length === 0
                        ? "Every line"
                        : [
                            ...coupon.applies_to.plan_ids.map((id) => `plan ${planCode(id)}`),
                            ...coupon.applies_to.meter_codes.map((code) => `meter ${code}`),
                          ].join(", ")}
                    </td>
                    <td data-label="Redeemed">
                      {coupon.redemption_count}
                      {coupon.max_redemptions !== null && ` of ${coupon.max_redemptions}`}
                    </td>
                    <td data-label="Redeem by">
                      {coupon.redeem_by ? formatDateTime(coupon.redeem_by) : "—"}
                    </td>
                    <td className="row-actions">
                      {writable && coupon.archived_at === null && (
                        <button
                          type="button"
                          className="button button-small button-danger"
                          onClick={() => setArchiving(coupon)}
                        >
                          Archive<span className="visually-hidden"> {coupon.code}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ListFooter list={list} noun={["coupon", "coupons"]} />
      </section>
      {archiving && (
        <ArchiveDialog
          coupon={archiving}
          onDone={() => {
            setArchiving(undefined);
            list.reload();
          }}
          onCancel={() => setArchiving(undefined)}
        />
      )}
    </>
  );
}

type CouponValues = {
  code: string;
  name: string;
  type: "percentage" | "fixed";
  percent: string;
  amount: string;
  currency: string;
  duration: "once" | "repeating" | "forever";
  duration_invoices: string;
  plan_ids: string[];
  meter_codes: string[];
  max_redemptions: string;
  redeem_by: string;
};

const emptyCoupon = (): CouponValues => ({
  code: "",
  name: "",
  type: "percentage",
  percent: "",
  amount: "",
  currency: "",
  duration: "once",
  duration_invoices: "",
  plan_ids: [],
  meter_codes: [],
  max_redemptions: "",
  redeem_by: "",
});

function checkCoupon(values: CouponValues) {
  const checks = new FieldChecks();
  if (checks.required("code", values.code) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(values.code.trim())) {
    checks.report("code", "may hold letters, digits, - and _, and starts with a letter or digit");
  }
  checks.required("name", values.name);
  if (values.type === "percentage")
    checks.decimal("percent", values.percent, { required: true, positive: true });
  else {
    checks.decimal("amount", values.amount, { required: true, positive: true });
    checks.currency("currency", values.currency);
  }
  if (values.duration === "repeating") checks.integer("duration_invoices", values.duration_invoices, 1, 1000);
  if (values.max_redemptions.trim() !== "")
    checks.integer("max_redemptions", values.max_redemptions, 1, 1_000_000_000);
  return checks.errors;
}

function CreateCouponForm({ onCreated }: { onCreated: () => void }) {
  const plans = useAllPages<Plan>("/v1/plans");
  const meters = useAllPages<Meter>("/v1/meters");
  const form = useFormState<CouponValues>(emptyCoupon, checkCoupon);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;
  const toggle = useCallback(
    (name: "plan_ids" | "meter_codes", value: string, checked: boolean) =>
      form.set(name, checked ? [...values[name], value] : values[name].filter((item) => item !== value)),
    [form.set, values],
  );
  const placed = new Set(Object.keys(emptyCoupon()));
  const unplaced = Object.entries(form.serverErrors)
    .filter(([name]) => !placed.has(name))
    .map(([name, message]) => ({ name, message }));

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (current) => {
      const appliesTo = {
        ...(current.plan_ids.length === 0 ? {} : { plan_ids: current.plan_ids }),
        ...(current.meter_codes.length === 0 ? {} : { meter_codes: current.meter_codes }),
      };
      await apiRequest<Coupon>("POST", "/v1/coupons", {
        body: {
          code: current.code.trim(),
          name: current.name.trim(),
          type: current.type,
          ...(current.type === "percentage"
            ? { percent: current.percent.trim() }
            : { amount: current.amount.trim(), currency: current.currency.trim().toUpperCase() }),
          duration: current.duration,
          ...(current.duration === "repeating"
            ? { duration_invoices: Number(current.duration_invoices) }
            : {}),
          ...(Object.keys(appliesTo).length === 0 ? {} : { applies_to: appliesTo }),
          ...(current.max_redemptions.trim() === ""
            ? {}
            : { max_redemptions: Number(current.max_redemptions) }),
          ...(current.redeem_by === "" ? {} : { redeem_by: instantFromLocal(current.redeem_by) }),
        },
      });
    });
    if (created) {
      form.reset(emptyCoupon());
      onCreated();
    }
  };

  return (
    <section className="panel" aria-labelledby="create-coupon-title">
      <h2 id="create-coupon-title">Create a coupon</h2>
      <form ref={formElement} onSubmit={(event) => void submit(event)} noValidate>
        <ReferenceLists />
        <FormErrorSummary
          title="The coupon was not created"
          refusal={form.refusal}
          failingChecks={form.failingChecks}
          markedServerErrors={Object.keys(form.serverErrors).length - unplaced.length}
          unplaced={unplaced}
          summaryRef={summary}
        />
        <div className="field-grid">
          <TextField
            {...form.bind("code")}
            label="Code"
            required
            autoComplete="off"
            hint="What customers type, such as SPRING25."
          />
          <TextField {...form.bind("name")} label="Name" required autoComplete="off" />
          <SelectField
            {...form.bind("type")}
            label="Discount"
            options={[
              { value: "percentage", label: "A percentage" },
              { value: "fixed", label: "A fixed amount" },
            ]}
          />
          {values.type === "percentage" ? (
            <TextField
              {...form.bind("percent")}
              label="Percent off"
              required
              inputMode="decimal"
              hint="More than 0, at most 100."
            />
          ) : (
            <>
              <TextField
                {...form.bind("amount")}
                label="Amount off"
                required
                inputMode="decimal"
                hint="Off each invoice."
              />
              <TextField
                {...form.bind("currency")}
                label="Currency"
                required
                list={currencyListId}
                autoCapitalize="characters"
              />
            </>
          )}
          <SelectField
            {...form.bind("duration")}
            label="Lasts"
            options={[
              { value: "once", label: "The first invoice" },
              { value: "repeating", label: "A number of invoices" },
              { value: "forever", label: "Every invoice" },
            ]}
          />
          {values.duration === "repeating" && (
            <TextField {...form.bind("duration_invoices")} label="Invoices" required inputMode="numeric" />
          )}
          <TextField
            {...form.bind("max_redemptions")}
            label="Redemptions allowed"
            inputMode="numeric"
            hint="Empty: no limit."
          />
          <TextField
            {...form.bind("redeem_by")}
            label="Redeem by"
            type="datetime-local"
            hint="Empty: no last day."
          />
        </div>
        <fieldset className="choice-list">
          <legend>Only on these plans</legend>
          {plans.status === "ready" && plans.data.length === 0 && <p className="field-hint">No plans yet.</p>}
          {plans.status === "ready" &&
            plans.data.map((plan) => (
              <CheckboxField
                key={plan.id}
                label={`${plan.name} (${plan.code})`}
                checked={values.plan_ids.includes(plan.id)}
                onCheckedChange={(checked) => toggle("plan_ids", plan.id, checked)}
              />
            ))}
          {form.errorOf("applies_to.plan_ids") && (
            <p className="field-error">{form.errorOf("applies_to.plan_ids")}</p>
          )}
          <p className="field-hint">None chosen: every plan.</p>
        </fieldset>
        <fieldset className="choice-list">
          <legend>Only on usage of these meters</legend>
          {meters.status === "ready" &&
            meters.data.map((meter) => (
              <CheckboxField
                key={meter.id}
                label={`${meter.name} (${meter.code})`}
                checked={values.meter_codes.includes(meter.code)}
                onCheckedChange={(checked) => toggle("meter_codes", meter.code, checked)}
              />
            ))}
          <p className="field-hint">None chosen: every line.</p>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? "Creating…" : "Create coupon"}
        </button>
      </form>
    </section>
  );
}

function ArchiveDialog({
  coupon,
  onDone,
  onCancel,
}: {
  coupon: Coupon;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const archive = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest("POST", `/v1/coupons/${encodeURIComponent(coupon.id)}/archive`, { body: {}, reason });
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Archive coupon ${coupon.code}?`}
      confirmLabel="Archive coupon"
      busy={busy}
      onConfirm={() => void archive()}
      onCancel={onCancel}
    >
      <p>It can no longer be redeemed. Redemptions already made keep discounting their invoices.</p>
      <TextField
        label="Reason"
        hint="Optional. Kept in the audit log."
        value={reason}
        onValueChange={setReason}
      />
      {error && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}
