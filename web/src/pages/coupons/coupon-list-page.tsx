// Coupons: percentage or fixed discounts for once, a number of invoices or
// forever, optionally limited to plans or meters, with redemption limits and
// a last day to redeem. Listed with how often each was redeemed; created
// and archived here.
import { useCallback, useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { useAllPages, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Coupon, QueryOf, RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CodeAndNameFields } from "../../ui/code-and-name-fields.tsx";
import { closedBy, type DialogClosing, ReasonDialog, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { type FilterField, FilterForm, useFilters } from "../../ui/filter-form.tsx";
import { archivedFilter } from "../../ui/filtered-list-page.tsx";
import {
  CheckboxField,
  CurrencyField,
  DateTimeField,
  DecimalField,
  labelOptions,
  SelectField,
  WholeNumberField,
} from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ReferenceLists } from "../../ui/reference-lists.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { discountText, durationText } from "./coupon-text.ts";

const filterFields: FilterField<keyof QueryOf<"/v1/coupons">>[] = [
  archivedFilter("Show", ["Coupons in use", "Archived coupons"]),
];

export function CouponListPage() {
  const session = useSignedInSession();
  const filters = useFilters<QueryOf<"/v1/coupons">>(filterFields);
  const archived = filters.query.archived === true;
  const list = usePagedList("/v1/coupons", { params: { query: { ...filters.query, limit: 50 } } });
  const [archiving, setArchiving] = useState<Coupon | undefined>();
  const writable = can(session, "billing:write");
  const plans = useAllPages("/v1/plans");
  const planCode = (id: string) => plans.data?.find((plan) => plan.id === id)?.code ?? id;

  return (
    <>
      <PageHeader title="Coupons" subtitle="Discounts customers redeem, for one invoice, several or all." />
      {writable && <CreateCouponForm />}
      <Panel title={archived ? "Archived coupons" : "Coupons in use"}>
        <FilterForm basePath="/coupons" fields={filterFields} label="Filter coupons" />
        <PagedListView list={list} noun={["coupon", "coupons"]} empty="No coupons.">
          {(coupons) => (
            <DataTable
              label="Coupons table"
              rows={coupons}
              rowKey={(coupon) => coupon.id}
              columns={[
                {
                  header: "Coupon",
                  cell: (coupon) => (
                    <>
                      <code>{coupon.code}</code>
                      <span className="actor-id">{coupon.name}</span>
                    </>
                  ),
                },
                { header: "Discount", cell: (coupon) => `${discountText(coupon)}, ${durationText(coupon)}` },
                {
                  header: "Applies to",
                  cell: (coupon) =>
                    coupon.applies_to.plan_ids.length === 0 && coupon.applies_to.meter_codes.length === 0
                      ? "Every line"
                      : [
                          ...coupon.applies_to.plan_ids.map((id) => `plan ${planCode(id)}`),
                          ...coupon.applies_to.meter_codes.map((code) => `meter ${code}`),
                        ].join(", "),
                },
                {
                  header: "Redeemed",
                  cell: (coupon) =>
                    `${coupon.redemption_count}${coupon.max_redemptions !== null ? ` of ${coupon.max_redemptions}` : ""}`,
                },
                {
                  header: "Redeem by",
                  cell: (coupon) => (coupon.redeem_by ? formatDateTime(coupon.redeem_by) : "—"),
                },
                {
                  header: <span className="visually-hidden">Actions</span>,
                  className: "row-actions",
                  cell: (coupon) =>
                    writable &&
                    coupon.archived_at === null && (
                      <RowButton
                        label="Archive"
                        of={coupon.code}
                        onClick={() => setArchiving(coupon)}
                        danger
                      />
                    ),
                },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
      {archiving && <ArchiveDialog coupon={archiving} {...closedBy(() => setArchiving(undefined))} />}
    </>
  );
}

const discountLabels: Record<Coupon["type"], string> = {
  percentage: "A percentage",
  fixed: "A fixed amount",
};

const durationLabels: Record<Coupon["duration"], string> = {
  once: "The first invoice",
  repeating: "A number of invoices",
  forever: "Every invoice",
};

type CouponValues = {
  code: string;
  name: string;
  type: Coupon["type"];
  percent: string;
  amount: string;
  currency: string;
  duration: Coupon["duration"];
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

function couponBody(values: CouponValues): RequestBody<"/v1/coupons", "post"> {
  const appliesTo = {
    ...(values.plan_ids.length === 0 ? {} : { plan_ids: values.plan_ids }),
    ...(values.meter_codes.length === 0 ? {} : { meter_codes: values.meter_codes }),
  };
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    type: values.type,
    ...(values.type === "percentage"
      ? { percent: values.percent.trim() }
      : { amount: values.amount.trim(), currency: values.currency.trim().toUpperCase() }),
    duration: values.duration,
    ...(values.duration === "repeating" ? { duration_invoices: Number(values.duration_invoices) } : {}),
    ...(Object.keys(appliesTo).length === 0 ? {} : { applies_to: appliesTo }),
    ...(values.max_redemptions.trim() === "" ? {} : { max_redemptions: Number(values.max_redemptions) }),
    ...instantIfGiven("redeem_by", values.redeem_by),
  };
}

function CreateCouponForm() {
  const plans = useAllPages("/v1/plans");
  const meters = useAllPages("/v1/meters");
  const form = useFormState<CouponValues>(emptyCoupon, checkCoupon);
  const { values } = form;
  const toggle = useCallback(
    (name: "plan_ids" | "meter_codes", value: string, checked: boolean) =>
      form.set(name, checked ? [...values[name], value] : values[name].filter((item) => item !== value)),
    [form.set, values],
  );
  const placed = new Set(Object.keys(emptyCoupon()));
  const create = useApiMutation({
    call: (current: CouponValues) => api.POST("/v1/coupons", { body: couponBody(current) }),
    invalidates: ["/v1/coupons"],
  });

  return (
    <Panel title="Create a coupon">
      <FormFrame
        form={form}
        refusedTitle="The coupon was not created"
        onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
        placed={placed}
        before={<ReferenceLists />}
      >
        <div className="field-grid">
          <CodeAndNameFields form={form} codeHint="What customers type, such as SPRING25." />
          <SelectField {...form.bind("type")} label="Discount" options={labelOptions(discountLabels)} />
          {values.type === "percentage" ? (
            <DecimalField
              {...form.bind("percent")}
              label="Percent off"
              required
              hint="More than 0, at most 100."
            />
          ) : (
            <>
              <DecimalField {...form.bind("amount")} label="Amount off" required hint="Off each invoice." />
              <CurrencyField {...form.bind("currency")} required />
            </>
          )}
          <SelectField {...form.bind("duration")} label="Lasts" options={labelOptions(durationLabels)} />
          {values.duration === "repeating" && (
            <WholeNumberField {...form.bind("duration_invoices")} label="Invoices" required />
          )}
          <WholeNumberField
            {...form.bind("max_redemptions")}
            label="Redemptions allowed"
            hint="Empty: no limit."
          />
          <DateTimeField {...form.bind("redeem_by")} label="Redeem by" hint="Empty: no last day." />
        </div>
        <fieldset className="choice-list">
          <legend>Only on these plans</legend>
          {plans.data?.length === 0 && <p className="field-hint">No plans yet.</p>}
          {plans.data?.map((plan) => (
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
          {meters.data?.map((meter) => (
            <CheckboxField
              key={meter.id}
              label={`${meter.name} (${meter.code})`}
              checked={values.meter_codes.includes(meter.code)}
              onCheckedChange={(checked) => toggle("meter_codes", meter.code, checked)}
            />
          ))}
          <p className="field-hint">None chosen: every line.</p>
        </fieldset>
        <SubmitButton busy={form.busy} label="Create coupon" busyLabel="Creating…" />
      </FormFrame>
    </Panel>
  );
}

function ArchiveDialog({ coupon, ...closing }: { coupon: Coupon } & DialogClosing) {
  const archive = useDialogStep(closing, {
    call: (reason: string) =>
      api.POST("/v1/coupons/{id}/archive", {
        params: { path: { id: coupon.id }, header: reasonHeader(reason) },
        body: {},
      }),
    invalidates: ["/v1/coupons"],
  });
  return (
    <ReasonDialog title={`Archive coupon ${coupon.code}?`} confirmLabel="Archive coupon" {...archive}>
      <p>It can no longer be redeemed. Redemptions already made keep discounting their invoices.</p>
    </ReasonDialog>
  );
}
