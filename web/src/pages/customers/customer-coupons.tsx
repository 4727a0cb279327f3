// The coupons a customer has redeemed: which invoices they discount and how
// many are left; a coupon is redeemed here (on all the customer's invoices or
// one subscription's) and a redemption removed, with the reason.
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { useAllPages, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { CouponRedemption } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { closedBy, type DialogClosing, ReasonDialog, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { discountText, durationText } from "../coupons/coupon-text.ts";
import { subscriptionOptions } from "../subscriptions/subscription-choices.ts";

const statusClasses: Record<CouponRedemption["status"], string> = {
  active: "badge badge-success",
  completed: "badge badge-muted",
  removed: "badge badge-muted",
};

// A redemption changes the customer's coupons and the coupon's count of redemptions.
const redemptionChanges = ["/v1/customers/{id}/coupons", "/v1/coupons"] as const;

export function CustomerCoupons({
  customerId,
  writable,
  locale,
}: {
  customerId: string;
  writable: boolean;
  locale: string;
}) {
  const list = usePagedList("/v1/customers/{id}/coupons", {
    params: { path: { id: customerId }, query: { limit: 20, include_removed: true } },
  });
  const [removing, setRemoving] = useState<CouponRedemption | undefined>();
  return (
    <Panel title="Coupons">
      <PagedListView
        list={list}
        noun={["redemption", "redemptions"]}
        loadingLabel="Loading coupons…"
        empty="No coupons redeemed."
      >
        {(redemptions) => (
          <DataTable
            label="Redeemed coupons table"
            rows={redemptions}
            rowKey={(redemption) => redemption.id}
            columns={[
              {
                header: "Coupon",
                cell: (redemption) => (
                  <>
                    <code>{redemption.coupon_code}</code>
                    <span className="actor-id">
                      redeemed {formatDateTime(redemption.redeemed_at, locale)}
                    </span>
                  </>
                ),
              },
              {
                header: "On",
                cell: (redemption) =>
                  redemption.subscription_id ? (
                    <code>{redemption.subscription_id}</code>
                  ) : (
                    "Every invoice of the customer"
                  ),
              },
              {
                header: "Invoices",
                cell: (redemption) =>
                  `${redemption.invoice_count} discounted` +
                  (redemption.invoices_remaining !== null ? `, ${redemption.invoices_remaining} left` : ""),
              },
              {
                header: "Status",
                cell: (redemption) => (
                  <>
                    <span className={statusClasses[redemption.status]}>{redemption.status}</span>
                    {redemption.removal_reason && (
                      <span className="actor-id">{redemption.removal_reason}</span>
                    )}
                  </>
                ),
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (redemption) =>
                  writable &&
                  redemption.status === "active" && (
                    <RowButton
                      label="Remove"
                      of={`coupon ${redemption.coupon_code}`}
                      onClick={() => setRemoving(redemption)}
                      danger
                    />
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
      {writable && <RedeemForm customerId={customerId} locale={locale} />}
      {removing && (
        <RemoveDialog
          customerId={customerId}
          redemption={removing}
          {...closedBy(() => setRemoving(undefined))}
        />
      )}
    </Panel>
  );
}

type RedeemValues = { coupon_id: string; subscription_id: string };

const noRedemption = (): RedeemValues => ({ coupon_id: "", subscription_id: "" });

function checkRedeem(values: RedeemValues) {
  const checks = new FieldChecks();
  checks.required("coupon_id", values.coupon_id, "choose a coupon");
  return checks.errors;
}

function RedeemForm({ customerId, locale }: { customerId: string; locale: string }) {
  const coupons = useAllPages("/v1/coupons");
  const subscriptions = useAllPages("/v1/subscriptions", { params: { query: { customer_id: customerId } } });
  const form = useFormState<RedeemValues>(noRedemption, checkRedeem);
  const redeem = useApiMutation({
    call: (values: RedeemValues) =>
      api.POST("/v1/customers/{id}/coupons", {
        params: { path: { id: customerId } },
        body: {
          coupon_id: values.coupon_id,
          ...(values.subscription_id === "" ? {} : { subscription_id: values.subscription_id }),
        },
      }),
    invalidates: redemptionChanges,
  });
  return (
    <FormFrame
      form={form}
      refusedTitle="The coupon was not redeemed"
      onSubmit={() => form.submitAndStartOver(redeem.mutateAsync)}
      className="section-gap"
      before={<h3>Redeem a coupon</h3>}
    >
      {coupons.error && <ErrorState error={coupons.error} onRetry={() => void coupons.refetch()} />}
      <div className="inline-form">
        <SelectField
          {...form.bind("coupon_id")}
          label="Coupon"
          options={[
            { value: "", label: coupons.isPending ? "Loading coupons…" : "Choose a coupon" },
            ...(coupons.data ?? []).map((coupon) => ({
              value: coupon.id,
              label: `${coupon.code}: ${discountText(coupon, locale)}, ${durationText(coupon)}`,
            })),
          ]}
        />
        <SelectField
          {...form.bind("subscription_id")}
          label="Applies to"
          options={subscriptionOptions(subscriptions.data, "Every invoice of the customer")}
        />
        <div className="filters-actions">
          <SubmitButton busy={form.busy} label="Redeem coupon" busyLabel="Redeeming…" />
        </div>
      </div>
    </FormFrame>
  );
}

function RemoveDialog({
  customerId,
  redemption,
  ...closing
}: {
  customerId: string;
  redemption: CouponRedemption;
} & DialogClosing) {
  const remove = useDialogStep(closing, {
    call: (reason: string) =>
      api.DELETE("/v1/customers/{id}/coupons/{redemption_id}", {
        params: { path: { id: customerId, redemption_id: redemption.id }, header: reasonHeader(reason) },
      }),
    invalidates: redemptionChanges,
  });
  return (
    <ReasonDialog title={`Remove coupon ${redemption.coupon_code}?`} confirmLabel="Remove coupon" {...remove}>
      <p>Later invoices are no longer discounted. Invoices already issued keep their discount.</p>
    </ReasonDialog>
  );
}
