// Parallel runs: before cut-over, the old system's invoices for past periods
// (a CSV file in the old_invoices template of docs/imports.md) beside those
// Fairbill would have issued, issuing nothing. The form uploads the file
// (each problem of it names its row and column); the list keeps every run so
// the matching share shows the progress between mapping fixes; the chosen
// run shows per currency the share matching to the cent, both totals, the
// revenue at stake and the differences by cause, every differing line (which
// a person other than the one who asked for the run may accept with a
// reason, for the cut-over checklist), and each customer's two invoices side
// by side. A run is a job: the report follows its progress until it ends.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, type ListItem, useApiMutation, usePagedList } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { type ChosenFile, FileTextField } from "../../ui/file-text-field.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { JobListPage, JobReport, JobStartPanel } from "../../ui/job-list-page.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { ReasonForm } from "./reason-form.tsx";

type ParallelRun = ListItem<"/v1/parallel-runs">;
type RunInvoice = ListItem<"/v1/parallel-runs/{id}/invoices">;
type Cause = ListItem<"/v1/parallel-runs/{id}/differences">["cause"];
type Side = RunInvoice["lines"][number]["old"];

const causeLabels: Record<Cause, string> = {
  only_old: "Only the old system has it",
  only_fairbill: "Only Fairbill has it",
  quantity: "Quantity",
  price: "Unit price",
  proration: "Proration",
  tax: "Tax",
  rounding: "Rounding",
  amount: "Amount",
};

const matchOptions: { value: "false" | "true" | ""; label: string }[] = [
  { value: "false", label: "Differing invoices" },
  { value: "true", label: "Matching invoices" },
  { value: "", label: "Every invoice" },
];

function periodOf(invoice: { period_start: string; period_end: string }): string {
  return `${formatDateTime(invoice.period_start)} to ${formatDateTime(invoice.period_end)}`;
}

export function ParallelRunsPage() {
  const session = useSignedInSession();
  const runs = usePagedList("/v1/parallel-runs", { params: { query: { limit: 20 } } });
  return (
    <JobListPage
      title="Parallel runs"
      subtitle="The old system's invoices beside those Fairbill would have issued for the same periods, issuing nothing."
      list={runs}
      noun={["parallel run", "parallel runs"]}
      idHeader="Run"
      start={
        can(session, "billing:write") ? (onStarted) => <NewParallelRun onCreated={onStarted} /> : undefined
      }
      columns={[
        { header: "Run at", cell: (run) => formatDateTime(run.created_at) },
        { header: "Status", cell: (run) => <span className="badge">{run.status}</span> },
        { header: "Invoices", cell: (run) => run.invoices, numeric: true },
        { header: "Matching", cell: (run) => run.matching, numeric: true },
        { header: "Share matching", cell: (run) => `${run.matching_percent}%`, numeric: true },
        {
          header: "Revenue at stake",
          cell: (run) =>
            run.currencies
              .map((totals) => formatMoney(totals.revenue_at_stake, totals.currency))
              .join(", ") || "–",
          numeric: true,
        },
      ]}
      report={(id) => <ParallelRunReport id={id} />}
    />
  );
}

type OldInvoicesSource = "file" | "imported";

const oldInvoicesOptions: { value: OldInvoicesSource; label: string }[] = [
  { value: "file", label: "A CSV file" },
  { value: "imported", label: "The invoices imported as history (Lago)" },
];

function NewParallelRun({ onCreated }: { onCreated: (id: string) => void }) {
  const [oldInvoices, setOldInvoices] = useState<OldInvoicesSource>("file");
  const [file, setFile] = useState<ChosenFile | undefined>();
  const [customers, setCustomers] = useState("");
  const chosenCustomers = customers.split(/[\s,]+/).filter((id) => id !== "");
  const create = useApiMutation({
    call: () =>
      api.POST("/v1/parallel-runs", {
        body: {
          ...(oldInvoices === "imported"
            ? { old_invoices: "imported" as const }
            : { old_invoices_csv: file?.text ?? "" }),
          ...(chosenCustomers.length === 0 ? {} : { customer_external_ids: chosenCustomers }),
        },
      }),
    invalidates: ["/v1/parallel-runs"],
    onSuccess: (created: ParallelRun) => onCreated(created.id),
  });
  return (
    <JobStartPanel title="New parallel run" start={create} submit={["Compare the invoices", "Queuing…"]}>
      <SelectField
        label="Old invoices from"
        value={oldInvoices}
        onValueChange={(chosen) => setOldInvoices(chosen as OldInvoicesSource)}
        options={oldInvoicesOptions}
      />
      {oldInvoices === "file" && (
        <FileTextField
          label="Old invoices (CSV)"
          accept=".csv,text/csv"
          onFileChange={setFile}
          hint="One row per invoice line in the old_invoices template; every period must have ended."
        />
      )}
      <TextField
        label="Only these customers"
        value={customers}
        onValueChange={setCustomers}
        hint="External ids separated by spaces or commas; every customer of the file when empty"
      />
    </JobStartPanel>
  );
}

