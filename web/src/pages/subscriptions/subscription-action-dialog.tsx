// The changes a subscription takes, each in a dialog with its own fields:
// change plan (another plan or version, now, at period end or at a date),
// cancel (at once or at period end), pause (from a date, until a date or
// open-ended) and resume. The API's field errors appear beside their fields.
// A plan change shows its effect on the next invoice before it is confirmed.
import { useCallback } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { RequestBody, Subscription } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { ConfirmDialog, type DialogClosing } from "../../ui/confirm-dialog.tsx";
import { DateTimeField, labelOptions, SelectField, TextField } from "../../ui/form-field.tsx";
import { refusalBesideNoField, useFormState } from "../../ui/form-state.ts";
import { PlanVersionChoice } from "../catalog/plan-choices.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { PlanChangePreview } from "./plan-change-preview.tsx";

export type SubscriptionAction = "change-plan" | "cancel" | "pause" | "resume";

export type PlanChange = RequestBody<"/v1/subscriptions/{id}/change-plan", "post">;
type Cancellation = RequestBody<"/v1/subscriptions/{id}/cancel", "post">;

const timingLabels: Record<NonNullable<PlanChange["timing"]>, string> = {
  immediate: "Now",
  period_end: "At the end of the current period",
  at: "At a date",
};

const cancellationLabels: Record<NonNullable<Cancellation["mode"]>, string> = {
  period_end: "At the end of the period",
  immediate: "At once",
};

type ActionValues = {
  plan_id: string;
  plan_version: string;
  timing: keyof typeof timingLabels;
  mode: keyof typeof cancellationLabels;
  at: string;
  until: string;
  reason: string;
};

const titles: Record<SubscriptionAction, string> = {
  "change-plan": "Change the plan?",
  cancel: "Cancel the subscription?",
  pause: "Pause the subscription?",
  resume: "Resume the subscription?",
};

const confirmLabels: Record<SubscriptionAction, string> = {
  "change-plan": "Change plan",
  cancel: "Cancel subscription",
  pause: "Pause",
  resume: "Resume",
};

const explanations: Record<SubscriptionAction, string> = {
  "change-plan":
    "The rest of the period is prorated: unused fixed fees are credited and the new plan's are charged for the days left.",
  cancel: "Canceled at once, the unused part of fixed fees paid in advance is credited.",
  pause: "Invoices that fall due while paused are skipped.",
  resume: "Billing goes on from the end of the pause.",
};

function atOf(values: ActionValues): { at?: string } {
  return instantIfGiven("at", values.at);
}

function planChangeOf(values: ActionValues): PlanChange {
  return {
    plan_id: values.plan_id,
    ...(values.plan_version === "" ? {} : { plan_version: Number(values.plan_version) }),
    timing: values.timing,
    ...(values.timing === "at" ? atOf(values) : {}),
  };
}

/** Makes the change on the API; answers the subscription as it is after it. */
function makeChange(action: SubscriptionAction, subscription: Subscription, values: ActionValues) {
  const request = { params: { path: { id: subscription.id }, header: reasonHeader(values.reason) } };
  switch (action) {
    case "change-plan":
      return answer(
        api.POST("/v1/subscriptions/{id}/change-plan", { ...request, body: planChangeOf(values) }),
      );
    case "cancel":
      return answer(
        api.POST("/v1/subscriptions/{id}/cancel", {
          ...request,
          body: { mode: values.mode, ...atOf(values) },
        }),
      );
    case "pause":
      return answer(
        api.POST("/v1/subscriptions/{id}/pause", {
          ...request,
          body: {
            ...atOf(values),
            ...instantIfGiven("until", values.until),
          },
        }),
      );
    case "resume":
      return answer(api.POST("/v1/subscriptions/{id}/resume", { ...request, body: atOf(values) }));
  }
}

export function SubscriptionActionDialog({
  action,
  subscription,
  locale,
  onDone,
  onCancel,
}: {
  action: SubscriptionAction;
  subscription: Subscription;
  /** The customer's locale, for the amounts of the plan change preview. */
  locale?: string | undefined;
} & DialogClosing<Subscription>) {
  const check = useCallback(
    (values: ActionValues) => {
      const checks = new FieldChecks();
      if (action === "change-plan") {
        checks.required("plan_id", values.plan_id, "choose a plan");
        if (values.timing === "at") checks.required("at", values.at, "choose when");
      }
      return checks.errors;
    },
    [action],
  );
  const initial = useCallback(
    (): ActionValues => ({
      plan_id: subscription.current_plan.plan_id,
      plan_version: "",
      timing: "immediate",
      mode: "period_end",
      at: "",
      until: "",
      reason: "",
    }),
    [subscription],
  );
  const form = useFormState<ActionValues>(initial, check);
  const { values } = form;
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  const placed = new Set(["plan_id", "plan_version", "timing", "mode", "at", "until"]);
  const unplacedDetail = refusalBesideNoField(form, placed);

  // A change moves the subscription's invoices to come, and the customer's.
  const change = useApiMutation({
    write: (current: ActionValues) => makeChange(action, subscription, current),
    invalidates: ["/v1/subscriptions", "/v1/customers/{id}", "/v1/invoices"],
    answers: apiQuery("/v1/subscriptions/{id}", { params: { path: { id: subscription.id } } }),
    onSuccess: onDone,
  });
  const confirm = () => void form.submit(change.mutateAsync);

  const dateField = (label: string, hint: string) => (
    <DateTimeField {...form.bind("at")} label={label} hint={`${hint} In your time zone (${timeZone}).`} />
  );

  return (
    <ConfirmDialog
      open
      title={titles[action]}
      confirmLabel={confirmLabels[action]}
      tone={action === "cancel" ? "danger" : "primary"}
      busy={form.busy}
      error={unplacedDetail}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{explanations[action]}</p>
      {action === "change-plan" && (
        <>
          <PlanVersionChoice
            form={form}
            versionLabel="Version"
            inEffectLabel="The version in effect when the change takes effect"
          />
          <SelectField {...form.bind("timing")} label="When" options={labelOptions(timingLabels)} />
          {values.timing === "at" && dateField("Change at", "When the change takes effect.")}
          <PlanChangePreview
            subscriptionId={subscription.id}
            body={
              values.plan_id === "" || (values.timing === "at" && values.at === "")
                ? null
                : planChangeOf(values)
            }
            {...(locale === undefined ? {} : { locale })}
          />
        </>
      )}
      {action === "cancel" && (
        <>
          <SelectField {...form.bind("mode")} label="Ends" options={labelOptions(cancellationLabels)} />
          {dateField("As of", "Optional: now when empty.")}
        </>
      )}
      {action === "pause" && (
        <>
          {dateField("Pause from", "Optional: now when empty.")}
          <DateTimeField
            {...form.bind("until")}
            label="Pause until"
            hint="Optional: until resumed when empty."
          />
        </>
      )}
      {action === "resume" && dateField("Resume at", "Optional: now when empty.")}
      <TextField {...form.bind("reason")} label="Reason" hint="Optional. Kept in the audit log." />
    </ConfirmDialog>
  );
}
