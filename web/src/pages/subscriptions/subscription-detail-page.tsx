// One subscription: its status, plan in force, periods and billing dates; its
// timeline of plan changes, cancellation and pauses; the changes a key that
// may bill can make; and the next invoice as it stands now, from live usage.
import { lazy, Suspense, useState } from "react";
import type { Customer, InvoicePreview, Subscription } from "../../api/resources.ts";
import { useApiResource } from "../../api/use-api.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { Detail } from "../catalog/version-content-view.tsx";
import { InvoiceLinesTable } from "../invoices/invoice-lines-table.tsx";
import { type SubscriptionAction, SubscriptionActionDialog } from "./subscription-action-dialog.tsx";
import { SubscriptionStatusBadge } from "./subscription-status.tsx";

const InvoiceBreakdownChart = lazy(() => import("../invoices/invoice-breakdown-chart.tsx"));

const outcomes: Record<SubscriptionAction, string> = {
  "change-plan": "The plan change is recorded.",
  cancel: "The cancellation is recorded.",
  pause: "The pause is recorded.",
  resume: "The subscription resumes.",
};

export function SubscriptionDetailPage({ subscriptionId }: { subscriptionId: string }) {
  const session = useSignedInSession();
  const request = useApiResource<Subscription>(`/v1/subscriptions/${encodeURIComponent(subscriptionId)}`);
  const customerId = request.state.status === "ready" ? request.state.data.customer_id : null;
  const customer = useApiResource<Customer>(
    customerId === null || !can(session, "customers:read")
      ? null
      : `/v1/customers/${encodeURIComponent(customerId)}`,
  );
  const [action, setAction] = useState<SubscriptionAction | undefined>();
  const [outcome, setOutcome] = useState("");
  const [previewGeneration, setPreviewGeneration] = useState(0);

  if (request.state.status !== "ready") {
    return (
      <>
        <PageHeader title="Subscription" />
        {request.state.status === "loading" && <LoadingState label="Loading the subscription…" />}
        {request.state.status === "error" && (
          <ErrorState error={request.state.error} onRetry={request.reload} />
        )}
      </>
    );
  }
  const subscription = request.state.data;
  const customerName =
    customer.state.status === "ready"
      ? (customer.state.data.name ?? customer.state.data.external_id)
      : subscription.customer_id;
  const locale = customer.state.status === "ready" ? customer.state.data.locale : undefined;
  const period = (start: string | null, end: string | null) =>
    start && end
      ? `${formatPeriodBound(start, subscription.timezone, locale)} – ${formatPeriodBound(end, subscription.timezone, locale)}`
      : "";
  const writable = can(session, "billing:write") && subscription.status !== "ended";
  const openPause = subscription.pauses.find(
    (pause) => pause.until === null || new Date(pause.until).getTime() > Date.now(),
  );

  return (
    <>
      <PageHeader
        title={`${subscription.current_plan.plan_code} for ${customerName}`}
        subtitle={
          <>
            <code>{subscription.id}</code> <SubscriptionStatusBadge status={subscription.status} />
          </>
        }
        actions={
          writable && (
            <>
              <button type="button" className="button" onClick={() => setAction("change-plan")}>
                Change plan
              </button>
              {openPause ? (
                <button type="button" className="button" onClick={() => setAction("resume")}>
                  Resume
                </button>
              ) : (
                <button type="button" className="button" onClick={() => setAction("pause")}>
                  Pause
                </button>
              )}
              {subscription.ends_at === null && (
                <button type="button" className="button button-danger" onClick={() => setAction("cancel")}>
                  Cancel
                </button>
              )}
            </>
          )
        }
      />
      <OutcomeMessage message={outcome} />
      <div className="panels">
        <section className="panel" aria-labelledby="subscription-details-title">
          <h2 id="subscription-details-title">Details</h2>
          <dl className="details">
            <Detail term="Customer">
              <Link to={customerPath(subscription.customer_id)}>{customerName}</Link>
            </Detail>
            <Detail term="Plan in force">
              <Link
                to={planVersionPath(subscription.current_plan.plan_id, subscription.current_plan.version)}
              >
                {subscription.current_plan.plan_code} version {subscription.current_plan.version}
              </Link>
            </Detail>
            <Detail term="Currency">{subscription.currency}</Detail>
            <Detail term="Periods">
              {subscription.billing === "calendar" ? "Calendar" : "Anniversary"}, in {subscription.timezone}
            </Detail>
            <Detail term="External id">{subscription.external_id}</Detail>
            <Detail term="Progressive billing">
              {subscription.progressive_billing_threshold &&
                `at ${formatMoney(subscription.progressive_billing_threshold, subscription.currency, locale)}`}
            </Detail>
          </dl>
        </section>
        <section className="panel" aria-labelledby="subscription-dates-title">
          <h2 id="subscription-dates-title">Dates</h2>
          <dl className="details">
            <Detail term="Started">{formatDateTime(subscription.started_at, locale)}</Detail>
            <Detail term="Trial">
              {subscription.trial_days === 0
                ? "No trial"
                : `${subscription.trial_days} days, until ${formatDateTime(subscription.trial_ends_at, locale)}`}
            </Detail>
            <Detail term="Current period">
              {period(subscription.current_period_start, subscription.current_period_end)}
            </Detail>
            <Detail term="Next billing">
              {subscription.next_billing_at && formatDateTime(subscription.next_billing_at, locale)}
            </Detail>
            <Detail term="Billed through">
              {subscription.billed_through && formatDateTime(subscription.billed_through, locale)}
            </Detail>
            <Detail term="Ends">
              {subscription.ends_at && formatDateTime(subscription.ends_at, locale)}
            </Detail>
          </dl>
        </section>
      </div>
      <Timeline subscription={subscription} locale={locale} />
      {can(session, "billing:read") && (
        <UpcomingInvoice key={previewGeneration} subscription={subscription} locale={locale} />
      )}
      {action && (
        <SubscriptionActionDialog
          action={action}
          subscription={subscription}
          locale={locale}
          onCancel={() => setAction(undefined)}
          onDone={(updated) => {
            setAction(undefined);
            request.replace(updated);
            setOutcome(outcomes[action]);
            setPreviewGeneration((generation) => generation + 1);
          }}
        />
      )}
    </>
  );
}