function ParallelRunReport({ id }: { id: string }) {
  return (
    <JobReport
      title={`Parallel run ${id}`}
      query={apiQuery("/v1/parallel-runs/{id}", { params: { path: { id } } })}
      loadingLabel="Loading the parallel run…"
    >
      {(found) =>
        found.status !== "completed" ? (
          <RunProgress run={found} />
        ) : (
          <>
            <p>
              {found.matching} of {found.invoices} invoices match to the cent ({found.matching_percent}%).
            </p>
            {found.currencies.map((totals) => (
              <section key={totals.currency} aria-label={`Summary in ${totals.currency}`}>
                <h3>
                  {totals.currency}: {totals.matching} of {totals.invoices} matching (
                  {totals.matching_percent}%), {formatMoney(totals.revenue_at_stake, totals.currency)} at
                  stake
                </h3>
                <p>
                  Old system {formatMoney(totals.old_total, totals.currency)}, Fairbill{" "}
                  {formatMoney(totals.fairbill_total, totals.currency)}.
                </p>
                {totals.causes.length > 0 && (
                  <DataTable
                    label={`Differences by cause in ${totals.currency}`}
                    rows={totals.causes}
                    rowKey={(cause) => cause.cause}
                    columns={[
                      { header: "Cause", cell: (cause) => causeLabels[cause.cause] },
                      { header: "Lines", cell: (cause) => cause.lines, numeric: true },
                      {
                        header: "Difference",
                        cell: (cause) => formatMoney(cause.difference, totals.currency),
                        numeric: true,
                      },
                    ]}
                  />
                )}
              </section>
            ))}
            <RunDifferences id={id} />
            <RunInvoices id={id} />
          </>
        )
      }
    </JobReport>
  );
}

function RunProgress({ run }: { run: ParallelRun }) {
  if (run.status === "failed") return <p>Failed: {run.failure}</p>;
  return (
    <p>
      {run.status === "queued" ? "Queued" : "Running"}: {run.customers_done} of {run.customers_total}{" "}
      customers compared.
    </p>
  );
}

