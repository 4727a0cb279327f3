// The reconciliation of a month: every event from ingestion to the invoice
// that billed it, each difference with its cause and what it costs at
// current prices, invoices against payments and receivables, and revenue
// leakage per 1,000 events. The month-end close sits below: a month can be
// closed once it reconciles and its checklist passes.

import { useQuery } from "@tanstack/react-query";
import { apiQuery } from "../../api/queries.ts";
import type { AmountInCurrency, Reconciliation } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Detail } from "../../ui/detail.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { DetailsPanel, Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { MonthEndClosePanel } from "./month-end-close-panel.tsx";
import { MonthPicker, usePeriodInAddress } from "./month-picker.tsx";
import { periodLabel } from "./period-month.ts";
import { DifferencesTable, ReceivablesSection, UsageRowsTable } from "./reconciliation-tables.tsx";

export function ReconciliationPage() {
  const period = usePeriodInAddress();
  const reconciliation = useQuery(apiQuery("/v1/reconciliation", { params: { query: { period } } }));
  return (
    <>
      <PageHeader
        title="Reconciliation"
        subtitle="Usage from events to invoices, invoices against payments, and the revenue that leaked."
      />
      <div className="filters">
        <MonthPicker path="/reconciliation" period={period} />
      </div>
      <ResourceView resource={reconciliation} loadingLabel={`Reconciling ${periodLabel(period)}…`}>
        {(loaded) => <ReconciliationView reconciliation={loaded} />}
      </ResourceView>
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
      <Panel title={periodLabel(reconciliation.period)}>
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
          <Detail term="Events ingested">
            {usage.events_ingested}
            {usage.events_voided > 0 && ` (${usage.events_voided} voided, not counted)`}
          </Detail>
          <Detail term="Attributed to a customer">{usage.events_attributed}</Detail>
          <Detail term="Matched by a meter">{usage.events_matched}</Detail>
          <Detail term="Billed">{usage.events_billed}</Detail>
        </dl>
      </Panel>

      <DetailsPanel title="Revenue leakage">
        <Detail term="Per 1,000 events">{leakage.per_thousand_events} leaking events</Detail>
        <Detail term="Leaking events">
          {leakage.events}
          {leakage.unpriced_events > 0 && ` (${leakage.unpriced_events} that nothing prices)`}
        </Detail>
        <Detail term="Amount at current prices">{amountsText(leakage.amounts)}</Detail>
        <Detail term="Amount per 1,000 events">{amountsText(leakage.amounts_per_thousand_events)}</Detail>
      </DetailsPanel>

      <Panel title="Usage differences">
        <DifferencesTable differences={usage.differences} />
      </Panel>

      <Panel title="Usage by meter and customer">
        <UsageRowsTable rows={usage.rows} />
      </Panel>

      <ReceivablesSection receivables={reconciliation.receivables} />
    </>
  );
}