function Timeline({ subscription, locale }: { subscription: Subscription; locale: string | undefined }) {
  const events = [
    ...subscription.changes.map((change) => ({
      key: change.id,
      at: change.at,
      text:
        change.type === "cancel"
          ? `Canceled (${change.mode === "immediate" ? "at once" : "at period end"})`
          : `Moves to ${change.plan?.plan_code ?? "another plan"} version ${change.plan?.version ?? "?"}${change.migration_id ? " (plan migration)" : ""}`,
      by: change.created_by,
    })),
    ...subscription.pauses.map((pause) => ({
      key: pause.id,
      at: pause.from,
      text: pause.until ? `Paused until ${formatDateTime(pause.until, locale)}` : "Paused until resumed",
      by: pause.paused_by,
    })),
  ].sort((first, second) => first.at.localeCompare(second.at));

  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="review-trail">
        <li className="review-step">
          <strong>Started</strong>, {formatDateTime(subscription.started_at, locale)}
        </li>
        {events.map((event) => (
          <li key={event.key} className="review-step">
            <strong>{event.text}</strong>, {formatDateTime(event.at, locale)}{" "}
            <span className="muted">
              (recorded by <code>{event.by}</code>)
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function UpcomingInvoice({
  subscription,
  locale,
}: {
  subscription: Subscription;
  locale: string | undefined;
}) {
  const preview = useApiResource<InvoicePreview>(
    subscription.status === "ended"
      ? null
      : `/v1/customers/${encodeURIComponent(subscription.customer_id)}/upcoming-invoice?subscription_id=${encodeURIComponent(subscription.id)}`,
  );
  return (
    <section className="panel" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">Upcoming invoice</h2>
      {subscription.status === "ended" && (
        <EmptyState title="The subscription has ended: nothing more is billed." />
      )}
      {preview.state.status === "loading" && subscription.status !== "ended" && (
        <LoadingState label="Computing the upcoming invoice…" />
      )}
      {preview.state.status === "error" &&
        (preview.state.error.status === 404 ? (
          <EmptyState title="No upcoming invoice." />
        ) : (
          <ErrorState error={preview.state.error} onRetry={preview.reload} />
        ))}
      {preview.state.status === "ready" && (
        <>
          <p className="simulation-summary">
            Issued {formatDateTime(preview.state.data.issued_at, locale)}, as it stands now:{" "}
            <strong>
              {formatMoney(preview.state.data.amount_due, preview.state.data.currency, locale)} due
            </strong>
            .
          </p>
          {preview.state.data.lines.length > 0 && (
            <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
              <InvoiceBreakdownChart
                lines={preview.state.data.lines}
                currency={preview.state.data.currency}
                {...(locale === undefined ? {} : { locale })}
              />
            </Suspense>
          )}
          <InvoiceLinesTable
            lines={preview.state.data.lines}
            invoiceTotals={preview.state.data}
            currency={preview.state.data.currency}
            timeZone={subscription.timezone}
            label="Upcoming invoice lines"
            {...(locale === undefined ? {} : { locale })}
          />
        </>
      )}
    </section>
  );
}
