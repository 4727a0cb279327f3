// Credit notes, newest first, filtered by customer or invoice (kept in the
// address): each with its invoice, customer by name, reason, where its money
// went, its PDF, and the rows shown as CSV.
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import {
  customerIdFilter,
  FilteredListPage,
  invoiceIdFilter,
  useFilteredList,
} from "../../ui/filtered-list-page.tsx";
import { useListView } from "../../ui/list-view.tsx";
import { useCustomerNames } from "../customers/customer-names.ts";
import { CreditNotePdfButton } from "./credit-note-pdf-button.tsx";

type CreditNoteQuery = QueryOf<"/v1/credit-notes">;

const filterFields: FilterField<keyof CreditNoteQuery>[] = [customerIdFilter, invoiceIdFilter];

const creditNoteReasons: Record<string, string> = {
  duplicate: "Duplicate",
  fraudulent: "Fraudulent",
  order_change: "Order change",
  product_unsatisfactory: "Product unsatisfactory",
  billing_error: "Billing error",
  other: "Other",
};

/** The columns the API sorts by, with its field for each. */
const apiSorts = { number: "number", issued: "issued_at", total: "total" };

export function CreditNoteListPage() {
  const view = useListView(25, apiSorts);
  const filteredList = useFilteredList("/v1/credit-notes", filterFields, 50, view);
  const customerName = useCustomerNames();

  return (
    <FilteredListPage
      title="Credit notes"
      subtitle="Every credit note issued against an invoice, and where its amount went."
      basePath="/credit-notes"
      filteredList={filteredList}
      noun={["credit note", "credit notes"]}
      view={view}
      empty={{ hint: <p>A credit note is issued from its invoice's page.</p> }}
      csv={{
        header: [
          "number",
          "issued_at",
          "invoice_number",
          "customer",
          "reason",
          "currency",
          "total",
          "applied_to_invoice",
          "credited_to_balance",
        ],
        row: (note) => [
          note.number,
          note.issued_at,
          note.invoice_number ?? note.invoice_id,
          customerName(note.customer_id),
          note.reason,
          note.currency,
          note.total,
          note.applied_to_invoice,
          note.credited_to_balance,
        ],
      }}
    >
      {(notes) => (
        <DataTable
          label="Credit notes table"
          rows={notes}
          rowKey={(note) => note.id}
          view={view}
          columns={[
            {
              header: "Credit note",
              sort: { key: "number", value: (note) => ({ kind: "text", value: note.number }) },
              cell: (note) => note.number,
            },
            {
              header: "Issued",
              sort: { key: "issued", value: (note) => ({ kind: "instant", value: note.issued_at }) },
              cell: (note) => formatDateTime(note.issued_at),
            },
            {
              header: "Invoice",
              cell: (note) => (
                <Link to={invoicePath(note.invoice_id)}>{note.invoice_number ?? note.invoice_id}</Link>
              ),
            },
            {
              header: "Customer",
              cell: (note) => (
                <Link to={customerPath(note.customer_id)}>{customerName(note.customer_id)}</Link>
              ),
            },
            { header: "Reason", cell: (note) => creditNoteReasons[note.reason] ?? note.reason },
            {
              header: "Total",
              numeric: true,
              sort: { key: "total", value: (note) => ({ kind: "decimal", value: note.total }) },
              cell: (note) => formatMoney(note.total, note.currency),
            },
            {
              header: <span className="visually-hidden">Document</span>,
              label: "Document",
              className: "row-actions",
              cell: (note) => <CreditNotePdfButton note={note} small />,
            },
          ]}
        />
      )}
    </FilteredListPage>
  );
}
