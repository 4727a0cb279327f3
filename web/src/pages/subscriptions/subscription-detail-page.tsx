// One subscription: its status, plan in force, periods and billing dates; its
// timeline of plan changes, cancellation and pauses; the changes a key that
// may bill can make; and the next invoice as it stands now, from live usage.
import { useQuery } from "@tanstack/react-query";
import { apiQuery } from "../../api/queries.ts";
import type { Subscription } from "../../api/resources.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { BarChart, moneyTicks } from "../../ui/bar-chart.tsx";
import { useActionOutcome } from "../../ui/confirm-dialog.tsx";
import { Detail } from "../../ui/detail.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { DetailsPanel, Panel } from "../../ui/panel.tsx";
import { InvoiceLinesTable, shownLine } from "../invoices/invoice-lines-table.tsx";
import { useQuantityDisplayDecimals } from "../invoices/quantity-display-decimals.ts";
import { UpcomingInvoicePanel } from "../invoices/upcoming-invoice-panel.tsx";
import { type SubscriptionAction, SubscriptionActionDialog } from "./subscription-action-dialog.tsx";
import { SubscriptionStatusBadge } from "./subscription-status.tsx";

const outcomes: Record<SubscriptionAction, string> = {
  "change-plan": "The plan change is recorded.",
  cancel: "The cancellation is recorded.",
  pause: "The pause is recorded.",
  resume: "The subscription resumes.",
};

/** The page of one subscription, once it is read (the router reads it). */
export function SubscriptionDetailPage({ subscription }: { subscription: Subscription }) {
  const session = useSignedInSession();
  const customer = useQuery({
    ...apiQuery("/v1/customers/{id}", { params: { path: { id: subscription.customer_id } } }),
    enabled: can(session, "customers:read"),
  });
  const action = useActionOutcome(outcomes);
  const customerName = customer.data
    ? (customer.data.name ?? customer.data.external_id)
    : subscription.customer_id;
  const locale = customer.data?.locale;
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
              <button type="button" className="button" onClick={() => action.ask("change-plan")}>
                Change plan
              </button>
              {openPause ? (
                <button type="button" className="button" onClick={() => action.ask("resume")}>
                  Resume
                </button>
              ) : (
                <button type="button" className="button" onClick={() => action.ask("pause")}>
                  Pause
                </button>
              )}
              {subscription.ends_at === null && (
                <button type="button" className="button button-danger" onClick={() => action.ask("cancel")}>
                  Cancel
                </button>
              )}
            </>
          )
        }
      />
      <OutcomeMessage message={action.outcome} />
      <div className="panels">
        <DetailsPanel title="Details">
          <Detail term="Customer">
            <Link to={customerPath(subscription.customer_id)}>{customerName}</Link>
          </Detail>
          <Detail term="Plan in force">
            <Link to={planVersionPath(subscription.current_plan.plan_id, subscription.current_plan.version)}>
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
        </DetailsPanel>
        <DetailsPanel title="Dates">
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
          <Detail term="Ends">{subscription.ends_at && formatDateTime(subscription.ends_at, locale)}</Detail>
        </DetailsPanel>
      </div>
      <Timeline subscription={subscription} locale={locale} />
      {can(session, "billing:read") && <UpcomingInvoice subscription={subscription} locale={locale} />}
      {action.asking && (
        <SubscriptionActionDialog
          action={action.asking}
          subscription={subscription}
          locale={locale}
          {...action.closing}
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
    <Panel title="Timeline">
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
    </Panel>
  );
}

function UpcomingInvoice({
  subscription,
  locale,
}: {
  subscription: Subscription;
  locale: string | undefined;
}) {
  const displayDecimals = useQuantityDisplayDecimals();
  return (
    <UpcomingInvoicePanel
      customerId={subscription.customer_id}
      subscriptionId={subscription.id}
      nothingBilled={subscription.status === "ended" && "The subscription has ended: nothing more is billed."}
    >
      {(upcoming) => {
        const money = (amount: string) => formatMoney(amount, upcoming.currency, locale);
        return (
          <>
            <p className="simulation-summary">
              Issued {formatDateTime(upcoming.issued_at, locale)}, as it stands now:{" "}
              <strong>{money(upcoming.amount_due)} due</strong>.
            </p>
            {upcoming.lines.length > 0 && (
              <BarChart
                label="Invoice by line"
                describeValues
                orientation="rows"
                className="chart-area chart-breakdown"
                style={{ height: Math.max(120, upcoming.lines.length * 44 + 40) }}
                series={[{ key: "amount", name: "Amount" }]}
                points={upcoming.lines.map((line) => ({
                  label: line.charge_id ?? line.description,
                  values: { amount: line.amount },
                }))}
                formatValue={money}
                formatTick={moneyTicks(upcoming.currency, locale)}
              />
            )}
            <InvoiceLinesTable
              lines={upcoming.lines.map(shownLine)}
              invoiceTotals={upcoming}
              currency={upcoming.currency}
              timeZone={subscription.timezone}
              label="Upcoming invoice lines"
              displayDecimals={displayDecimals}
              {...(locale === undefined ? {} : { locale })}
            />
          </>
        );
      }}
    </UpcomingInvoicePanel>
  );
}
