// A partner's external sales: transactions its own system reports (a
// marketplace's or a point of sale's export), uploaded here as a CSV file on
// the documented template, and those that no statement accounts for, each
// with its reason (no mapping, no settlement line, an amount that differs);
// and the partner's item mappings, its item codes to a plan, charge or product.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { GetData } from "../../api/queries.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { type ChosenFile, FileTextField } from "../../ui/file-text-field.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { ErrorState } from "../../ui/states.tsx";

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
      <ItemMappings partner={partner} />
      <Panel title="Unmatched sales">
        <ResourceView
          resource={unmatched}
          loadingLabel="Loading the unmatched sales…"
          empty="Every sale is matched by a statement."
        >
          {({ data }) => (
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
          )}
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
    call: (csv: string) =>
      api.POST("/v1/partners/{id}/external-sales", {
        params: { path: { id: partner.id } },
        body: { csv },
      }),
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
          <SubmitButton
            busy={upload.isPending}
            ready={file !== undefined}
            label="Upload"
            busyLabel="Uploading…"
          />
        </div>
      </form>
      {upload.error && <ErrorState error={upload.error} title="The file was not recorded" />}
      <OutcomeMessage message={outcome} />
    </Panel>
  );
}

const itemKinds = [
  { value: "plan", label: "Plan" },
  { value: "charge", label: "Charge" },
  { value: "product", label: "Product" },
] as const;

type ItemKind = (typeof itemKinds)[number]["value"];

function ItemMappings({ partner }: { partner: Partner }) {
  const session = useSignedInSession();
  const mappings = useQuery(
    apiQuery("/v1/partners/{id}/item-mappings", { params: { path: { id: partner.id } } }),
  );
  const [externalItem, setExternalItem] = useState("");
  const [kind, setKind] = useState<ItemKind>("plan");
  const [code, setCode] = useState("");
  const add = useApiMutation({
    call: () =>
      api.POST("/v1/partners/{id}/item-mappings", {
        params: { path: { id: partner.id } },
        body: { external_item: externalItem.trim(), item: { kind, code: code.trim() } },
      }),
    invalidates: ["/v1/partners/{id}/item-mappings", "/v1/partners/{id}/external-sales"],
    onSuccess: () => {
      setExternalItem("");
      setCode("");
    },
  });
  const errorOf = (path: string) => add.error?.fieldErrors.find((error) => error.path === path)?.message;
  return (
    <Panel title="Item mappings">
      <ResourceView
        resource={mappings}
        loadingLabel="Loading the item mappings…"
        empty="No item mapped yet: every sale is unmatched until its item is."
      >
        {({ data }) => (
          <DataTable
            label="Item mappings table"
            rows={data}
            rowKey={(mapping) => mapping.id}
            columns={[
              { header: "Partner's item", cell: (mapping) => <code>{mapping.external_item}</code> },
              {
                header: "Invoiced as",
                cell: (mapping) => (
                  <>
                    {itemKinds.find((option) => option.value === mapping.item.kind)?.label}{" "}
                    <code>{mapping.item.code}</code>
                  </>
                ),
              },
            ]}
          />
        )}
      </ResourceView>
      {can(session, "billing:write") && (
        <form
          className="form section-gap"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <TextField
            label="Partner's item code"
            value={externalItem}
            onValueChange={setExternalItem}
            error={errorOf("$.external_item")}
            required
          />
          <SelectField
            label="Invoiced as"
            value={kind}
            onValueChange={(value) => setKind(value as ItemKind)}
            options={[...itemKinds]}
          />
          <TextField
            label="Code in Fairbill"
            value={code}
            onValueChange={setCode}
            error={errorOf("$.item.code")}
            hint="The plan's, charge's or product's code."
            required
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={add.isPending}>
              Map the item
            </button>
          </div>
          {add.error && add.error.fieldErrors.length === 0 && <ErrorState error={add.error} />}
        </form>
      )}
    </Panel>
  );
}
