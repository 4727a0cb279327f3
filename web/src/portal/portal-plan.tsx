// The customer's plan: each subscription's current plan by its name, the
// plans the seller lets it move to (each behind a dialog that says what
// happens), and a cancellation at the end of the period when the seller
// allows one. Where the seller reviews plan changes, a switch waits for the
// seller's approval: the portal shows it as awaiting approval until then.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApiMutation } from "../api/queries.ts";
import type { PortalPlanOption, PortalProfile, PortalSubscriptionOptions } from "../api/resources.ts";
import { formatPeriodBound } from "../format/date-format.ts";
import { ConfirmDialog, confirming } from "../ui/confirm-dialog.tsx";
import { StatusMessage } from "../ui/outcome-message.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";

/** What a change here refreshes: the plans, and the cost and usage they bill. */
const planChanged = ["/v1/portal/plan-options", "/v1/portal/upcoming-invoice", "/v1/portal/usage"] as const;

export function PortalPlan({ profile }: { profile: PortalProfile }) {
  const options = useQuery(portalQuery("/v1/portal/plan-options"));
  return (
    <Panel title="Plan">
      <ResourceView
        resource={options}
        loadingLabel="Loading your plan…"
        empty={<p>You have no subscription.</p>}
      >
        {({ data }) =>
          data.map((entry) => (
            <SubscriptionPlan key={entry.subscription.id} entry={entry} profile={profile} />
          ))
        }
      </ResourceView>
    </Panel>
  );
}

function SubscriptionPlan({ entry, profile }: { entry: PortalSubscriptionOptions; profile: PortalProfile }) {
  const { subscription } = entry;
  const [done, setDone] = useState<string | undefined>();
  const dateOf = (value: string) => formatPeriodBound(value, profile.timezone, profile.locale);
  return (
    <section className="portal-plan" aria-label={`Subscription to ${entry.current_plan_name}`}>
      <dl className="portal-figures">
        <div className="portal-figure">
          <dt>Current plan</dt>
          <dd>{entry.current_plan_name}</dd>
          {subscription.ends_at !== null ? (
            <dd className="muted">Ends on {dateOf(subscription.ends_at)}</dd>
          ) : (
            subscription.current_period_end !== null && (
              <dd className="muted">Renews on {dateOf(subscription.current_period_end)}</dd>
            )
          )}
        </div>
        {entry.awaiting_approval !== null && (
          <div className="portal-figure">
            <dt>Awaiting approval</dt>
            <dd>{entry.awaiting_approval.plan_name}</dd>
            <dd className="muted">
              Asked on {dateOf(entry.awaiting_approval.requested_at)}: your provider will confirm the switch.
            </dd>
          </div>
        )}
      </dl>
      {entry.awaiting_approval === null && entry.plan_options.length > 0 && (
        <ul className="portal-alert-list" aria-label="Plans you can switch to">
          {entry.plan_options.map((option) => (
            <PlanOption
              key={option.plan_id}
              subscriptionId={subscription.id}
              option={option}
              onDone={setDone}
            />
          ))}
        </ul>
      )}
      {entry.can_cancel && subscription.current_period_end !== null && (
        <CancelAtPeriodEnd
          subscriptionId={subscription.id}
          endsOn={dateOf(subscription.current_period_end)}
          onDone={setDone}
        />
      )}
      {done && <StatusMessage>{done}</StatusMessage>}
    </section>
  );
}

function PlanOption({
  subscriptionId,
  option,
  onDone,
}: {
  subscriptionId: string;
  option: PortalPlanOption;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const change = useApiMutation({
    call: () =>
      portalApi.POST("/v1/portal/subscriptions/{id}/change-plan", {
        params: { path: { id: subscriptionId } },
        body: { plan_code: option.plan_code, timing: "immediate" },
      }),
    invalidates: planChanged,
    onSuccess: (answered) => {
      setOpen(false);
      onDone(
        answered.outcome === "awaiting_approval"
          ? `Your provider will confirm the switch to ${option.plan_name}: it is made when they approve it.`
          : `You are now on ${option.plan_name}.`,
      );
    },
  });
  return (
    <li>
      <strong>{option.plan_name}</strong>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          change.reset();
          setOpen(true);
        }}
      >
        Switch to {option.plan_name}
      </button>
      <ConfirmDialog
        open={open}
        title={`Switch to ${option.plan_name}?`}
        confirmLabel={`Switch to ${option.plan_name}`}
        tone="primary"
        onCancel={() => setOpen(false)}
        {...confirming(change)}
      >
        <p>
          Your subscription moves to {option.plan_name} now. The rest of this billing period is prorated: you
          pay your current plan for the days so far and {option.plan_name} for the days left, on your
          invoices.
        </p>
      </ConfirmDialog>
    </li>
  );
}

function CancelAtPeriodEnd({
  subscriptionId,
  endsOn,
  onDone,
}: {
  subscriptionId: string;
  endsOn: string;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const cancel = useApiMutation({
    call: () =>
      portalApi.POST("/v1/portal/subscriptions/{id}/cancel", { params: { path: { id: subscriptionId } } }),
    invalidates: planChanged,
    onSuccess: () => {
      setOpen(false);
      onDone(`Your subscription ends on ${endsOn}.`);
    },
  });
  return (
    <div className="portal-actions">
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          cancel.reset();
          setOpen(true);
        }}
      >
        Cancel subscription
      </button>
      <ConfirmDialog
        open={open}
        title="Cancel your subscription?"
        confirmLabel={`Yes, end it on ${endsOn}`}
        onCancel={() => setOpen(false)}
        {...confirming(cancel)}
      >
        <p>
          Your subscription stays active, and is billed, until {endsOn}; then it ends. You cannot undo this
          here.
        </p>
      </ConfirmDialog>
    </div>
  );
}
