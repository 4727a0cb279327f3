// The customer's invoices, newest first, each with its PDF.
import { useQuery } from "@tanstack/react-query";
import type { Invoice, PortalProfile } from "../api/resources.ts";
import { answer } from "../api/typed-client.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { DataTable } from "../ui/data-table.tsx";
import { DownloadButton } from "../ui/download-button.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";

const statusLabels: Record<Invoice["status"], string> = {
  draft: "Draft",
  open: "Due",
  paid: "Paid",
  partially_paid: "Partly paid",
  uncollectible: "Unpaid",
  void: "Void",
};

/** The day an invoice was issued, in the customer's time zone: the time of day tells a customer nothing. */
function issuedOn(instant: string, profile: PortalProfile): string {
  return new Intl.DateTimeFormat(profile.locale, { dateStyle: "medium", timeZone: profile.timezone }).format(
    new Date(instant),
  );
}

export function PortalInvoices({ profile }: { profile: PortalProfile }) {
  const invoices = useQuery(portalQuery("/v1/portal/invoices", { params: { query: { limit: 50 } } }));
  return (
    <Panel title="Invoices">
      <ResourceView resource={invoices} loadingLabel="Loading your invoices…">
        {({ data }) =>
          data.length === 0 ? (
            <p>No invoices yet.</p>
          ) : (
            <DataTable
              label="Invoices"
              stacked={false}
              rowHeaders={false}
              rows={data}
              rowKey={(invoice) => invoice.id}
              columns={[
                { header: "Invoice", cell: (invoice) => invoice.number },
                {
                  header: "Issued",
                  className: "nowrap",
                  cell: (invoice) => issuedOn(invoice.issued_at, profile),
                },
                { header: "Status", cell: (invoice) => statusLabels[invoice.status] },
                {
                  header: "Total",
                  numeric: true,
                  cell: (invoice) => formatMoney(invoice.total, invoice.currency, profile.locale),
                },
                {
                  header: <span className="visually-hidden">Download</span>,
                  cell: (invoice) => <PdfButton invoice={invoice} />,
                },
              ]}
            />
          )
        }
      </ResourceView>
    </Panel>
  );
}

function PdfButton({ invoice }: { invoice: Invoice }) {
  const name = invoice.number ?? invoice.id;
  return (
    <DownloadButton
      download={() =>
        answer(
          portalApi.GET("/v1/portal/invoices/{id}/pdf", {
            params: { path: { id: invoice.id } },
            parseAs: "blob",
          }),
        )
      }
      fileName={`${name}.pdf`}
      label="PDF"
      accessibleName={`Download invoice ${name} as PDF`}
      small
    />
  );
}
