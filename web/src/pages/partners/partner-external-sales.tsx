// A partner's external sales: transactions its own system reports (a
// marketplace's or a point of sale's export), uploaded here as a CSV file on
// the documented template, and those that no statement accounts for, each
// with its reason (no mapping, no settlement line, an amount that differs).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { GetData } from "../../api/queries.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { type ChosenFile, FileTextField } from "../../ui/file-text-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";

type Partner = GetData<"/v1/partners/{id}">;
type ExternalSale = GetData<"/v1/partners/{id}/external-sales">["data"][number];

const csvTemplate = "external_id,date,customer_reference,item,quantity,amount,currency";

export function PartnerExternalSales({ partner }: { partner: Partner }) {
  const unmatched = useQuery(
    apiQuery("/v1/partners/{id}/external-sales", {
      params: { path: { id: partner.id }, query: { state: "unmatched" } },
    }),
  );
  return (
    <>
      <UploadPanel partner={partner} />
      <Panel title="Unmatched sales">
        <ResourceView resource={unmatched} loadingLabel="Loading the unmatched sales…">
          {({ data }) =>
            data.length === 0 ? (
              <EmptyState title="Every sale is matched by a statement." />
            ) : (
              <DataTable
                label="Unmatched sales table"
                rows={data}
                rowKey={(sale) => sale.id}
                columns={[
                  { header: "External id", cell: (sale) => <code>{sale.external_id}</code> },
                  { header: "Date", cell: (sale) => formatDateTime(sale.occurred_at) },
                  { header: "Customer", cell: (sale) => sale.customer_reference },
                  { header: "Item", cell: (sale) => <code>{sale.item}</code> },
                  {
                    header: "Amount",
                    numeric: true,
                    cell: (sale) => formatMoney(sale.amount, sale.currency),
                  },
                  { header: "Why it is unmatched", cell: reasonText },
                ]}
              />
            )
          }
        </ResourceView>
      </Panel>
    </>
  );
}

function reasonText(sale: ExternalSale): string {
  return sale.reason === null ? "" : sale.reason.message.replace(/^./, (first) => first.toUpperCase());
}

function UploadPanel({ partner }: { partner: Partner }) {
  const session = useSignedInSession();
  const [file, setFile] = useState<ChosenFile | undefined>();
  const upload = useApiMutation({
    write: (csv: string) =>
      answer(
        api.POST("/v1/partners/{id}/external-sales", {
          params: { path: { id: partner.id } },
          body: { csv },
        }),
      ),
    invalidates: ["/v1/partners/{id}/external-sales"],
  });
  if (!can(session, "billing:write")) return null;
  const outcome = upload.data
    ? `${upload.data.created} sales recorded, ${upload.data.skipped} recorded before.`
    : "";
  return (
    <Panel title="Upload sales">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (file !== undefined) upload.mutate(file.text);
        }}
      >
        <FileTextField
          label="CSV file of the partner's sales"
          accept=".csv,text/csv"
          hint={`One row per sale, with the header ${csvTemplate}. One bad row refuses the whole file.`}
          onFileChange={(chosen) => {
            upload.reset();
            setFile(chosen);
          }}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={file === undefined || upload.isPending}
          >
            {upload.isPending ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
      {upload.error && <ErrorState error={upload.error} title="The file was not recorded" />}
      <OutcomeMessage message={outcome} />
    </Panel>
  );
}
