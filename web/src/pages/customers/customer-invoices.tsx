// A customer's invoices, newest first, with a way to issue every invoice
// that is due now (what the bill run does, for this customer alone) and to
// write a one-off invoice.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import { Link } from "../../routing/link.tsx";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { InvoiceTable } from "../invoices/invoice-table.tsx";

export function CustomerInvoices({ customerId, writable }: { customerId: string; writable: boolean }) {
  const list = usePagedList("/v1/invoices", { params: { query: { customer_id: customerId, limit: 20 } } });
  const [outcome, setOutcome] = useState("");
  // Billing issues invoices and uses the customer's credits and balance.
  const billNow = useApiMutation({
    call: () => api.POST("/v1/customers/{id}/bill", { params: { path: { id: customerId } } }),
    invalidates: ["/v1/invoices", "/v1/customers/{id}", "/v1/subscriptions"],
    onSuccess: (result) =>
      setOutcome(
        result.issued === 0
          ? "Nothing is due now."
          : `${result.issued} ${result.issued === 1 ? "invoice" : "invoices"} issued, ${result.finalized} final.`,
      ),
  });

  return (
    <Panel
      title="Invoices"
      actions={
        writable && (
          <span className="page-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setOutcome("");
                billNow.mutate();
              }}
              disabled={billNow.isPending}
            >
              {billNow.isPending ? "Billing…" : "Bill what is due"}
            </button>
            <Link
              to={`/invoices/new?customer_id=${encodeURIComponent(customerId)}`}
              className="button button-small"
            >
              New one-off invoice
            </Link>
          </span>
        )
      }
    >
      <StatusMessage>{outcome}</StatusMessage>
      {billNow.error && <ErrorState error={billNow.error} title="Nothing was billed" />}
      <PagedListView list={list} noun={["invoice", "invoices"]} empty="No invoices.">
        {(invoices) => (
          <InvoiceTable invoices={invoices} label="Customer invoices table" showCustomer={false} />
        )}
      </PagedListView>
    </Panel>
  );
}
