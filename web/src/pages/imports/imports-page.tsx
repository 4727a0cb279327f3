// Imports: bring customers, plans, coupons and subscriptions over from the
// system left behind, and its usage history. The form starts one from a
// Stripe account or a Lago organization (its key is sent once and never
// shown again), from a CSV
// file in a template of docs/imports.md, as a dry run or for real, or from a
// file of past usage events (NDJSON or CSV, each event id stored once); the list shows every import's
// progress, and the chosen one its counts and its report, record by record:
// what each became, or why it was skipped or left for a person (a CSV row's
// problems name the row and the column).
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, type ListItem, useApiMutation, usePagedList } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { type ChosenFile, FileTextField } from "../../ui/file-text-field.tsx";
import { CheckboxField, SelectField } from "../../ui/form-field.tsx";
import { JobListPage, JobReport, JobStartPanel } from "../../ui/job-list-page.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { ReasonForm } from "./reason-form.tsx";
import { type SourceConnection, SourceConnectionFields } from "./source-connection-fields.tsx";

type Import = ListItem<"/v1/imports">;
type Outcome = ListItem<"/v1/imports/{id}/records">["outcome"];
type Source = "csv" | "stripe" | "lago" | "usage";
type CsvObject = "customers" | "subscriptions";
type UsageFormat = "ndjson" | "csv";

const sourceOptions: { value: Source; label: string }[] = [
  { value: "csv", label: "A CSV file" },
  { value: "stripe", label: "Stripe Billing" },
  { value: "lago", label: "Lago" },
  { value: "usage", label: "A file of past usage events" },
];
/** The sources read through their API, and how each is reached. */
const connections: Record<"stripe" | "lago", SourceConnection> = {
  stripe: {
    keyField: "stripe.secret_key",
    addressField: "stripe.api_base_url",
    keyLabel: "Secret key",
    keyHint: "A restricted key that may read the account",
    addressHint: "Stripe's own when empty",
    addressRequired: false,
  },
  lago: {
    keyField: "lago.api_key",
    addressField: "lago.api_url",
    keyLabel: "API key",
    keyHint: "An API key of the Lago organization (Developers, API keys)",
    addressHint: "Where Lago's API answers, without /api/v1: https://api.getlago.com, or your own Lago's",
    addressRequired: true,
  },
};

const usageFormatOptions: { value: UsageFormat; label: string }[] = [
  { value: "ndjson", label: "NDJSON: one event a line" },
  { value: "csv", label: "CSV: id, customer, name, timestamp, properties.<key>" },
];
const csvObjectOptions: { value: CsvObject; label: string }[] = [
  { value: "customers", label: "Customers" },
  { value: "subscriptions", label: "Subscriptions" },
];
const outcomeOptions: { value: Outcome | ""; label: string }[] = [
  { value: "", label: "Every record" },
  { value: "refused", label: "Left for a person" },
  { value: "created", label: "Created" },
  { value: "skipped", label: "Skipped" },
];

export function ImportsPage() {
  const session = useSignedInSession();
  const imports = usePagedList("/v1/imports", { params: { query: { limit: 20 } } });
  return (
    <JobListPage
      title="Imports"
      subtitle="Customers, plans, coupons and subscriptions brought over from Stripe Billing, Lago or a CSV file."
      list={imports}
      noun={["import", "imports"]}
      idHeader="Import"
      start={can(session, "billing:write") ? (onStarted) => <NewImport onCreated={onStarted} /> : undefined}
      columns={[
        { header: "From", cell: sourceLabel },
        { header: "Status", cell: (found) => <span className="badge">{found.status}</span> },
        { header: "Progress", cell: (found) => `${found.records_done} of ${found.records_total}` },
        { header: "Created", cell: (found) => found.created, numeric: true },
        { header: "Skipped", cell: (found) => found.skipped, numeric: true },
        { header: "Left for a person", cell: (found) => found.refused, numeric: true },
        { header: "Requested", cell: (found) => formatDateTime(found.created_at) },
      ]}
      report={(id) => <ImportReport id={id} />}
    />
  );
}

function sourceLabel(found: Import): string {
  let source = "Stripe Billing";
  if (found.source === "lago") source = "Lago";
  else if (found.source === "csv") source = `CSV of ${found.csv_object ?? "records"}`;
  else if (found.source === "usage") source = `Usage events (${found.usage_format ?? "file"})`;
  return found.dry_run ? `${source} (dry run)` : source;
}

