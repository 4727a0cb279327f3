// Home: what a billing team looks at first, each figure a link to the list
// behind it. MRR and ARR at the end of last month with the month's movements,
// revenue recognized this month, the forecast of this month's invoices,
// what is overdue by age, failed payments, approvals waiting, held drafts and
// customers whose events match no customer. "This month" is the month after
// the KPIs' last full month, in the finance time zone and on the
// environment's clock (a test clock too), not the browser's.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { apiQuery, type GetData } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";
import { Link } from "../../routing/link.tsx";
import { can, type Permission, useSignedInSession } from "../../session/session-context.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { type Resource, ResourceView } from "../../ui/resource-view.tsx";
import { nextPeriod, periodLabel } from "../finance/period-month.ts";
import { ageingLabels } from "../invoices/ageing-panel.tsx";
import { type Counted, counted, countText, MovementList } from "./home-figures.tsx";

type Kpis = GetData<"/v1/kpis">;

export function HomePage() {
  const session = useSignedInSession();
  const shows = (permission: Permission) => can(session, permission);
  return (
    <>
      <PageHeader title="Home" subtitle="Where billing stands now; each figure opens the list behind it." />
      <div className="home-grid">
        {shows("finance:read") && <FinanceTiles />}
        {shows("billing:read") && <OverdueTile />}
        {shows("billing:read") && <FailedPaymentsTile />}
        {shows("billing:read") && <ApprovalsTile />}
        {shows("billing:read") && <HeldDraftsTile />}
        {shows("events:read") && <UnattributedTile />}
      </div>
    </>
  );
}

function FailedPaymentsTile() {
  const payments = useQuery(
    apiQuery("/v1/payments", { params: { query: { status: "failed", limit: 100 } } }),
  );
  return (
    <CountTile
      title="Failed payments"
      to="/payments?status=failed"
      counted={counted(payments)}
      noun={["failed payment", "failed payments"]}
    />
  );
}

function ApprovalsTile() {
  const requests = useQuery(
    apiQuery("/v1/approval-requests", { params: { query: { state: "pending", limit: 100 } } }),
  );
  return (
    <CountTile
      title="Approvals waiting"
      to="/approvals"
      counted={counted(requests)}
      noun={["request waits for approval", "requests wait for approval"]}
    />
  );
}

function HeldDraftsTile() {
  const holds = useQuery(
    apiQuery("/v1/invoice-holds", { params: { query: { status: "active", limit: 100 } } }),
  );
  return (
    <CountTile
      title="Held drafts"
      to="/held-drafts"
      counted={counted(holds)}
      noun={["draft is held", "drafts are held"]}
    />
  );
}

function CountTile({
  title,
  to,
  counted: resource,
  noun,
}: {
  title: string;
  to: string;
  counted: Resource<Counted>;
  noun: [string, string];
}) {
  return (
    <Tile title={title}>
      <ResourceView resource={resource} loadingLabel={`Counting ${title.toLowerCase()}…`}>
        {(loaded) => (
          <Link to={to} className="home-figure">
            {countText(loaded, noun)}
          </Link>
        )}
      </ResourceView>
    </Tile>
  );
}

function Tile({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Panel title={title} className="panel home-tile">
      {children}
    </Panel>
  );
}

function FinanceTiles() {
  const kpis = useQuery(apiQuery("/v1/kpis"));
  return (
    <>
      <Tile title="MRR and ARR">
        <ResourceView resource={kpis} loadingLabel="Computing MRR…">
          {(loaded) => <MrrFigures kpis={loaded} />}
        </ResourceView>
      </Tile>
      {kpis.data === undefined ? (
        <Tile title="Revenue this month">
          <ResourceView resource={kpis} loadingLabel="Finding this month…">
            {() => null}
          </ResourceView>
        </Tile>
      ) : (
        <RevenueTile month={nextPeriod(kpis.data.to)} />
      )}
      <Tile title="This month's invoices">
        <ResourceView resource={kpis} loadingLabel="Forecasting this month's invoices…">
          {(loaded) => <ForecastFigures kpis={loaded} />}
        </ResourceView>
      </Tile>
    </>
  );
}

