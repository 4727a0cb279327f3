// The journal of a month (kept in the address): its double-entry lines with
// accounts by name, whether it balances and its totals per currency, the
// whole month as CSV, and the month's exports (a fixed copy for the books,
// marked when the month has changed since), each downloadable; finance
// makes a new export here.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, type GetData, useApiMutation } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DownloadButton } from "../../ui/download-button.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";
import { MonthPicker, usePeriodInAddress } from "../finance/month-picker.tsx";
import { periodLabel } from "../finance/period-month.ts";

type Journal = GetData<"/v1/journal">;

export function JournalPage() {
  const period = usePeriodInAddress();
  const journal = useQuery(apiQuery("/v1/journal", { params: { query: { period } } }));
  return (
    <>
      <PageHeader
        title="Journal"
        subtitle="The double-entry lines of a month's invoices, credit notes, payments and revenue, for the books."
      />
      <div className="filters">
        <MonthPicker path="/journal" period={period} />
      </div>
      <JournalExportsPanel key={period} period={period} />
      <ResourceView resource={journal} loadingLabel={`Building the journal of ${periodLabel(period)}…`}>
        {(loaded) => <JournalLines journal={loaded} />}
      </ResourceView>
    </>
  );
}

function JournalLines({ journal }: { journal: Journal }) {
  return (
    <Panel
      title={`Lines of ${periodLabel(journal.period)}`}
      actions={
        <DownloadButton
          download={() =>
            answer(
              api.GET("/v1/journal/csv", { params: { query: { period: journal.period } }, parseAs: "blob" }),
            )
          }
          fileName={`journal-${journal.period}.csv`}
          label="Download CSV"
          accessibleName={`Download CSV of the journal of ${periodLabel(journal.period)}`}
          small
        />
      }
    >
      <p>
        {journal.balanced ? "Balanced" : "Not balanced"}: dates in {journal.timezone} time;{" "}
        {journal.totals
          .map(
            (total) =>
              `${formatMoney(total.debit, total.currency)} debit, ${formatMoney(total.credit, total.currency)} credit`,
          )
          .join("; ") || "no lines"}
        .
      </p>
      {journal.lines.length === 0 ? (
        <EmptyState title={`Nothing was booked in ${periodLabel(journal.period)}.`} />
      ) : (
        <DataTable
          label="Journal lines table"
          rows={journal.lines}
          rowKey={(line, index) => `${line.entry_id}-${index}`}
          columns={[
            { header: "Date", cell: (line) => line.date },
            {
              header: "Account",
              cell: (line) => (
                <>
                  {line.account_name}
                  <span className="actor-id">{line.account}</span>
                </>
              ),
            },
            { header: "Reference", cell: (line) => line.reference },
            { header: "Memo", cell: (line) => line.memo },
            {
              header: "Debit",
              numeric: true,
              cell: (line) => (line.debit === "" ? "" : formatMoney(line.debit, line.currency)),
            },
            {
              header: "Credit",
              numeric: true,
              cell: (line) => (line.credit === "" ? "" : formatMoney(line.credit, line.currency)),
            },
          ]}
        />
      )}
    </Panel>
  );
}

function JournalExportsPanel({ period }: { period: string }) {
  const session = useSignedInSession();
  const exports = useQuery(apiQuery("/v1/journal-exports", { params: { query: { period } } }));
  const [outcome, setOutcome] = useState<string | undefined>();
  const create = useApiMutation({
    call: () => api.POST("/v1/journal-exports", { body: { period } }),
    invalidates: ["/v1/journal-exports"],
    onSuccess: () => setOutcome(`The journal of ${periodLabel(period)} was exported.`),
  });
  return (
    <Panel
      title="Exports"
      actions={
        can(session, "finance:write") && (
          <button
            type="button"
            className="button"
            disabled={create.isPending}
            onClick={() => create.mutate()}
          >
            {create.isPending ? "Exporting…" : `Export ${periodLabel(period)}`}
          </button>
        )
      }
    >
      {outcome && <OutcomeMessage message={outcome} />}
      {create.error && <ErrorState error={create.error} title="The journal was not exported" />}
      <ResourceView
        resource={exports}
        loadingLabel="Reading the exports…"
        empty={<p className="muted">No export of {periodLabel(period)} yet.</p>}
      >
        {(loaded) => (
          <DataTable
            label="Journal exports table"
            rows={loaded.data}
            rowKey={(entry) => entry.id}
            columns={[
              { header: "Exported", cell: (entry) => formatDateTime(entry.created_at) },
              { header: "Lines", numeric: true, cell: (entry) => entry.entry_count },
              {
                header: "State",
                cell: (entry) => (entry.up_to_date ? "Up to date" : "The month changed since"),
              },
              {
                header: <span className="visually-hidden">File</span>,
                label: "File",
                className: "row-actions",
                cell: (entry) => (
                  <DownloadButton
                    download={() =>
                      answer(
                        api.GET("/v1/journal-exports/{id}/csv", {
                          params: { path: { id: entry.id } },
                          parseAs: "blob",
                        }),
                      )
                    }
                    fileName={`journal-${entry.period}-${entry.id}.csv`}
                    label="Download CSV"
                    accessibleName={`Download CSV of the export made ${formatDateTime(entry.created_at)}`}
                    small
                  />
                ),
              },
            ]}
          />
        )}
      </ResourceView>
    </Panel>
  );
}