function NewImport({ onCreated }: { onCreated: (id: string) => void }) {
  const [source, setSource] = useState<Source>("csv");
  const [dryRun, setDryRun] = useState(false);
  const [csvObject, setCsvObject] = useState<CsvObject>("customers");
  const [file, setFile] = useState<ChosenFile | undefined>();
  const [atomic, setAtomic] = useState(true);
  const [apiKey, setApiKey] = useState("");
  const [address, setAddress] = useState("");
  const [usageFormat, setUsageFormat] = useState<UsageFormat>("ndjson");
  const requestBody = () => {
    const text = file?.text ?? "";
    if (source === "usage") return { source, usage: { format: usageFormat, text } };
    if (source === "csv") return { source, dry_run: dryRun, csv: { object: csvObject, text, atomic } };
    if (source === "lago")
      return { source, dry_run: dryRun, lago: { api_url: address.trim(), api_key: apiKey } };
    return {
      source,
      dry_run: dryRun,
      stripe: {
        secret_key: apiKey,
        ...(address.trim() === "" ? {} : { api_base_url: address.trim() }),
      },
    };
  };
  const create = useApiMutation({
    call: () => api.POST("/v1/imports", { body: requestBody() }),
    invalidates: ["/v1/imports"],
    onSuccess: (created: Import) => {
      // The key is sent once: the form forgets it as soon as the import is accepted.
      setApiKey("");
      onCreated(created.id);
    },
  });
  const errors = fieldErrorMap(create.error?.fieldErrors ?? []);
  return (
    <JobStartPanel title="New import" start={create} submit={["Start the import", "Starting…"]}>
      <SelectField
        label="Import from"
        value={source}
        onValueChange={(chosen) => setSource(chosen as Source)}
        options={sourceOptions}
        error={errors.source}
      />
      {source === "csv" && (
        <>
          <SelectField
            label="Template"
            value={csvObject}
            onValueChange={(chosen) => setCsvObject(chosen as CsvObject)}
            options={csvObjectOptions}
            error={errors["csv.object"]}
          />
          <FileTextField
            label="CSV file"
            accept=".csv,text/csv"
            onFileChange={setFile}
            hint="A header row naming the template's columns, then a row per record."
            error={errors["csv.text"] ?? errors.csv}
          />
          <CheckboxField
            label="Atomic: import nothing if any row has a problem"
            checked={atomic}
            onCheckedChange={setAtomic}
          />
        </>
      )}
      {source === "usage" && (
        <>
          <SelectField
            label="Format"
            value={usageFormat}
            onValueChange={(chosen) => setUsageFormat(chosen as UsageFormat)}
            options={usageFormatOptions}
            error={errors["usage.format"]}
          />
          <FileTextField
            label="Events file"
            accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv"
            onFileChange={setFile}
            hint="At most 50,000 events. Each event id is stored once: fix the refused lines and import the file again."
            error={errors["usage.text"] ?? errors.usage}
          />
        </>
      )}
      {(source === "stripe" || source === "lago") && (
        <SourceConnectionFields
          connection={connections[source]}
          apiKey={apiKey}
          onApiKeyChange={setApiKey}
          address={address}
          onAddressChange={setAddress}
          errors={errors}
        />
      )}
      {source !== "usage" && (
        <CheckboxField
          label="Dry run: report what would be imported, change nothing"
          checked={dryRun}
          onCheckedChange={setDryRun}
        />
      )}
    </JobStartPanel>
  );
}

function ImportReport({ id }: { id: string }) {
  return (
    <JobReport
      title={`Import ${id}`}
      query={apiQuery("/v1/imports/{id}", { params: { path: { id } } })}
      loadingLabel="Loading the import…"
    >
      {(done) => (
        <>
          <p>
            {done.status === "completed" || done.status === "failed"
              ? `${done.status === "completed" ? "Completed" : "Failed"}: `
              : `${done.status === "queued" ? "Queued" : "Running"}, ${done.records_done} of ${done.records_total} records read: `}
            {done.created} {done.dry_run ? "would be created" : "created"}, {done.skipped} skipped,{" "}
            {done.refused} left for a person.
            {done.failure ? ` ${done.failure}` : ""}
          </p>
          {(done.status === "completed" || done.status === "failed") && <ImportRecords id={id} />}
        </>
      )}
    </JobReport>
  );
}

function ImportRecords({ id }: { id: string }) {
  const canResolve = can(useSignedInSession(), "billing:write");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const records = usePagedList("/v1/imports/{id}/records", {
    params: { path: { id }, query: { limit: 100, ...(outcome === "" ? {} : { outcome }) } },
  });
  return (
    <section aria-label="Report">
      <h3>Report</h3>
      <SelectField
        label="Show"
        value={outcome}
        onValueChange={(chosen) => setOutcome(chosen as Outcome | "")}
        options={outcomeOptions}
      />
      <PagedListView
        list={records}
        noun={["record", "records"]}
        loadingLabel="Loading the report…"
        empty="No records here."
      >
        {(rows) => (
          <DataTable
            label="Import report table"
            rows={rows}
            rowKey={(record) => record.position}
            columns={[
              { header: "Record", cell: (record) => `${record.source_type} ${record.source_id}` },
              { header: "Outcome", cell: (record) => <span className="badge">{record.outcome}</span> },
              { header: "In Fairbill", cell: (record) => record.fairbill_id ?? "–" },
              { header: "Reason", cell: (record) => record.reason ?? "–" },
              {
                header: "Source record",
                cell: (record) =>
                  record.source_record === null || record.source_record === undefined ? (
                    "–"
                  ) : (
                    <details>
                      <summary>As read</summary>
                      <pre>{JSON.stringify(record.source_record, null, 2)}</pre>
                    </details>
                  ),
              },
              {
                header: "Decision",
                cell: (record) =>
                  record.outcome !== "refused" ? (
                    "–"
                  ) : record.resolution !== null ? (
                    `By ${record.resolution.resolved_by}: ${record.resolution.reason}`
                  ) : canResolve ? (
                    <ReasonForm
                      name={`Resolve record ${record.position}`}
                      fieldLabel={`Decision on record ${record.position}`}
                      submitLabel="Resolve"
                      write={(reason) =>
                        answer(
                          api.POST("/v1/imports/{id}/records/{position}/resolve", {
                            params: { path: { id, position: record.position } },
                            body: { reason },
                          }),
                        )
                      }
                      invalidates={["/v1/imports/{id}/records", "/v1/cut-over"]}
                    />
                  ) : (
                    "Waiting for a person"
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </section>
  );
}
