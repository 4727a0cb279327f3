// The reconciliation of a month: every event from ingestion to the invoice
// that billed it, each difference with its cause and what it costs at
// current prices, invoices against payments and receivables, and revenue
// leakage per 1,000 events. The month-end close sits below: a month can be
// closed once it reconciles and its checklist passes.

import type { AmountInCurrency, Reconciliation } from "../../api/resources.ts";
import { useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { useLocation } from "../../routing/router.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { MonthEndClosePanel } from "./month-end-close-panel.tsx";
import { MonthPicker } from "./month-picker.tsx";
import { isPeriod, periodLabel, previousMonth } from "./period-month.ts";
import { DifferencesTable, ReceivablesSection, UsageRowsTable } from "./reconciliation-tables.tsx";

export function ReconciliationPage() {
  const { query } = useLocation();
  const asked = query.get("period") ?? "";
  const period = isPeriod(asked) ? asked : previousMonth(new Date());
  const reconciliation = useApiResource<Reconciliation>(
    `/v1/reconciliation?period=${encodeURIComponent(period)}`,
  );
  return (
    <>
      <PageHeader
        title="Reconciliation"
        subtitle="Usage from events to invoices, invoices against payments, and the revenue that leaked."
      />
      <div className="filters">
        <MonthPicker path="/reconciliation" period={period} />
      </div>
      {reconciliation.state.status === "loading" && (
        <LoadingState label={`Reconciling ${periodLabel(period)}…`} />
      )}
      {reconciliation.state.status === "error" && (
        <ErrorState error={reconciliation.state.error} onRetry={reconciliation.reload} />
      )}
      {reconciliation.state.status === "ready" && (
        <ReconciliationView reconciliation={reconciliation.state.data} />
      )}
      <MonthEndClosePanel key={period} period={period} />
    </>
  );
}

function amountsText(amounts: AmountInCurrency[]): string {
  if (amounts.length === 0) return "Nothing priced";
  return amounts.map((entry) => formatMoney(entry.amount, entry.currency)).join(", ");
}

function ReconciliationView({ reconciliation }: { reconciliation: Reconciliation }) {
  const { usage, leakage } = reconciliation;
  const differenceCount = usage.differences.length + reconciliation.receivables.differences.length;
  return (
    <>
      <section className="panel" aria-labelledby="reconciliation-summary-title">
        <h2 id="reconciliation-summary-title">{periodLabel(reconciliation.period)}</h2>
        {reconciliation.clean ? (
          <p className="reconciliation-verdict" role="status">
            <span className="badge badge-success">Clean</span> Every event was billed and every invoice agrees
            with its payments: no difference of any kind.
          </p>
        ) : (
          <p className="notice reconciliation-verdict" role="status">
            <strong>Not clean:</strong> {differenceCount}{" "}
            {differenceCount === 1 ? "difference" : "differences"} to explain (
            {usage.events_by_category.leakage} events leaked, {usage.events_by_category.mismatch} miscounted,{" "}
            {usage.events_by_category.pending} pending, {usage.events_by_category.by_design} not billed by
            design).
          </p>
        )}
        <p className="field-hint">
          In {reconciliation.timezone} time; reconciled {formatDateTime(reconciliation.generated_at)}.
        </p>
        <dl className="details">
          <div className="detail">
            <dt>Events ingested</dt>
            <dd>
              {usage.events_ingested}
              {usage.events_voided > 0 && ` (${usage.events_voided} voided, not counted)`}
            </dd>
          </div>
          <div className="detail">
            <dt>Attributed to a customer</dt>
            <dd>{usage.events_attributed}</dd>
          </div>
          <div className="detail">
            <dt>Matched by a meter</dt>
            <dd>{usage.events_matched}</dd>
          </div>
          <div className="detail">
            <dt>Billed</dt>
            <dd>{usage.events_billed}</dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="leakage-title">
        <h2 id="leakage-title">Revenue leakage</h2>
        <dl className="details">
          <div className="detail">
            <dt>Per 1,000 events</dt>
            <dd>{leakage.per_thousand_events} leaking events</dd>
          </div>
          <div className="detail">
            <dt>Leaking events</dt>
            <dd>
              {leakage.events}
              {leakage.unpriced_events > 0 && ` (${leakage.unpriced_events} that nothing prices)`}
            </dd>
          </div>
          <div className="detail">
            <dt>Amount at current prices</dt>
            <dd>{amountsText(leakage.amounts)}</dd>
          </div>
          <div className="detail">
            <dt>Amount per 1,000 events</dt>
            <dd>{amountsText(leakage.amounts_per_thousand_events)}</dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="differences-title">
        <h2 id="differences-title">Usage differences</h2>
        <DifferencesTable differences={usage.differences} />
      </section>

      <section className="panel" aria-labelledby="usage-rows-title">
        <h2 id="usage-rows-title">Usage by meter and customer</h2>
        <UsageRowsTable rows={usage.rows} />
      </section>

      <ReceivablesSection receivables={reconciliation.receivables} />
    </>
  );
}
