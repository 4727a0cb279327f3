// The customer's invoices, newest first, each with its PDF.
import { useState } from "react";
import type { Invoice, PortalProfile } from "../api/resources.ts";
import { asApiError } from "../api/use-api.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { ErrorState, LoadingState } from "../ui/states.tsx";
import { TableScroll } from "../ui/table-scroll.tsx";
import { portalDownload } from "./portal-api.ts";
import { usePortalResource } from "./use-portal-resource.ts";

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
  const { state, reload } = usePortalResource<{ data: Invoice[] }>("/v1/portal/invoices?limit=50");
  return (
    <section className="panel" aria-labelledby="portal-invoices-heading">
      <h2 id="portal-invoices-heading">Invoices</h2>
      {state.status === "loading" && <LoadingState label="Loading your invoices…" />}
      {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === "ready" &&
        (state.data.data.length === 0 ? (
          <p>No invoices yet.</p>
        ) : (
          <TableScroll label="Invoices">
            <table>
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Total
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.data.data.map((invoice) => (
                  <tr key={invoice.id}>
                    <td>{invoice.number}</td>
                    <td className="nowrap">{issuedOn(invoice.issued_at, profile)}</td>
                    <td>{statusLabels[invoice.status]}</td>
                    <td className="numeric">
                      {formatMoney(invoice.total, invoice.currency, profile.locale)}
                    </td>
                    <td>
                      <PdfButton invoice={invoice} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
    </section>
  );
}

function PdfButton({ invoice }: { invoice: Invoice }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const name = invoice.number ?? invoice.id;
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await portalDownload(`/v1/portal/invoices/${encodeURIComponent(invoice.id)}/pdf`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${name}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has read the URL by now; keeping it would hold the file in memory.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (caught) {
      setError(asApiError(caught).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download-button">
      <button
        type="button"
        className="button button-small"
        onClick={() => void download()}
        disabled={busy}
        aria-label={`Download invoice ${name} as PDF`}
      >
        {busy ? "Preparing…" : "PDF"}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
