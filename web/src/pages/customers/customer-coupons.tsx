// The coupons a customer has redeemed: which invoices they discount and how
// many are left; a coupon is redeemed here (on all the customer's invoices or
// one subscription's) and a redemption removed, with the reason.
import { type FormEvent, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { Coupon, CouponRedemption, Subscription } from "../../api/resources.ts";
import { asApiError, useAllPages, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { discountText, durationText } from "../coupons/coupon-text.ts";

const statusClasses: Record<CouponRedemption["status"], string> = {
  active: "badge badge-success",
  completed: "badge badge-muted",
  removed: "badge badge-muted",
};

export function CustomerCoupons({
  customerId,
  writable,
  locale,
}: {
  customerId: string;
  writable: boolean;
  locale: string;
}) {
  const path = `/v1/customers/${encodeURIComponent(customerId)}/coupons`;
  const list = usePagedList<CouponRedemption>(`${path}?limit=20&include_removed=true`);
  const [removing, setRemoving] = useState<CouponRedemption | undefined>();
  return (
    <section className="panel" aria-labelledby="customer-coupons-title">
      <h2 id="customer-coupons-title">Coupons</h2>
      {list.state.status === "loading" && <LoadingState label="Loading coupons…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No coupons redeemed." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Redeemed coupons table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Coupon</th>
                <th scope="col">On</th>
                <th scope="col">Invoices</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((redemption) => (
                <tr key={redemption.id}>
                  <th scope="row">
                    <code>{redemption.coupon_code}</code>
                    <span className="actor-id">
                      redeemed {formatDateTime(redemption.redeemed_at, locale)}
                    </span>
                  </th>
                  <td data-label="On">
                    {redemption.subscription_id ? (
                      <code>{redemption.subscription_id}</code>
                    ) : (
                      "Every invoice of the customer"
                    )}
                  </td>
                  <td data-label="Invoices">
                    {redemption.invoice_count} discounted
                    {redemption.invoices_remaining !== null && `, ${redemption.invoices_remaining} left`}
                  </td>
                  <td data-label="Status">
                    <span className={statusClasses[redemption.status]}>{redemption.status}</span>
                    {redemption.removal_reason && (
                      <span className="actor-id">{redemption.removal_reason}</span>
                    )}
                  </td>
                  <td className="row-actions">
                    {writable && redemption.status === "active" && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        onClick={() => setRemoving(redemption)}
                      >
                        Remove<span className="visually-hidden"> coupon {redemption.coupon_code}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["redemption", "redemptions"]} />
      {writable && (
        <RedeemForm customerId={customerId} path={path} onRedeemed={list.reload} locale={locale} />
      )}
      {removing && (
        <RemoveDialog
          path={`${path}/${encodeURIComponent(removing.id)}`}
          redemption={removing}
          onDone={() => {
            setRemoving(undefined);
            list.reload();
          }}
          onCancel={() => setRemoving(undefined)}
        />
      )}
    </section>
  );
}

type RedeemValues = { coupon_id: string; subscription_id: string };

function checkRedeem(values: RedeemValues) {
  const checks = new FieldChecks();
  checks.required("coupon_id", values.coupon_id, "choose a coupon");
  return checks.errors;
}

function RedeemForm({
  customerId,
  path,
  onRedeemed,
  locale,
}: {
  customerId: string;
  path: string;
  onRedeemed: () => void;
  locale: string;
}) {
  const coupons = useAllPages<Coupon>("/v1/coupons");
  const subscriptions = useAllPages<Subscription>(
    `/v1/subscriptions?customer_id=${encodeURIComponent(customerId)}`,
  );
  const form = useFormState<RedeemValues>(() => ({ coupon_id: "", subscription_id: "" }), checkRedeem);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const redeemed = await form.submit(async (values) => {
      await apiRequest<CouponRedemption>("POST", path, {
        body: {
          coupon_id: values.coupon_id,
          ...(values.subscription_id === "" ? {} : { subscription_id: values.subscription_id }),
        },
      });
    });
    if (redeemed) {
      form.reset({ coupon_id: "", subscription_id: "" });
      onRedeemed();
    }
  };
  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Redeem a coupon</h3>
      <FormErrorSummary
        title="The coupon was not redeemed"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      {coupons.status === "error" && <ErrorState error={coupons.error} onRetry={coupons.reload} />}
      <div className="inline-form">
        <SelectField
          {...form.bind("coupon_id")}
          label="Coupon"
          options={[
            { value: "", label: coupons.status === "loading" ? "Loading coupons…" : "Choose a coupon" },
            ...(coupons.status === "ready"
              ? coupons.data.map((coupon) => ({
                  value: coupon.id,
                  label: `${coupon.code}: ${discountText(coupon, locale)}, ${durationText(coupon)}`,
                }))
              : []),
          ]}
        />
        <SelectField
          {...form.bind("subscription_id")}
          label="Applies to"
          options={[
            { value: "", label: "Every invoice of the customer" },
            ...(subscriptions.status === "ready"
              ? subscriptions.data.map((subscription) => ({
                  value: subscription.id,
                  label: `Only ${subscription.current_plan.plan_code} (${subscription.id})`,
                }))
              : []),
          ]}
        />
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? "Redeeming…" : "Redeem coupon"}
          </button>
        </div>
      </div>
    </form>
  );
}

function RemoveDialog({
  path,
  redemption,
  onDone,
  onCancel,
}: {
  path: string;
  redemption: CouponRedemption;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest("DELETE", path, { reason });
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Remove coupon ${redemption.coupon_code}?`}
      confirmLabel="Remove coupon"
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={onCancel}
    >
      <p>Later invoices are no longer discounted. Invoices already issued keep their discount.</p>
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
