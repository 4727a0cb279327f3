// An invoice's status as a badge: an open or partly paid invoice past its
// due date with something left to pay shows as overdue, with its days.
import type { Invoice, InvoiceStatus } from "../../api/resources.ts";

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  draft: "Draft",
  open: "Open",
  paid: "Paid",
  partially_paid: "Partially paid",
  uncollectible: "Uncollectible",
  void: "Void",
};

const badgeClasses: Record<InvoiceStatus, string> = {
  draft: "badge badge-muted",
  open: "badge badge-warning",
  paid: "badge badge-success",
  partially_paid: "badge badge-warning",
  uncollectible: "badge badge-muted",
  void: "badge badge-muted",
};

export function InvoiceStatusBadge({
  invoice,
}: {
  invoice: Pick<Invoice, "status" | "overdue" | "days_overdue">;
}) {
  if (invoice.overdue) {
    const days = invoice.days_overdue === 1 ? "1 day" : `${invoice.days_overdue} days`;
    return <span className="badge badge-danger">{`Overdue ${days}`}</span>;
  }
  return <span className={badgeClasses[invoice.status]}>{invoiceStatusLabels[invoice.status]}</span>;
}