function MrrFigures({ kpis }: { kpis: Kpis }) {
  const latest = kpis.mrr.filter((month) => month.period === kpis.to);
  if (latest.length === 0) return <p className="muted">No recurring revenue in {periodLabel(kpis.to)}.</p>;
  return (
    <>
      <p className="muted">At the end of {periodLabel(kpis.to)}</p>
      {latest.map((month) => (
        <div key={month.currency} className="home-currency">
          <Link to="/kpis" className="home-figure">
            {formatMoney(month.mrr, month.currency)} MRR
          </Link>
          <p>
            {formatMoney(month.arr, month.currency)} ARR · {month.customers}{" "}
            {month.customers === 1 ? "customer" : "customers"}
          </p>
          <MovementList month={month} />
        </div>
      ))}
    </>
  );
}

function RevenueTile({ month }: { month: string }) {
  const report = useQuery(apiQuery("/v1/revenue-report", { params: { query: { from: month, to: month } } }));
  return (
    <Tile title="Revenue this month">
      <ResourceView resource={report} loadingLabel="Reading this month's revenue…">
        {(loaded) => (
          <>
            <p className="muted">Recognized in {periodLabel(month)} so far</p>
            {loaded.rows.length === 0 ? (
              <Link to={`/revenue?from=${month}&to=${month}`} className="home-figure">
                Nothing recognized yet
              </Link>
            ) : (
              loaded.rows.map((row) => (
                <Link key={row.currency} to={`/revenue?from=${month}&to=${month}`} className="home-figure">
                  {formatMoney(row.recognized, row.currency)}
                </Link>
              ))
            )}
          </>
        )}
      </ResourceView>
    </Tile>
  );
}

function ForecastFigures({ kpis }: { kpis: Kpis }) {
  const byCurrency = new Map<string, string[]>();
  for (const customer of kpis.forecast.customers) {
    byCurrency.set(customer.currency, [...(byCurrency.get(customer.currency) ?? []), customer.total]);
  }
  return (
    <>
      <p className="muted">Forecast for {periodLabel(kpis.forecast.period)}, upcoming invoices</p>
      {byCurrency.size === 0 ? (
        <Link to="/kpis" className="home-figure">
          No invoices forecast
        </Link>
      ) : (
        [...byCurrency].map(([currency, totals]) => (
          <Link key={currency} to="/kpis" className="home-figure">
            {formatMoney(sumDecimalStrings(totals), currency)}{" "}
            <span className="actor-id">
              {totals.length} {totals.length === 1 ? "customer" : "customers"}
            </span>
          </Link>
        ))
      )}
    </>
  );
}

function OverdueTile() {
  const ageing = useQuery(apiQuery("/v1/receivables/ageing"));
  return (
    <Tile title="Overdue">
      <ResourceView resource={ageing} loadingLabel="Ageing receivables…">
        {(loaded) => {
          const overdue = loaded.currencies.flatMap((currency) =>
            currency.buckets
              .filter((bucket) => bucket.bucket !== "current" && bucket.invoices > 0)
              .map((bucket) => ({ ...bucket, currency: currency.currency })),
          );
          if (overdue.length === 0) {
            return (
              <Link to="/invoices?status=overdue" className="home-figure">
                Nothing overdue
              </Link>
            );
          }
          return (
            <ul className="plain-list">
              {overdue.map((bucket) => (
                <li key={`${bucket.currency}-${bucket.bucket}`}>
                  <Link to={`/invoices?ageing=${bucket.bucket}`}>
                    {ageingLabels[bucket.bucket]}: {formatMoney(bucket.amount, bucket.currency)}
                  </Link>{" "}
                  <span className="muted">
                    ({bucket.invoices} {bucket.invoices === 1 ? "invoice" : "invoices"})
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </ResourceView>
    </Tile>
  );
}

function UnattributedTile() {
  const unattributed = useQuery(apiQuery("/v1/events/unattributed", { params: { query: { limit: 100 } } }));
  return (
    <Tile title="Unattributed events">
      <ResourceView resource={unattributed} loadingLabel="Finding unattributed events…">
        {(loaded) => {
          const events = loaded.data.reduce((sum, customer) => sum + customer.event_count, 0);
          return (
            <Link to="/events" className="home-figure">
              {events === 0
                ? "Every event matches a customer"
                : `${events} ${events === 1 ? "event" : "events"} of ${loaded.data.length}${loaded.next_cursor ? "+" : ""} unknown ${loaded.data.length === 1 ? "customer" : "customers"}`}
            </Link>
          );
        }}
      </ResourceView>
    </Tile>
  );
}
