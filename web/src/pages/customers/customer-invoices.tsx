// A customer's invoices, newest first, with a way to issue every invoice
// that is due now (what the bill run does, for this customer alone) and to
// write a one-off invoice.
import { useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { Invoice } from "../../api/resources.ts";
import { asApiError, usePagedList } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { InvoiceTable } from "../invoices/invoice-table.tsx";

export function CustomerInvoices({ customerId, writable }: { customerId: string; writable: boolean }) {
  const list = usePagedList<Invoice>(`/v1/invoices?customer_id=${encodeURIComponent(customerId)}&limit=20`);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [error, setError] = useState<ApiError | undefined>();

  const billNow = async () => {
    setBusy(true);
    setError(undefined);
    setOutcome("");
    try {
      const result = await apiRequest<{ issued: number; finalized: number }>(
        "POST",
        `/v1/customers/${encodeURIComponent(customerId)}/bill`,
      );
      setOutcome(
        result.issued === 0
          ? "Nothing is due now."
          : `${result.issued} ${result.issued === 1 ? "invoice" : "invoices"} issued, ${result.finalized} final.`,
      );
      list.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="customer-invoices-title">
      <div className="panel-heading">
        <h2 id="customer-invoices-title">Invoices</h2>
        {writable && (
          <span className="page-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => void billNow()}
              disabled={busy}
            >
              {busy ? "Billing…" : "Bill what is due"}
            </button>
            <Link
              to={`/invoices/new?customer_id=${encodeURIComponent(customerId)}`}
              className="button button-small"
            >
              New one-off invoice
            </Link>
          </span>
        )}
      </div>
      <p className="outcome" role="status">
        {outcome}
      </p>
      {error && <ErrorState error={error} title="Nothing was billed" />}
      {list.state.status === "loading" && <LoadingState label="Loading invoices…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && <EmptyState title="No invoices." />}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <InvoiceTable invoices={list.state.data} label="Customer invoices table" showCustomer={false} />
      )}
      <ListFooter list={list} noun={["invoice", "invoices"]} />
    </section>
  );
}