function RunDifferences({ id }: { id: string }) {
  const canAccept = can(useSignedInSession(), "billing:write");
  const differences = usePagedList("/v1/parallel-runs/{id}/differences", {
    params: { path: { id }, query: { limit: 100 } },
  });
  return (
    <section aria-label="Differences">
      <h3>Differences</h3>
      <PagedListView
        list={differences}
        noun={["differing line", "differing lines"]}
        loadingLabel="Loading the differences…"
        empty="Every line matches to the cent."
      >
        {(rows) => (
          <DataTable
            label="Differences table"
            rows={rows}
            rowKey={(line) => line.id}
            columns={[
              {
                header: "Customer",
                cell: (line) => <Link to={customerPath(line.customer_id)}>{line.customer_external_id}</Link>,
              },
              { header: "Old invoice", cell: (line) => line.old_invoice_number },
              { header: "Period", cell: periodOf },
              { header: "Charge", cell: (line) => line.charge_code },
              { header: "Cause", cell: (line) => causeLabels[line.cause] },
              { header: "Old", cell: (line) => sideAmount(line.old, line.currency), numeric: true },
              {
                header: "Fairbill",
                cell: (line) => sideAmount(line.fairbill, line.currency),
                numeric: true,
              },
              {
                header: "Difference",
                cell: (line) => formatMoney(line.difference, line.currency),
                numeric: true,
              },
              {
                header: "Accepted",
                cell: (line) =>
                  line.acceptance !== null ? (
                    `By ${line.acceptance.accepted_by}: ${line.acceptance.reason}`
                  ) : canAccept ? (
                    <AcceptDifference runId={id} differenceId={line.id} />
                  ) : (
                    "Not yet"
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </section>
  );
}

/** A second person accepts a difference with a reason; the API refuses the person who asked for the run. */
function AcceptDifference({ runId, differenceId }: { runId: string; differenceId: string }) {
  return (
    <ReasonForm
      name={`Accept difference ${differenceId}`}
      fieldLabel={`Reason to accept ${differenceId}`}
      submitLabel="Accept"
      write={(reason) =>
        answer(
          api.POST("/v1/parallel-runs/{id}/differences/{difference}/accept", {
            params: { path: { id: runId, difference: differenceId } },
            body: { reason },
          }),
        )
      }
      invalidates={["/v1/parallel-runs/{id}/differences", "/v1/cut-over"]}
    />
  );
}

function sideAmount(side: Side, currency: string): string {
  return side === null ? "–" : formatMoney(side.amount, currency);
}

function RunInvoices({ id }: { id: string }) {
  const [matches, setMatches] = useState<"false" | "true" | "">("false");
  const [compared, setCompared] = useState<RunInvoice | undefined>();
  const invoices = usePagedList("/v1/parallel-runs/{id}/invoices", {
    params: { path: { id }, query: { limit: 50, ...(matches === "" ? {} : { matches }) } },
  });
  return (
    <section aria-label="Invoices">
      <h3>Invoices</h3>
      <SelectField
        label="Show"
        value={matches}
        onValueChange={(chosen) => setMatches(chosen as "false" | "true" | "")}
        options={matchOptions}
      />
      <PagedListView
        list={invoices}
        noun={["invoice", "invoices"]}
        loadingLabel="Loading the invoices…"
        empty="No invoices here."
      >
        {(rows) => (
          <DataTable
            label="Compared invoices table"
            rows={rows}
            rowKey={(invoice) => invoice.position}
            columns={[
              { header: "Customer", cell: (invoice) => invoice.customer_external_id },
              { header: "Old invoice", cell: (invoice) => invoice.old_invoice_number },
              { header: "Period", cell: periodOf },
              {
                header: "Old total",
                cell: (invoice) => formatMoney(invoice.old_total, invoice.currency),
                numeric: true,
              },
              {
                header: "Fairbill total",
                cell: (invoice) => formatMoney(invoice.fairbill_total, invoice.currency),
                numeric: true,
              },
              {
                header: "Difference",
                cell: (invoice) => formatMoney(invoice.difference, invoice.currency),
                numeric: true,
              },
              {
                header: "Side by side",
                cell: (invoice) => (
                  <button type="button" className="button" onClick={() => setCompared(invoice)}>
                    Compare {invoice.old_invoice_number}
                  </button>
                ),
              },
            ]}
          />
        )}
      </PagedListView>
      {compared && <InvoiceComparison invoice={compared} />}
    </section>
  );
}

function sideCell(side: Side, currency: string): string {
  if (side === null) return "–";
  const quantity = side.quantity === null ? "" : `${formatQuantity(side.quantity)} × `;
  const price = side.unit_price === null ? "" : `${formatMoney(side.unit_price, currency)} = `;
  return `${quantity}${price}${formatMoney(side.amount, currency)}`;
}

function InvoiceComparison({ invoice }: { invoice: RunInvoice }) {
  return (
    <section aria-label={`Invoice ${invoice.old_invoice_number} side by side`}>
      <h3>
        {invoice.customer_external_id}, {periodOf(invoice)}: old invoice {invoice.old_invoice_number} beside
        Fairbill's
        {invoice.fairbill_issued_at === null
          ? " (Fairbill would issue none)"
          : ` (dated ${formatDateTime(invoice.fairbill_issued_at)})`}
      </h3>
      <DataTable
        label={`Lines of ${invoice.old_invoice_number}`}
        rows={invoice.lines}
        rowKey={(line) => line.charge_code}
        columns={[
          { header: "Charge", cell: (line) => line.charge_code },
          { header: "Old system", cell: (line) => sideCell(line.old, invoice.currency), numeric: true },
          { header: "Fairbill", cell: (line) => sideCell(line.fairbill, invoice.currency), numeric: true },
          {
            header: "Difference",
            cell: (line) => formatMoney(line.difference, invoice.currency),
            numeric: true,
          },
          { header: "Cause", cell: (line) => (line.cause === null ? "Matches" : causeLabels[line.cause]) },
        ]}
      />
    </section>
  );
}
